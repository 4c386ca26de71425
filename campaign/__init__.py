"""Campaign toolkit: a localised, safe-by-design public-awareness site and its materials."""

__version__ = "0.1.0"
