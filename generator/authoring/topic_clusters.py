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
    text, text_terms = _tfidf([_text(p) for p in papers], min_df=2)
    if text.shape[1] == 0:
        return []
    venue, _ = _tfidf([p.venue for p in papers], min_df=2)
    matrix = sp.hstack([text, VENUE_WEIGHT * venue]).tocsr() if venue.shape[1] else text
    model = NMF(n_components=wanted, init="nndsvda", random_state=SEED, max_iter=500)
    weights = model.fit_transform(matrix)
    components = model.components_[:, : text.shape[1]]
    return _named(weights, components, text_terms)


def _text(paper: PaperText) -> str:
    return " ".join((paper.title, paper.title, paper.abstract, *paper.keywords))


def _tfidf(texts: list[str], min_df: int) -> tuple[sp.csr_matrix, list[str]]:
    """TF-IDF of words and phrases of up to three; an empty matrix when no term is common."""
    vectorizer = TfidfVectorizer(
        stop_words=STOP_WORDS,
        token_pattern=WORD,
        ngram_range=(1, 3),
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


def _ranked(weights: np.ndarray, terms: list[str]) -> list[str]:
    """The terms of one topic, heaviest first; of equal weight, the longer phrase first."""
    rounded = [round(float(w), 9) for w in weights]
    present = [i for i, w in enumerate(rounded) if w > 0]
    return [terms[i] for i in sorted(present, key=lambda i: (-rounded[i], -len(terms[i])))]


def topic_title(ranked: Sequence[str], taken: Collection[str] = ()) -> str:
    """A readable name from a topic's top terms: a word pair if one ranks high, else two words.

    `["effect", "systems", "monads", "effect systems"]` gives "Effect Systems";
    `["types", "monads", "dependent"]` gives "Types and Monads". A name already
    taken tries the next terms.
    """
    phrases = _phrases(ranked[:8])
    for start in range(len(phrases)):
        first, rest = phrases[start], phrases[start + 1 :]
        words = set(first.split())
        second = next((p for p in rest if not set(p.split()) & words), "")
        if " " in first and " " not in second:
            second = ""
        name = _title_case(f"{first} and {second}" if second else first)
        if name.casefold() not in taken:
            return name
    return _title_case(" ".join(ranked[:3]) or "Topic")


def _phrases(terms: Sequence[str]) -> list[str]:
    """The terms, the best phrase of the top four first, each word only in its first phrase.

    The best phrase is the first of several words, or a longer one of the top
    four that holds it: "information flow control" over "information flow".
    """
    top = terms[:4]
    multi = [t for t in top if " " in t]
    best = [max((u for u in top if _within(multi[0], u)), key=len)] if multi else []
    phrases: list[str] = []
    for term in [*best, *terms]:
        words = set(term.split())
        if any(words <= set(p.split()) for p in phrases):
            continue
        phrases.append(term)
    return phrases


def _within(term: str, other: str) -> bool:
    """True when `term` is `other` or a run of its words."""
    return f" {term} " in f" {other} "


def _keywords(ranked: Sequence[str], title: str) -> list[str]:
    """The top terms, without a word or phrase that a longer top term holds.

    Unless it names the topic: "neural networks" stays beside
    "convolutional neural networks" when the topic is called Neural Networks.
    """
    candidates = ranked[: KEYWORDS * 3]
    named = title.casefold()
    kept = [
        t for t in candidates if t == named or not any(u != t and _within(t, u) for u in candidates)
    ]
    return kept[:KEYWORDS]


def _title_case(text: str) -> str:
    """Each word capitalised, except `and`."""
    return re.sub(
        r"[^\W\d_]+", lambda m: m.group() if m.group() == "and" else m.group().capitalize(), text
    )
