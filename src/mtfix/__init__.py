"""mtfix: find and fix English intrusions in machine-translated French text."""

__version__ = "0.1.0"
