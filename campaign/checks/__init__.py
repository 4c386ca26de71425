"""Checks run by `campaign check`, one module per check, each returning its problems: reading
level, terminology, pages (alt text, audiences) and, with --links, the external links."""
