"""Render: page specs to bytes with the theme's Jinja templates.

The Jinja environment and its template globals, the theme as one value,
fragments rendered once per distinct input, rendering over forked workers,
and the progress line shown while pages render.

May import: site, content and the top level.
"""
