"""Publish: `init` (a new project) and `deploy` (the site to a git branch).

May import: build and everything below it, and the git plumbing beside it.
"""
