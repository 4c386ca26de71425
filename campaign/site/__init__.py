"""The site engine: per-language MkDocs + Material builds of translated Markdown."""
