"""Authoring: `new`, `add` and `import`, which all end in the same paper files.

The commands, their report, duplicate detection, topic suggestions and the
arXiv API client.

May import: importers, content and the top level; never render, serve or build.
"""
