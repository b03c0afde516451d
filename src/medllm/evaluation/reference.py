"""Overlap between an answer and a reference answer.

ROUGE-L is computed here rather than with ``rouge-score``, whose tokenizer deletes every non-ASCII
character and so scores Chinese answers as empty: words for alphabetic scripts, single characters for
CJK (the usual practice for Chinese ROUGE).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, CJK characters one by one."""
    return _TOKEN.findall(text.lower())


def rouge_l_f1(candidate: str, reference: str) -> float:
    """ROUGE-L F1 (longest common subsequence of tokens), 0 when either side is empty."""
    a, b = words(candidate), words(reference)
    if not a or not b:
        return 0.0
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if token == other else max(previous[j + 1], current[j]))
        previous = current
    lcs = previous[-1]
    if lcs == 0:
        return 0.0
    precision, recall = lcs / len(a), lcs / len(b)
    return 2 * precision * recall / (precision + recall)
