"""Related papers: TF-IDF over title and abstract, cosine similarity, top 5.

Each paper becomes a vector of its `TERMS_KEPT` heaviest terms (sublinear tf
times idf, title words counted twice), L2-normalized. The similarities of all
pairs are never materialized: `sparse_dot_topn` multiplies X by Xᵀ keeping
only each row's best scores, in C++ on all cores, so 10,000 papers take well
under a second.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn

from .models import Paper

SHOWN = 5
KEPT = 10
TERMS_KEPT = 32
MIN_SCORE = 0.05
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
    """Words of the title (counted twice) and abstract, minus stopwords."""
    words = _WORD.findall(paper.title_text.casefold()) * 2
    words += _WORD.findall(paper.text.casefold())
    return Counter(w for w in words if len(w) > 2 and w not in STOPWORDS)


@dataclass(frozen=True, slots=True)
class _Doc:
    key: tuple[str, str]
    ids: np.ndarray
    counts: np.ndarray


class RelatedIndex:
    """The related papers of a site, updated in place as papers change."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._term_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._docs: dict[str, _Doc] = {}
        self._df = np.zeros(0, dtype=np.int64)
        self._idf = np.zeros(0)
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._top: dict[str, tuple[tuple[float, str], ...]] = {}

    def update(self, papers: Sequence[Paper]) -> dict[str, tuple[str, ...]]:
        """Bring the index up to date with `papers`; return slug -> related slugs."""
        current = {p.slug: p for p in papers}
        removed = [slug for slug in self._docs if slug not in current]
        changed = [s for s, p in current.items() if self._key(s) != (p.title, p.text)]
        if removed or changed:
            for slug in removed + changed:
                self._forget(slug)
            for slug in changed:
                self._learn(slug, current[slug])
            self._update_idf()
            # Every row is re-weighted and every paper re-ranked: re-ranking only the
            # papers near a change disagreed with a clean build (tests/test_parallel.py).
            self._recompute_all()
        return {slug: tuple(s for _, s in top[:SHOWN]) for slug, top in self._top.items()}

    def _key(self, slug: str) -> tuple[str, str] | None:
        doc = self._docs.get(slug)
        return doc.key if doc else None

    def _learn(self, slug: str, paper: Paper) -> None:
        counts = paper_terms(paper)
        ids = np.fromiter((self._term_id(t) for t in counts), dtype=np.int64, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        order = np.argsort(ids)
        self._docs[slug] = _Doc((paper.title, paper.text), ids[order], values[order])
        if len(self._df) < len(self._term_ids):
            self._df = np.concatenate(
                [self._df, np.zeros(len(self._term_ids) - len(self._df), np.int64)]
            )
        self._df[ids] += 1

    def _forget(self, slug: str) -> None:
        doc = self._docs.pop(slug, None)
        if doc is not None:
            self._df[doc.ids] -= 1
            self._rows.pop(slug, None)
            self._top.pop(slug, None)

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
        idf[self._df < 2] = 0.0
        old = np.zeros(len(idf))
        old[: len(self._idf)] = self._idf
        self._idf = idf
        return np.nonzero(idf != old)[0]

    def _row(self, doc: _Doc) -> tuple[np.ndarray, np.ndarray]:
        weights = (1 + np.log(doc.counts)) * self._idf[doc.ids]
        keep = np.nonzero(weights > 0)[0]
        if len(keep) > TERMS_KEPT:
            # Ties go to the alphabetically first term: term ids depend on history.
            terms = self._terms
            ranked = sorted(keep, key=lambda k: (-weights[k], terms[doc.ids[k]]))
            keep = np.array(ranked[:TERMS_KEPT], dtype=np.int64)
            keep.sort()
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
        self._top = _tops(matrix, matrix, slugs, slugs, self._threads)


def _tops(
    rows: sp.csr_matrix, matrix: sp.csr_matrix, row_slugs: list[str], slugs: list[str], threads: int
) -> dict[str, tuple[tuple[float, str], ...]]:
    """Each row's best `KEPT` other papers, by rounded score then slug."""
    if rows.shape[0] == 0:
        return {}
    product = sp_matmul_topn(
        rows, matrix.T.tocsr(), top_n=KEPT + 1, threshold=MIN_SCORE, n_threads=threads
    )
    result = {}
    for i, slug in enumerate(row_slugs):
        start, end = product.indptr[i], product.indptr[i + 1]
        pairs = zip(product.indices[start:end], product.data[start:end], strict=True)
        result[slug] = _best(((round(float(v), 9), slugs[j]) for j, v in pairs), slug)
    return result


def _best(pairs: Iterable[tuple[float, str]], own: str) -> tuple[tuple[float, str], ...]:
    unique = {other: score for score, other in pairs if other != own and score > MIN_SCORE}
    ranked = sorted(unique.items(), key=lambda item: (-item[1], item[0]))
    return tuple((score, other) for other, score in ranked[:KEPT])
