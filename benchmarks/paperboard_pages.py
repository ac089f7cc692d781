"""Build a Paperboard project's pages without the search index, as one process.

    python benchmarks/paperboard_pages.py PROJECT OUTPUT [--no-cache]

`paperboard build` also runs Pagefind over the paper pages; Hugo and Pelican
in the comparison build no search index, so this is the like-for-like row.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.build.builder import Builder, BuildOptions


def main() -> None:
    """Build PROJECT into OUTPUT: every page, no search index."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    options = BuildOptions(args.project.resolve(), output=args.output, cache=not args.no_cache)
    Builder(options).build()


if __name__ == "__main__":
    main()
