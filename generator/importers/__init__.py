"""Importers: other formats into Paperboard paper files."""
