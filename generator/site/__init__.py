"""The site: which pages and files exist, and everything each one shows.

`plan` turns a `Site` into one `PageSpec` per output file; beside it, the data
files it plans (feeds, the JSON API, BibTeX, the sitemap), the scholarly
metadata of paper pages, related papers, pagination and page fingerprints.
Pure: no I/O, no templates.

May import: content and the top level.
"""
