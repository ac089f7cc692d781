"""Check: `paperboard check`, what readers would trip over, found first.

Internal links and anchors, page facts read from the built files, and
external links over HTTP.

May import: build and everything below it.
"""
