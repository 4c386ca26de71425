"""Checks that look beyond the sources: the external links the site publishes."""
