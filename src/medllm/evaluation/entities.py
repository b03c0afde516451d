"""Entity extraction by prompting (ChiMed-GPT's NER evaluation): strict and partial entity F1.

The model is asked to list the entities of one type in a sentence, one per line. Each listed string is
located in the sentence ignoring case and spacing (corpora split "ataxia-telangiectasia" into three
tokens; models write it whole), and each of its mentions becomes a token span; strings that are not in
the sentence count as false positives. Strict: a predicted span equals a gold span. Partial: it overlaps
one (each gold span matched at most once). Micro-averaged over the task.
"""

from __future__ import annotations

import re
from typing import Any

from medllm.records import EntitySentence

PROMPT = (
    "List every {label} name mentioned in the sentence below, written exactly as it appears, one per line. "
    "Write None if there is no {label} name.\n\nSentence: {sentence}"
)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


def entity_messages(sentence: EntitySentence, label: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": PROMPT.format(label=label, sentence=" ".join(sentence.tokens))}]


def parse_entities(output: str) -> list[str]:
    """The listed names: one per line, bullets and numbering removed, "None" and blanks skipped."""
    names = []
    for line in output.splitlines():
        name = _BULLET.sub("", line).strip().strip("\"'").rstrip(".;,").strip()
        if name and name.lower() not in ("none", "none.", "n/a"):
            names.append(name)
    return names


def locate(name: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Every token span (start, end exclusive) where ``name`` occurs, ignoring case and spacing.

    A name listed once stands for each of its mentions, as a reader would take it.
    """
    owner: list[int] = []
    starts, ends = set(), set()
    for index, token in enumerate(tokens):
        starts.add(len(owner))
        owner.extend([index] * len(token))
        ends.add(len(owner))
    flat = "".join(tokens).lower()
    needle = re.sub(r"\s+", "", name).lower()
    spans: list[tuple[int, int]] = []
    at = flat.find(needle) if needle else -1
    while at >= 0:
        # Only whole tokens: "cancer" inside "precancerous" is not a mention.
        if at in starts and at + len(needle) in ends:
            spans.append((owner[at], owner[at + len(needle) - 1] + 1))
            at = flat.find(needle, at + len(needle))
        else:
            at = flat.find(needle, at + 1)
    return spans


def score_entities(sentence: EntitySentence, entity_type: str, output: str) -> dict[str, Any]:
    """The sample's log entry: predicted names and spans, gold spans, strict and partial counts."""
    gold = sorted({(s, e) for s, e, kind in sentence.spans() if kind == entity_type})
    names = parse_entities(output)
    predicted: list[tuple[int, int]] = []
    unfound = 0
    for name in names:
        spans = locate(name, sentence.tokens)
        unfound += not spans
        predicted.extend(span for span in spans if span not in predicted)
    strict_tp = len(set(predicted) & set(gold))
    unmatched = list(gold)
    partial_tp = 0
    for start, end in predicted:
        hit = next((g for g in unmatched if start < g[1] and g[0] < end), None)
        if hit is not None:
            unmatched.remove(hit)
            partial_tp += 1
    n_pred = len(predicted) + unfound
    return {
        "id": sentence.id,
        "sentence": " ".join(sentence.tokens),
        "output": output,
        "names": names,
        "predicted": predicted,
        "gold": gold,
        "gold_text": [" ".join(sentence.tokens[s:e]) for s, e in gold],
        "not_in_sentence": unfound,
        "strict": {"tp": strict_tp, "fp": n_pred - strict_tp, "fn": len(gold) - strict_tp},
        "partial": {"tp": partial_tp, "fp": n_pred - partial_tp, "fn": len(gold) - partial_tp},
    }


def entity_metrics(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro precision, recall and F1, strict and partial."""
    out: dict[str, Any] = {"n": len(entries)}
    for mode in ("strict", "partial"):
        tp = sum(e[mode]["tp"] for e in entries)
        fp = sum(e[mode]["fp"] for e in entries)
        fn = sum(e[mode]["fn"] for e in entries)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out.update({f"{mode}_precision": precision, f"{mode}_recall": recall, f"{mode}_f1": f1})
    out["not_in_sentence"] = sum(e["not_in_sentence"] for e in entries)
    return out
