"""Serve: `paperboard serve`, a live build behind a local HTTP server.

The session (a live build, a watcher and a server), the HTTP server, live
reload and the file watcher.

May import: build and everything below it.
"""
