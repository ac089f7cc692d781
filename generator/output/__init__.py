"""Output: put the rendered site on disk, atomically, and index it for search.

The one atomic-write helper, the staging folder and its swap into place, the
page writer that skips unchanged bytes, and the Pagefind search index.

May import: render, site, content and the top level.
"""
