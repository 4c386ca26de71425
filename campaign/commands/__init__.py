"""One module per CLI verb; each exposes run(config, ...)."""
