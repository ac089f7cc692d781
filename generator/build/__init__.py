"""Build: the orchestrator that runs the pipeline as a flat list of steps.

config -> restore cache -> sources -> refresh -> assemble -> related -> plan ->
fingerprint -> write -> save cache; the cache between processes and the
incremental refresh of changed content files.

May import: output, render, site, content and the top level; never serve,
check, authoring, importers or publish.
"""
