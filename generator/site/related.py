"""Related papers: TF-IDF over what a paper has, cosine similarity, top 5 above a bar.

A paper's features are the words of its title (counted twice) and abstract,
and one feature each for its venue, its topics and its authors: a BibTeX
import has no abstract, and two papers sharing one title word ("Deep
learning ..." and "Deep blue") are not related. So a feature most papers
share (a placeholder topic, an import's one venue) weighs nothing, a pair
must share `MIN_SHARED` weighed features, and score above `MIN_SCORE`: a
paper with nothing in common shows no related papers at all. (A higher
cosine bar would not do: a long abstract spreads its weight, so two papers
on one subject score lower than two short titles sharing one word.)

Each paper becomes a vector of its `TERMS_KEPT` heaviest features (sublinear
tf times idf), L2-normalized. The similarities of all
pairs are never materialized: `sparse_dot_topn` multiplies X by Xᵀ keeping
only each row's best scores, in C++ on all cores: 10,000 papers take about
2.5 s, most of it reading the words.

The index is incremental, and exact: after an edit, only rows whose vector
changed are recomputed (the edited papers, and papers sharing a term whose
idf moved), plus the papers whose old top list contained one of them. idf is
rounded to two decimals, so one more occurrence of a common word rarely
moves it; scores are rounded to 1e-9 and ties go to the slug, so an
incremental result is the one a fresh build computes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn

from generator.models import Paper
from generator.urls import slugify

SHOWN = 5
KEPT = 10
MARGIN = 10
"""Candidates beyond KEPT, so equal scores at the cut are ranked by slug, not by row order."""
TERMS_KEPT = 32
MIN_SCORE = 0.05
"""The cosine similarity a related paper must exceed."""
MIN_SHARED = 2
"""Features two papers must share: one shared word is a coincidence, not a relation."""
COMMON_SHARE = 0.5
COMMON_MIN = 20
"""On a site of fewer papers, only a feature of every paper weighs nothing (half of a few
papers is no crowd)."""
"""A feature of more than this share of the papers weighs nothing (it tells none apart)."""
_WORD = re.compile(r"[^\W\d_][^\W_]+")
STOPWORDS = frozenset(
    "a about above after again against all also am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each either few "
    "for from further had has have having here how however i if in into is it its itself just "
    "may me more most much must my no nor not now of off on once only or other our ours out "
    "over own same should since so some such than that the their theirs them then there these "
    "they this those through thus to too under until up upon us very via was we were what when "
    "where which while who whom why will with within without would yet you your "
    "paper propose proposed show shows present approach method methods results new using based "
    "use used work existing novel".split()
)


def paper_terms(paper: Paper) -> Counter[str]:
    """Words of the title (counted twice) and abstract, minus stopwords; then a feature
    per venue, topic and author (prefixed with `~`, which no word contains)."""
    words = _WORD.findall(paper.title_text.casefold()) * 2
    words += _WORD.findall(paper.text.casefold())
    terms = Counter(w for w in words if len(w) > 2 and w not in STOPWORDS)
    terms.update(f"~t:{ref.slug}" for ref in paper.topics)
    terms.update(f"~a:{slugify(name)}" for name in dict.fromkeys(paper.authors))
    if paper.venue:
        terms[f"~v:{slugify(paper.venue)}"] += 1
    return terms


def _doc_key(paper: Paper) -> tuple[object, ...]:
    """What the features are made of: a paper whose key is unchanged keeps its row."""
    topics = tuple(ref.slug for ref in paper.topics)
    return (paper.title, paper.text, paper.authors, paper.venue, topics)


@dataclass(frozen=True, slots=True)
class _Doc:
    key: tuple[object, ...]
    ids: np.ndarray
    counts: np.ndarray


class RelatedIndex:
    """The related papers of a site, updated in place as papers change."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._term_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._rank = np.zeros(0, dtype=np.int64)
        self._docs: dict[str, _Doc] = {}
        self._df = np.zeros(0, dtype=np.int64)
        self._idf = np.zeros(0)
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._top: dict[str, tuple[tuple[float, str], ...]] = {}
        self._referrers: dict[str, set[str]] = {}
        """Slug -> the papers whose top list holds it."""
        self._result: dict[str, tuple[str, ...]] = {}
        self._papers: dict[str, Paper] = {}

    def __getstate__(self) -> dict[str, Any]:
        """All but the papers: the build cache holds those once, with the site.

        Without them, the next `update` compares every paper's title and text.
        """
        return {**self.__dict__, "_papers": {}}

    def update(self, papers: Sequence[Paper]) -> dict[str, tuple[str, ...]]:
        """Bring the index up to date with `papers`; return slug -> related slugs."""
        current = {p.slug: p for p in papers}
        seen, self._papers = self._papers, current
        removed = [slug for slug in self._docs if slug not in current]
        changed = [
            s for s, p in current.items() if seen.get(s) is not p and self._key(s) != _doc_key(p)
        ]
        if not removed and not changed:
            return dict(self._result)
        first = not self._docs
        for slug in removed + changed:
            self._forget(slug)
        for slug in changed:
            self._learn(slug, current[slug])
        if len(self._rank) != len(self._terms):
            self._rank = _ranks(self._terms)
        moved = self._update_idf()
        affected = set(changed) | self._docs_with(moved)
        if first or len(affected) > len(current) // 8:
            self._recompute_all()
        else:
            self._recompute_some(affected, set(removed))
        return dict(self._result)

    def _key(self, slug: str) -> tuple[object, ...] | None:
        doc = self._docs.get(slug)
        return doc.key if doc else None

    def _learn(self, slug: str, paper: Paper) -> None:
        counts = paper_terms(paper)
        ids = np.fromiter((self._term_id(t) for t in counts), dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        order = np.argsort(ids)
        self._docs[slug] = _Doc(_doc_key(paper), ids[order], values[order])
        if len(self._df) < len(self._term_ids):
            grown = np.zeros(len(self._term_ids) - len(self._df), np.int64)
            self._df = np.concatenate([self._df, grown])
        self._df[ids] += 1

    def _forget(self, slug: str) -> None:
        doc = self._docs.pop(slug, None)
        if doc is not None:
            self._df[doc.ids] -= 1
            self._rows.pop(slug, None)
            self._set_tops({slug: ()})
            del self._top[slug], self._result[slug]

    def _set_tops(self, tops: dict[str, tuple[tuple[float, str], ...]]) -> None:
        """Record new top lists, keeping `_referrers` and the result in step."""
        for slug, top in tops.items():
            for _, other in self._top.get(slug, ()):
                self._referrers[other].discard(slug)
            for _, other in top:
                self._referrers.setdefault(other, set()).add(slug)
            self._top[slug] = top
            self._result[slug] = tuple(other for _, other in top[:SHOWN])

    def _term_id(self, term: str) -> int:
        known = self._term_ids.get(term)
        if known is None:
            known = self._term_ids[term] = len(self._terms)
            self._terms.append(term)
        return known

    def _update_idf(self) -> np.ndarray:
        """Recompute idf; return the ids of terms whose weight changed."""
        n = len(self._docs)
        idf = np.round(np.log((1 + n) / (1 + self._df)) + 1, 2)
        common = (self._df > COMMON_SHARE * n) if n >= COMMON_MIN else (self._df == n) & (n > 2)
        idf[(self._df < 2) | common] = 0.0
        old = np.zeros(len(idf))
        old[: len(self._idf)] = self._idf
        self._idf = idf
        return np.nonzero(idf != old)[0]

    def _docs_with(self, term_ids: np.ndarray) -> set[str]:
        if len(term_ids) == 0:
            return set()
        wanted = np.zeros(len(self._idf), dtype=bool)
        wanted[term_ids] = True
        return {slug for slug, doc in self._docs.items() if wanted[doc.ids].any()}

    def _row(self, doc: _Doc) -> tuple[np.ndarray, np.ndarray]:
        """The paper's heaviest terms; equal weights go to the alphabetically first term
        (term ids depend on the order papers were seen, the alphabet does not)."""
        weights = (1 + np.log(doc.counts)) * self._idf[doc.ids]
        keep = np.nonzero(weights > 0)[0]
        if len(keep) > TERMS_KEPT:
            order = np.lexsort((self._rank[doc.ids[keep]], -weights[keep]))
            keep = np.sort(keep[order[:TERMS_KEPT]])
        weights = weights[keep]
        norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
        return doc.ids[keep], weights / norm

    def _matrix(self, slugs: list[str]) -> sp.csr_matrix:
        rows = [self._rows[s] for s in slugs]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(ids) for ids, _ in rows])
        indices = np.concatenate([ids for ids, _ in rows]) if rows else np.zeros(0, np.int64)
        data = np.concatenate([w for _, w in rows]) if rows else np.zeros(0)
        return sp.csr_matrix((data, indices, indptr), shape=(len(rows), len(self._idf)))

    def _recompute_all(self) -> None:
        slugs = sorted(self._docs)
        self._rows = {slug: self._row(self._docs[slug]) for slug in slugs}
        matrix = self._matrix(slugs)
        self._top, self._referrers, self._result = {}, {}, {}
        self._set_tops(_tops(matrix, matrix, slugs, slugs, self._threads, self._enough))

    def _recompute_some(self, affected: set[str], removed: set[str]) -> None:
        """Exact top lists after a few rows changed.

        A paper outside `affected` keeps every score except those against the
        affected papers. If its old list held none of the affected or removed
        papers, its new list is the old one merged with its new scores against
        them; otherwise some paper beyond its old list may now belong in it, and
        its row is computed again in full.
        """
        slugs = sorted(self._docs)
        for slug in affected:
            self._rows[slug] = self._row(self._docs[slug])
        matrix = self._matrix(slugs)
        touched = affected | removed
        stale = set().union(*(self._referrers.get(slug, ()) for slug in touched))
        index = {slug: i for i, slug in enumerate(slugs)}
        redo = sorted(affected | stale)
        rows = matrix[[index[s] for s in redo]]
        merged = self._merge_new_scores(matrix, slugs, index, affected, stale) if affected else {}
        tops = _tops(rows, matrix, redo, slugs, self._threads, self._enough)
        self._set_tops({**merged, **tops})

    def _merge_new_scores(
        self,
        matrix: sp.csr_matrix,
        slugs: list[str],
        index: dict[str, int],
        affected: set[str],
        stale: set[str],
    ) -> dict[str, tuple[tuple[float, str], ...]]:
        """New top lists of the papers whose old list still stands, plus new scores."""
        fresh = sorted(affected)
        scores = (matrix[[index[s] for s in fresh]] @ matrix.T).tocsc()
        best_new = scores.max(axis=0).toarray().ravel()
        cut = np.array([_cut(self._top.get(slug, ())) for slug in slugs])
        merged = {}
        for j in np.nonzero(best_new >= cut - 1e-9)[0]:
            slug = slugs[j]
            if slug in affected or slug in stale:
                continue
            start, end = scores.indptr[j], scores.indptr[j + 1]
            pairs = zip(scores.indices[start:end], scores.data[start:end], strict=True)
            extra = [(round(float(v), 9), fresh[i]) for i, v in pairs]
            merged[slug] = _best([*self._top[slug], *extra], slug, self._enough)
        return merged

    def _enough(self, one: str, other: str) -> bool:
        """Whether two papers share `MIN_SHARED` weighed features (words, venue, topics ...)."""
        shared = np.intersect1d(self._rows[one][0], self._rows[other][0], assume_unique=True)
        return len(shared) >= MIN_SHARED


def _cut(top: tuple[tuple[float, str], ...]) -> float:
    """The score a new paper must reach to enter a full top list (anything, if not full)."""
    return top[-1][0] if len(top) == KEPT else -np.inf


def _ranks(terms: list[str]) -> np.ndarray:
    """Each term id's position in alphabetical order."""
    rank = np.empty(len(terms), dtype=np.int64)
    rank[np.argsort(np.array(terms, dtype=object), kind="stable")] = np.arange(len(terms))
    return rank


Enough = Callable[[str, str], bool]
"""Whether a pair of papers has enough in common to be related at all."""


def _tops(
    rows: sp.csr_matrix,
    matrix: sp.csr_matrix,
    row_slugs: list[str],
    slugs: list[str],
    threads: int,
    enough: Enough,
) -> dict[str, tuple[tuple[float, str], ...]]:
    """Each row's best `KEPT` other papers, by rounded score then slug."""
    if rows.shape[0] == 0:
        return {}
    product = sp_matmul_topn(
        rows, matrix.T.tocsr(), top_n=KEPT + 1 + MARGIN, threshold=MIN_SCORE, n_threads=threads
    )
    result = {}
    for i, slug in enumerate(row_slugs):
        start, end = product.indptr[i], product.indptr[i + 1]
        pairs = zip(product.indices[start:end], product.data[start:end], strict=True)
        result[slug] = _best(((round(float(v), 9), slugs[j]) for j, v in pairs), slug, enough)
    return result


def _best(
    pairs: Iterable[tuple[float, str]], own: str, enough: Enough
) -> tuple[tuple[float, str], ...]:
    unique = {
        other: score
        for score, other in pairs
        if other != own and score > MIN_SCORE and enough(own, other)
    }
    ranked = sorted(unique.items(), key=lambda item: (-item[1], item[0]))
    return tuple((score, other) for other, score in ranked[:KEPT])
