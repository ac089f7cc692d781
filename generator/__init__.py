"""Paperboard: a static site generator for research-paper listings."""

__version__ = "0.1.0"
