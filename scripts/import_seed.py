"""Turn the seed listing into the demo site's paper files.

    python scripts/import_seed.py ../shared/seed/000_85d6b5702f39f89c.txt

Kept in the repository so the conversion can be re-run (say, after the paper
file format changes): delete the seed's files in content/papers/ and run it
again. Titles, abstracts and code links come from the listing; the topics come
from scripts/seed_topics.toml, chosen by hand after reading every abstract.
Everything is checked before the first file is written, and the script refuses
to write over any existing paper file.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # so it runs from a checkout without `pip install`

from generator.content.paper_file import slug_from_title, write_paper  # noqa: E402
from generator.importers.plain_listing import (  # noqa: E402
    ListingEntry,
    ListingError,
    listing_date,
    parse_listing,
    to_drafts,
)
from generator.urls import is_slug  # noqa: E402

MAX_TOPICS = 3


def main(argv: list[str] | None = None) -> int:
    """Check everything, then write one file per paper; 1 and a message on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path, help="the plain listing text file")
    parser.add_argument("--topics", type=Path, default=ROOT / "scripts" / "seed_topics.toml")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--year", type=int, default=2025, help="the year of the listing's date")
    args = parser.parse_args(argv)

    text = args.seed.read_text(encoding="utf-8")
    try:
        entries = parse_listing(text)
    except ListingError as exc:
        return fail([f"{args.seed}:{exc}"])
    date = listing_date(text, args.year)
    if date is None:
        return fail([f"{args.seed}: no date line such as `Mar 21` in the header"])
    try:
        assignment = tomllib.loads(args.topics.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        return fail([f"{args.topics}: {exc}"])

    slugs: dict[ListingEntry, str] = {}
    for entry in entries:
        slugs[entry] = slug_from_title(entry.title, set(slugs.values()))
    papers = args.content / "papers"
    problems = check(slugs, assignment, args.content / "topics", args.topics)
    taken = [papers / f"{slug}.md" for slug in slugs.values()]
    problems += [f"{path} already exists" for path in taken if path.exists()]
    if problems:
        return fail(problems)

    drafts = to_drafts(entries, date, lambda entry: tuple(assignment[slugs[entry]]))
    for entry, draft in zip(entries, drafts, strict=True):
        path = write_paper(papers, draft, slug=slugs[entry])
        if path.stem != slugs[entry]:  # another process took the name meanwhile
            return fail([f"{papers / slugs[entry]}.md appeared while writing; see {path}"])
    print(f"wrote {len(drafts)} papers dated {date:%Y-%m-%d} to {papers}")
    return 0


def check(
    slugs: dict[ListingEntry, str], assignment: dict[str, object], topics: Path, source: Path
) -> list[str]:
    """Every paper has 1-3 known topics, and the topic file names no paper it lacks."""
    problems = []
    for entry, slug in slugs.items():
        chosen = assignment.get(slug)
        where = f"{source}: `{slug}` (seed line {entry.line})"
        if not isinstance(chosen, list) or not 1 <= len(chosen) <= MAX_TOPICS:
            problems.append(f"{where} needs a list of 1 to {MAX_TOPICS} topic slugs")
            continue
        for topic in chosen:
            if not isinstance(topic, str) or not is_slug(topic):
                problems.append(f"{where}: {topic!r} is not a topic slug")
            elif not (topics / f"{topic}.md").is_file():
                problems.append(f"{where}: topic `{topic}` has no file {topics / topic}.md")
    extra = sorted(set(assignment) - set(slugs.values()))
    problems += [f"{source}: `{slug}` is not a paper of the listing" for slug in extra]
    return problems


def fail(problems: list[str]) -> int:
    """Print the problems to stderr; nothing has been written."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s); no paper file was written", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
