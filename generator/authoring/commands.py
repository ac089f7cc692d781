"""Authoring: `new`, `add` (from arXiv) and `import`, all ending in the same paper files.

Every path reads its input into records (`importers`), settles each record's
topics, skips papers already present (`dedupe`) and writes the rest with
`paperfile.write_paper`, which never overwrites. The result is a report, not
printed output: the CLI decides how to show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from generator.authoring.arxiv_client import ArxivClient
from generator.authoring.dedupe import index_papers
from generator.authoring.topic_files import TopicFile, introduced, write_topic_files
from generator.authoring.topic_suggest import (
    FALLBACK_TOPIC,
    TopicWords,
    load_topic_words,
    suggest_topics,
)
from generator.authoring.upvotes import update_upvotes
from generator.config import load_config
from generator.content.arxiv_ids import NotAnArxivId, base_id, has_version, parse_arxiv_ref
from generator.content.dois import parse_doi
from generator.content.frontmatter import excerpt
from generator.content.paper_file import PaperDraft, slug_from_title, write_paper
from generator.errors import ConfigError, Diagnostic, error, errors_in, warning
from generator.importers.arxiv_atom import ArxivEntry, entry_draft, entry_problem
from generator.importers.formats import SITE_FORMATS, detect_format, file_formats, read_site
from generator.importers.records import Batch, Record
from generator.scholarly import PartialDate
from generator.urls import slugify

Progress = Callable[[int, int], None]
"""Called with (records done, records in all) while papers are written."""


@dataclass(frozen=True, slots=True)
class AuthoringOptions:
    """What the command line says about where and how to write."""

    root: Path
    topics: tuple[str, ...] = ()
    """Topics given with `--topic`: added to every paper."""
    dry_run: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    """The `listed` date of papers whose input does not say when they were listed."""
    update_upvotes: bool = False
    """A paper already present takes the input's upvote count (`fetch`); nothing else changes."""
    command: str = "import"
    """The command writing: named in the topic files it writes."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one paper."""

    status: Literal["created", "duplicate", "updated"]
    title: str
    path: Path
    """The file written (or that would be), or the file that already holds the paper."""
    reason: str = ""
    topics: tuple[str, ...] = ()
    """The topics the paper was written with."""
    placeholder: bool = False
    """Its topics are a fallback (`Uncategorized` or an arXiv category), not a choice."""


@dataclass(slots=True)
class Report:
    """The outcome of one `add` or `import`."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    dry_run: bool = False
    topic_files: list[Path] = field(default_factory=list)
    """Topic files written for topics that had none."""

    @property
    def created(self) -> list[Outcome]:
        """Papers written (or, in a dry run, that would be)."""
        return [o for o in self.outcomes if o.status == "created"]

    @property
    def duplicates(self) -> list[Outcome]:
        """Papers skipped because they are already present."""
        return [o for o in self.outcomes if o.status != "created"]

    @property
    def updated(self) -> list[Outcome]:
        """Papers already present whose upvote count changed."""
        return [o for o in self.outcomes if o.status == "updated"]

    @property
    def failed(self) -> list[Diagnostic]:
        """Records that could not become papers."""
        return errors_in(self.problems)


def papers_folder(root: Path) -> Path:
    """`content/papers/` of the project."""
    return load_config(root).content_dir / "papers"


def settle_topics(
    record: Record, extra: Sequence[str], topics: Sequence[TopicWords]
) -> tuple[PaperDraft, bool]:
    """The record's own topics plus `--topic`; else suggestions; else the fallback topic.

    Also whether the topics are a fallback: neither given nor one of the site's.
    """
    draft = record.draft
    chosen = tuple(dict.fromkeys((*draft.topics, *extra)))
    if chosen:
        return replace(draft, topics=chosen), False
    suggested = suggest_topics(draft.title, draft.abstract, record.categories, topics)
    fallback = not set(suggested) & {t.slug for t in topics}
    return replace(draft, topics=suggested or (FALLBACK_TOPIC,)), fallback


def write_records(
    records: Sequence[Record], options: AuthoringOptions, progress: Progress | None = None
) -> Report:
    """Write every record that is not already present; never overwrite a file."""
    content = load_config(options.root).content_dir
    folder = content / "papers"
    index = index_papers(content)
    topics = load_topic_words(content)
    taken = {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()
    report = Report(dry_run=options.dry_run)
    spelled: dict[str, str] = {}
    for number, record in enumerate(records, 1):
        draft, placeholder = settle_topics(record, options.topics, topics)
        draft = replace(draft, topics=_one_spelling(draft.topics, spelled))
        if draft.listed is None:
            draft = replace(draft, listed=options.today)
        found = index.find(draft)
        if found:
            status = _seen_again(found[0], draft, options)
            report.outcomes.append(Outcome(status, draft.title, found[0], found[1]))
        else:
            clash = index.doi_clash(draft)
            path = _write(folder, draft, taken, options.dry_run)
            index.add(draft, path)
            outcome = Outcome("created", draft.title, path, topics=draft.topics)
            report.outcomes.append(replace(outcome, placeholder=placeholder))
            if clash:
                report.problems.append(_doi_clash(draft, path, clash))
        if progress:
            progress(number, len(records))
    if not options.dry_run:
        report.topic_files = write_topic_files(content, _topic_files(report, options.command))
    return report


def _one_spelling(topics: Sequence[str], spelled: dict[str, str]) -> tuple[str, ...]:
    """Each topic as the first paper of the input spelled it: `build --strict` wants one way."""
    return tuple(dict.fromkeys(spelled.setdefault(slugify(t), t) for t in topics))


def _topic_files(report: Report, command: str) -> Iterator[TopicFile]:
    """The topic files the new papers call for; a chosen spelling wins over a fallback's."""
    for placeholder in (False, True):
        for outcome in report.created:
            if outcome.placeholder == placeholder:
                yield from introduced(outcome.topics, placeholder, command)


def _seen_again(
    path: Path, draft: PaperDraft, options: AuthoringOptions
) -> Literal["duplicate", "updated"]:
    """A duplicate, whose upvotes are brought up to date when the options say so."""
    if not options.update_upvotes or draft.upvotes is None or options.dry_run:
        return "duplicate"
    return "updated" if update_upvotes(path, draft.upvotes) else "duplicate"


def _doi_clash(draft: PaperDraft, path: Path, other: tuple[Path, str]) -> Diagnostic:
    """Two titles, one DOI: both papers are kept, and the warning names both."""
    doi = parse_doi(draft.links["doi"]) or draft.links["doi"]
    message = (
        f"`{excerpt(draft.title)}` and `{excerpt(other[1])}` ({other[0].name}) have the same "
        f"DOI {doi}; both are kept"
    )
    return warning(message, path, hint="check which paper the DOI belongs to")


def _write(folder: Path, draft: PaperDraft, taken: set[str], dry_run: bool) -> Path:
    if not dry_run:
        return write_paper(folder, draft, taken=taken)
    slug = slug_from_title(draft.title, taken)
    taken.add(slug)
    return folder / f"{slug}.md"


def read_input(source: Path, fmt: str | None, today: dt.date) -> Batch:
    """Read a file (format from `--format` or its content) or another site's folder."""
    if source.is_dir():
        if fmt and fmt not in SITE_FORMATS:
            hint = "a folder is one of " + ", ".join(SITE_FORMATS)
            raise ConfigError(
                [error(f"--format {fmt} reads a file, not a folder", source, hint=hint)]
            )
        return read_site(source, fmt)
    readers = file_formats(today)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(
            [error("the file is not UTF-8", source, hint="save it as UTF-8")]
        ) from None
    name = fmt or detect_format(source, text)
    if name not in readers:
        hint = "a file is one of " + ", ".join(readers)
        raise ConfigError([error(f"--format {name} reads a folder, not a file", source, hint=hint)])
    return readers[name](text, source)


def import_papers(
    sources: Path | Sequence[Path],
    options: AuthoringOptions,
    fmt: str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Report:
    """`paperboard import`: read the inputs, then write the papers that are new.

    All inputs are read before anything is written, so the folder is indexed
    for duplicates once, not once per input file.
    """
    batch = Batch()
    if today is not None:
        options = replace(options, today=today)
    for source in [sources] if isinstance(sources, Path) else sources:
        read = read_input(source, fmt, today or dt.date.today())
        if not read.records and not read.problems:
            read.problems.append(_nothing_found(source))
        batch.extend(read)
    report = write_records(batch.records, options, progress)
    report.problems = [*batch.problems, *report.problems]
    return report


def _nothing_found(source: Path) -> Diagnostic:
    """An input with no paper at all is more likely the wrong one than an empty one."""
    if source.is_dir():
        hint = "a site's papers are Markdown files with front matter: Jekyll, Hugo or PMLR"
        return warning("no paper files found in this folder", source, hint=hint)
    return warning("no papers found in this file", source, hint="is it the right file?")


def add_from_arxiv(
    refs: Sequence[str],
    options: AuthoringOptions,
    client: ArxivClient,
    progress: Progress | None = None,
) -> Report:
    """`paperboard add`: look the ids up on arXiv and write one paper file each."""
    problems: list[Diagnostic] = []
    wanted: dict[str, str] = {}
    for ref in refs:
        try:
            arxiv = parse_arxiv_ref(ref)
        except NotAnArxivId as exc:
            problems.append(error(str(exc)))
            continue
        wanted.setdefault(base_id(arxiv), arxiv)
    entries = client.fetch(list(wanted.values())) if wanted else []
    records = _arxiv_records(wanted, entries, problems)
    report = write_records(records, options, progress)
    report.problems = [*problems, *report.problems]
    return report


def _arxiv_records(
    wanted: dict[str, str], entries: Sequence[ArxivEntry], problems: list[Diagnostic]
) -> list[Record]:
    by_id = {base_id(e.arxiv): e for e in entries if e.arxiv}
    problems += [error(e.error) for e in entries if e.error]
    records = []
    for key, asked in wanted.items():
        entry = by_id.get(key)
        if entry is None:
            if not any(e.error for e in entries):
                problems.append(error(f"arXiv has no paper {asked}", hint="check the id"))
            continue
        problem = entry_problem(entry)
        if problem:
            problems.append(error(problem[0], hint=problem[1]))
            continue
        draft = entry_draft(entry, keep_version=has_version(asked))
        records.append(Record(draft, None, None, entry.categories))
    return records


def new_paper(root: Path, title: str, topics: Sequence[str], today: dt.date) -> Path:
    """`paperboard new`: a paper file with every field, the empty ones commented out."""
    text = " ".join(title.split())
    if not text:
        raise ConfigError([error("the title is empty", hint='write `paperboard new "The title"`')])
    words = load_topic_words(load_config(root).content_dir)
    chosen = tuple(topics) or suggest_topics(text, "", (), words) or (FALLBACK_TOPIC,)
    draft = PaperDraft(title=text, date=PartialDate.of(today), topics=chosen)
    return write_paper(papers_folder(root), draft, placeholders=True)
