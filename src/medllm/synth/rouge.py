"""ROUGE-L de-duplication against a growing pool, fast enough for 50k instructions on 2 cores.

Decisions equal those of ``rouge-score``'s ROUGE-L F-measure (its default tokenizer, no stemmer):
a text is dropped when its F with some pool member exceeds the threshold, else it joins the pool.
Only the newer member of a similar pair is ever dropped (AlpaCare's filter compared each instruction
with all others, so both members of a pair went).

Why this is fast where a ``rouge-score`` loop is not (its ``_lcs_table`` fills an m x n table of
Python lists, ~70 µs a pair, and a 50k pool is ~1.25e9 pairs):

- **Candidates by prefix filtering** (Bayardo et al., "Scaling up all pairs similarity search", 2007).
  LCS <= multiset overlap, and F > T needs LCS > T(m+n)/2, so a pair can only be similar when it
  shares at least ``m - ceil(T m / (2 - T)) + 1`` of each text's tokens ordered rarest first. Each
  pool text indexes just that prefix; a new text looks up its own prefix and meets only pool texts
  sharing a rare token (token occurrences are numbered, so repeated words count as a multiset).
- **A length bound** ``2 min(m, n) / (m + n)`` skips candidates that cannot reach the threshold.
- **Bit-parallel LCS** (Hyyrö 2004) over token ids: one word-sized integer per text, four integer
  operations per token of the other text, instead of an m x n table.

The final F is computed with rouge-score's own formula (``2PR / (P + R)``) so ties at the threshold
fall the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def rouge_tokens(text: str) -> list[str]:
    """``rouge-score``'s default tokenization (lower case, runs of non-alphanumerics split, no stemming)."""
    return [t for t in _NON_ALNUM.sub(" ", text.lower()).split() if t]


def rouge_f(lcs: int, m: int, n: int) -> float:
    """ROUGE-L F-measure from an LCS length, exactly as ``rouge_score.scoring.fmeasure`` computes it."""
    if m == 0 or n == 0:
        return 0.0
    precision, recall = lcs / n, lcs / m
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def lcs_length(a: list[int], b: list[int]) -> int:
    """Length of the longest common subsequence of two token-id lists (bit-parallel)."""
    masks: dict[int, int] = {}
    for i, token in enumerate(a):
        masks[token] = masks.get(token, 0) | (1 << i)
    return _lcs_with_masks(masks, len(a), b)


def _lcs_with_masks(masks: dict[int, int], m: int, b: list[int]) -> int:
    full = (1 << m) - 1
    v = full
    get = masks.get
    for token in b:
        match = get(token)
        if match:
            u = v & match
            v = (v + u) | (v - u)
    return m - (v & full).bit_count()


def _min_overlap(m: int, threshold: float) -> int:
    # The smallest LCS any partner length allows (ties kept, so float rounding never loses a pair).
    return max(1, math.ceil(threshold * m / (2 - threshold) - 1e-9))


@dataclass
class _Entry:
    ids: list[int]
    masks: dict[int, int]
    elements: frozenset[int]  # token occurrences (token id, k-th occurrence) packed in one int


@dataclass(frozen=True)
class PoolDecision:
    """Whether a text was kept, and if not which pool member (by insertion index) it matched, with F."""

    kept: bool
    match: int | None = None
    score: float = 0.0


class RougePool:
    """A pool of texts that rejects any new text whose ROUGE-L F with a member is above ``threshold``.

    Args:
        threshold: F above which a new text is a near-duplicate (AlpaCare and Self-Instruct use 0.7).
        order_hint: texts whose word frequencies order tokens rarest first (the texts to be filtered,
            when known in advance); without it, tokens are ordered as first seen. Any fixed order gives
            the same decisions; a frequency order only makes candidate lists shorter.
    """

    def __init__(self, threshold: float = 0.7, order_hint: Iterable[str] | None = None) -> None:
        if not 0 < threshold < 1:
            raise ValueError(f"threshold must be in (0, 1), got {threshold}")
        self.threshold = threshold
        self._vocab: dict[str, int] = {}
        self._rank: list[int] = []  # token id -> position in the global order (lower: rarer)
        self._entries: list[_Entry] = []
        # element -> (member, position of the element in the member's rarest-first order), flattened
        self._index: dict[int, list[int]] = {}
        self.pairs_verified = 0  # LCS computations done, for the benchmark
        if order_hint is not None:
            counts: dict[str, int] = {}
            for text in order_hint:
                for token in set(rouge_tokens(text)):
                    counts[token] = counts.get(token, 0) + 1
            for token in sorted(counts, key=lambda t: (counts[t], t)):
                self._id(token)

    def __len__(self) -> int:
        return len(self._entries)

    def _id(self, token: str) -> int:
        found = self._vocab.get(token)
        if found is None:
            found = len(self._vocab)
            self._vocab[token] = found
            self._rank.append(found)
        return found

    def _ordered(self, ids: list[int]) -> list[int]:
        """The text's token occurrences, rarest first (the global order every prefix is cut from)."""
        seen: dict[int, int] = {}
        elements = []
        for token in ids:
            k = seen.get(token, 0)
            seen[token] = k + 1
            elements.append((self._rank[token], k, (token << 32) | k))
        elements.sort()
        return [e[2] for e in elements]

    def _prefix_length(self, m: int) -> int:
        return m - _min_overlap(m, self.threshold) + 1

    def check(self, text: str) -> PoolDecision:
        """Compare ``text`` with the pool without adding it."""
        return self._check(self._ids(text))[0]

    def add(self, text: str) -> PoolDecision:
        """Add ``text`` unless it is a near-duplicate of a member; return the decision."""
        ids = self._ids(text)
        decision, ordered = self._check(ids)
        if decision.kept:
            self._insert(ids, ordered)
        return decision

    def _ids(self, text: str) -> list[int]:
        return [self._id(t) for t in rouge_tokens(text)]

    def _check(self, ids: list[int]) -> tuple[PoolDecision, list[int]]:
        m = len(ids)
        if m == 0:
            return PoolDecision(True), []  # rouge-score scores an empty text 0 against anything
        ordered = self._ordered(ids)
        elements: frozenset[int] | None = None
        threshold = self.threshold
        half = threshold / 2
        seen: set[int] = set()
        masks: dict[int, int] | None = None
        entries = self._entries
        for i, element in enumerate(ordered[: self._prefix_length(m)]):
            postings = self._index.get(element)
            if postings is None:
                continue
            for p in range(0, len(postings), 2):
                member = postings[p]
                if member in seen:
                    continue
                seen.add(member)
                entry = entries[member]
                n = len(entry.ids)
                need = half * (m + n) - 1e-9  # LCS needed to reach the threshold (ties kept)
                if min(m, n) < need:
                    continue  # length bound
                # Positional bound (PPJoin): this is the pair's first shared element in both orders, so
                # the overlap is at most 1 plus what follows it in the shorter remainder.
                if 1 + min(m - i - 1, n - postings[p + 1] - 1) < need:
                    continue
                if elements is None:
                    elements = frozenset(ordered)
                if len(elements & entry.elements) < need:
                    continue  # multiset overlap bounds the LCS
                self.pairs_verified += 1
                # Mask the shorter side: fewer bits per integer operation.
                if n <= m:
                    lcs = _lcs_with_masks(entry.masks, n, ids)
                else:
                    if masks is None:
                        masks = _masks(ids)
                    lcs = _lcs_with_masks(masks, m, entry.ids)
                score = rouge_f(lcs, m, n)
                if score > threshold:
                    return PoolDecision(False, member, score), ordered
        return PoolDecision(True), ordered

    def _insert(self, ids: list[int], ordered: list[int]) -> None:
        member = len(self._entries)
        self._entries.append(_Entry(ids, _masks(ids), frozenset(ordered)))
        for j, element in enumerate(ordered[: self._prefix_length(len(ids))]):
            postings = self._index.setdefault(element, [])
            postings.append(member)
            postings.append(j)


def _masks(ids: list[int]) -> dict[int, int]:
    masks: dict[int, int] = {}
    for i, token in enumerate(ids):
        masks[token] = masks.get(token, 0) | (1 << i)
    return masks


def filter_texts(texts: list[str], threshold: float = 0.7, pool: Iterable[str] = ()) -> list[bool]:
    """Keep/drop for each text in order against ``pool`` plus the texts kept before it."""
    texts = list(texts)
    base = list(pool)
    rouge_pool = RougePool(threshold, order_hint=[*base, *texts])
    for text in base:
        rouge_pool.add(text)
    return [rouge_pool.add(text).kept for text in texts]
