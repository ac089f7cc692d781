"""Build: the orchestrator that runs the pipeline as a flat list of steps.

config -> restore cache -> sources -> refresh -> assemble -> related -> plan ->
fingerprint -> write -> save cache. `builder` runs the steps of `steps`;
`strategy` is all that differs between a published and a live (serve) build;
`cache` keeps the state between processes; `refresh` re-reads only the
content files that changed.

May import: output, render, site, content and the top level; never serve,
check, authoring, importers or publish.
"""
