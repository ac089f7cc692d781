"""Content: read the project's files into typed models.

The one content scanner (`sources`), front matter and safe YAML, validation,
Markdown and math, `load` (files -> papers and topics, every problem collected)
and `assemble` (papers and topics -> one indexed `Site`).

May import: the top level (config, models, errors, urls) only.
"""
