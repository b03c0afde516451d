"""ChatDoctor's own retrieval over its disease table, reproduced as the benchmark's baseline.

``Autonomous_ChatDoctor_csv/csv_reader.py`` in Kent0n-Li/ChatDoctor: the model is asked for keywords;
the table's rows (``pandas.read_csv(...).to_dict('records')``) are grouped six at a time, each group
rendered as ``str(records[i:i+6])`` with ``}, {`` turned into a blank line and ``[``, ``]`` and ``"``
removed; a group scores one point for each keyword found in it as a case-insensitive substring; groups
are ordered by ``sorted(zip(score, text), reverse=True)`` (equal scores: the text that sorts last comes
first) and the best four are shown to the model.

To rank *diseases* (which the method itself never does: the model reads the groups), the ranked groups
are expanded to their rows in order, and rows within a group are ordered by their own keyword count
(then table order). That is the generous choice: it assumes the model finds the best row in each group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CHUNK_ROWS = 6  # csv_reader.py's step


def render(rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as ChatDoctor renders a group: ``str(list_of_dicts)`` and its three replacements."""
    text = str([dict(row) for row in rows])
    return text.replace("}, {", "\n\n").replace("[", "").replace("]", "").replace('"', "")


def chatdoctor_chunks(rows: Sequence[Mapping[str, Any]], size: int = CHUNK_ROWS) -> list[str]:
    """The table cut into groups of ``size`` rows, each rendered by :func:`render`."""
    return [render(rows[i : i + size]) for i in range(0, len(rows), size)]


def keyword_score(text: str, keywords: Iterable[str]) -> int:
    """How many keywords occur in ``text``, case-insensitively, as substrings (one point each)."""
    lowered = text.lower()
    return sum(1 for keyword in keywords if keyword.lower() in lowered)


def rank_chunks(chunks: Sequence[str], keywords: Sequence[str]) -> list[int]:
    """Chunk indices in ChatDoctor's order: ``sorted(zip(score, text), reverse=True)``."""
    scores = [keyword_score(chunk, keywords) for chunk in chunks]
    return sorted(range(len(chunks)), key=lambda i: (scores[i], chunks[i]), reverse=True)


class ChatDoctorRanker:
    """Ranks a table's rows for a keyword list by ChatDoctor's method (see the module docstring).

    Args:
        rows: the table's rows as pandas' ``to_dict('records')`` gives them.
        size: rows per group.
    """

    def __init__(self, rows: Sequence[Mapping[str, Any]], size: int = CHUNK_ROWS) -> None:
        self.rows = [dict(row) for row in rows]
        self.size = size
        self.chunks = chatdoctor_chunks(self.rows, size)
        self._row_texts = [render([row]) for row in self.rows]

    def rank_rows(self, keywords: Sequence[str]) -> list[int]:
        """Every row index, best first: groups in ChatDoctor's order, rows within a group by their own score."""
        order: list[int] = []
        for chunk in rank_chunks(self.chunks, keywords):
            members = range(chunk * self.size, min((chunk + 1) * self.size, len(self.rows)))
            order.extend(sorted(members, key=lambda r: -keyword_score(self._row_texts[r], keywords)))
        return order


def message_keywords(message: str, vocabulary: Iterable[str]) -> list[str]:
    """Keywords for a free-text message, standing in for the model's extraction at its best.

    The table's own phrases (its symptom names) found in the message as whole words, case-insensitively;
    a phrase inside a longer found phrase is dropped. When none is found, the message's words of four
    letters or more (a model always returns something).
    """
    lowered = message.lower()
    found = [
        p for p in {v.lower().strip() for v in vocabulary if v.strip()} if re.search(rf"\b{re.escape(p)}\b", lowered)
    ]
    found.sort(key=lambda p: (-len(p), p))
    kept: list[str] = []
    for phrase in found:
        if not any(phrase in longer for longer in kept):
            kept.append(phrase)
    if kept:
        return kept
    return list(dict.fromkeys(w for w in re.findall(r"[a-z]{4,}", lowered)))
