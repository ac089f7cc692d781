"""Find topics in a collection: TF-IDF of the papers' words, then NMF (scikit-learn).

Each paper is its title (counted twice: it is what every paper has), abstract
and keywords, plus its venue at half weight (a venue says a field, but its
name is not a topic). NMF splits the collection into `count` parts; a paper
joins the part it weighs most in, and a paper with no word in the vocabulary
joins none. Each part is named by its top terms from the papers' own text, so
no topic is called "Proceedings". Pure and deterministic: a fixed seed and
sorted inputs give the same proposal on every run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

GENERIC_WORDS = frozenset(
    "proceedings conference journal international annual symposium workshop ieee acm "
    "transactions advances letters review proc conf intl society association arxiv preprint "
    "corr technical report university press edition volume vol series lecture notes new using "
    "based approach approaches towards toward via study paper analysis method methods "
    "part principles science computer foundations papers abstract springer elsevier".split()
)
"""Words of BibTeX venues and paper titles that name no topic."""
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | GENERIC_WORDS)
WORD = r"(?u)\b[^\W\d_][^\W\d_]+\b"
"""Two letters or more, no digits: years and volume numbers are not words."""
VENUE_WEIGHT = 0.5
SEED = 0
"""NMF's initialisation is deterministic (`nndsvda`); the seed pins what is left."""
KEYWORDS = 5
PHRASE_SHARE = 0.4
MIN_PAPERS = 2


@dataclass(frozen=True, slots=True)
class PaperText:
    """What clustering reads of one paper."""

    title: str
    abstract: str = ""
    venue: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cluster:
    """One proposed topic: its name, its top terms, and its papers (indices, best first)."""

    title: str
    keywords: tuple[str, ...]
    members: tuple[int, ...]


def default_count(papers: int) -> int:
    """More topics for more papers, slowly: 4 for 100 papers, 11 for 1,000; from 2 to 20."""
    return max(2, min(20, round(math.sqrt(papers / 8))))


def cluster_papers(papers: Sequence[PaperText], count: int | None = None) -> list[Cluster]:
    """Split the papers into at most `count` named topics, largest first."""
    if len(papers) < MIN_PAPERS:
        return []
    wanted = min(count or default_count(len(papers)), len(papers))
    text, text_terms = _tfidf([_fields(p) for p in papers], min_df=2)
    if text.shape[1] == 0:
        return []
    venue, _ = _tfidf([(p.venue,) for p in papers], min_df=2)
    matrix = sp.hstack([text, VENUE_WEIGHT * venue]).tocsr() if venue.shape[1] else text
    model = NMF(n_components=wanted, init="nndsvda", random_state=SEED, max_iter=500)
    weights = model.fit_transform(matrix)
    components = model.components_[:, : text.shape[1]]
    return _named(weights, components, text_terms)


def _fields(paper: PaperText) -> tuple[str, ...]:
    """The texts of a paper, each read on its own: no phrase spans two of them."""
    return (paper.title, paper.title, paper.abstract, *paper.keywords)


def _tfidf(texts: list[tuple[str, ...]], min_df: int) -> tuple[sp.csr_matrix, list[str]]:
    """TF-IDF of words and phrases of up to three; an empty matrix when no term is common."""
    words = TfidfVectorizer(
        stop_words=STOP_WORDS, token_pattern=WORD, ngram_range=(1, 3)
    ).build_analyzer()
    vectorizer = TfidfVectorizer(
        analyzer=lambda fields: [term for text in fields for term in words(text)],
        min_df=min(min_df, len(texts)),
        max_df=0.5,
        sublinear_tf=True,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no term left after the stop words
        return sp.csr_matrix((len(texts), 0)), []
    return sp.csr_matrix(matrix), [str(t) for t in vectorizer.get_feature_names_out()]


def _named(weights: np.ndarray, components: np.ndarray, terms: list[str]) -> list[Cluster]:
    best = weights.argmax(axis=1)
    strength = weights.max(axis=1)
    clusters = []
    taken: set[str] = set()
    order = sorted(range(components.shape[0]), key=lambda c: -int((best == c).sum()))
    for part in order:
        members = [i for i in np.argsort(-weights[:, part]) if best[i] == part and strength[i] > 0]
        if not members:
            continue
        ranked = _ranked(components[part], terms)
        title = topic_title(ranked, taken)
        taken.add(title.casefold())
        clusters.append(
            Cluster(title, tuple(_keywords(ranked, title)), tuple(int(i) for i in members))
        )
    return clusters


def _ranked(weights: np.ndarray, terms: list[str]) -> list[tuple[str, float]]:
    """The terms of one topic and their weights, heaviest first; of equal weight, longer first."""
    rounded = [round(float(w), 9) for w in weights]
    present = [i for i, w in enumerate(rounded) if w > 0]
    order = sorted(present, key=lambda i: (-rounded[i], -len(terms[i])))
    return [(terms[i], rounded[i]) for i in order]


def topic_title(ranked: Sequence[tuple[str, float]], taken: Collection[str] = ()) -> str:
    """A readable name from a topic's top terms, heaviest first.

    A phrase holding the top word names the topic when it weighs at least
    PHRASE_SHARE of it ("logic" 1.0, "linear logic" 0.3 is Logic, not Linear
    Logic); a single word gets a second term that is not part of a phrase
    ("Logic and Semantics"). A name already taken starts from the next term.
    """
    top = list(ranked[:8])
    for start in range(len(top)):
        name = _title_case(_name(top[start:], [t for t, _ in top]))
        if name.casefold() not in taken:
            return name
    return _title_case(" ".join(t for t, _ in top[:3]) or "Topic")


def _name(top: list[tuple[str, float]], every: list[str]) -> str:
    head, weight = top[0]
    held = [(t, w) for t, w in top if _within(head, t) and w >= PHRASE_SHARE * weight]
    first = max(held, key=lambda tw: (len(tw[0].split()), tw[1]))[0]
    if " " in first:
        return first
    fragments = {w for t in every if " " in t for w in t.split()}
    second = next(
        (
            t
            for t, _ in top[1:]
            if not set(t.split()) & set(first.split()) and (" " in t or t not in fragments)
        ),
        "",
    )
    return f"{first} and {second}" if second else first


def _within(term: str, other: str) -> bool:
    """True when `term` is `other` or a run of its words."""
    return f" {term} " in f" {other} "


def _keywords(ranked: Sequence[tuple[str, float]], title: str) -> list[str]:
    """The words of the name, then the top phrases that no longer top phrase holds.

    Single words other than the name's are left out: a later import gives a
    paper the topic when a keyword is in its title, and "models" is in too many.
    """
    parts = title.casefold().split(" and ")
    phrases = [t for t, _ in ranked[: KEYWORDS * 3] if " " in t]
    kept = [t for t in phrases if not any(u != t and _within(t, u) for u in phrases)]
    return list(dict.fromkeys([*parts, *kept]))[:KEYWORDS]


def _title_case(text: str) -> str:
    """Each word capitalised, except `and`."""
    return re.sub(
        r"[^\W\d_]+", lambda m: m.group() if m.group() == "and" else m.group().capitalize(), text
    )
