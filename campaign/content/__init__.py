"""Content: pages and their front matter, audiences, and the help data."""
