"""The retrieval benchmark's evaluation set: symptom queries and ChatDoctor-5k messages with their
target diseases, and the seeded dev/test split of the diseases (see bench_retrieval.py's docstring)."""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SIZES = (2, 3, 5)
TEMPLATES = (
    "I have {}.",
    "I've been having {}.",
    "I'm experiencing {}.",
    "My symptoms are {}.",
    "I have {}. What could it be?",
    "Doctor, I have {}.",
)
GROUPS = ("sym2", "sym3", "sym5", "chatdoctor5k")


@dataclass(frozen=True)
class Query:
    text: str
    target: str  # doc id, "chatdoctor-kb:<idx>"
    group: str
    keywords: tuple[str, ...]


# --- the evaluation set ------------------------------------------------------------------------------


def _entries() -> list[Any]:
    from medllm.datasets import iter_records

    return list(iter_records("chatdoctor-kb", progress=False))


def doc_id(entry: Any) -> str:
    return f"chatdoctor-kb:{entry.id}"


def _table_rows() -> list[dict[str, Any]]:
    """format_dataset.csv as pandas' ``to_dict('records')`` gives it: idx an int, an empty cell NaN."""
    from medllm.datasets import resolve_files

    with open(resolve_files("chatdoctor-kb", progress=False)[0], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{k: (int(v) if k == "idx" else v if v != "" else float("nan")) for k, v in row.items()} for row in rows]


def _phrase(symptoms: Sequence[str], rng: random.Random) -> str:
    names = [s.lower() for s in symptoms]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return rng.choice(TEMPLATES).format(listed)


def symptom_queries(entries: Sequence[Any], seed: int) -> list[Query]:
    rng = random.Random(seed)
    out = []
    for entry in entries:
        for n in SIZES:
            if len(entry.symptoms) >= n:
                chosen = rng.sample(entry.symptoms, n)
                out.append(Query(_phrase(chosen, rng), doc_id(entry), f"sym{n}", tuple(chosen)))
    return out


def _blank(text: str, phrases: Sequence[str]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


def message_queries(entries: Sequence[Any]) -> tuple[list[Query], dict[str, int]]:
    from medllm.datasets import resolve_files
    from medllm.knowledge.chatdoctor_baseline import message_keywords

    by_name = {e.name.lower(): doc_id(e) for e in entries}
    names = sorted((n for n in by_name if len(n) >= 4), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    others = {x.lower() for e in entries for x in (*e.tests, *e.medications)}
    others |= {re.sub(r"\s*\(.*?\)", "", x).strip() for x in others}
    others_sorted = sorted((x for x in others if len(x) >= 4 and x not in by_name), key=len, reverse=True)
    symptoms = sorted({s for e in entries for s in e.symptoms})
    rows = json.loads(Path(resolve_files("chatdoctor-5k", progress=False)[0]).read_text(encoding="utf-8"))
    out, counts = [], {"pairs": len(rows), "no_disease": 0, "several": 0}
    for row in rows:
        found = list(dict.fromkeys(m.group(1) for m in pattern.finditer(_blank(row["output"].lower(), others_sorted))))
        if not found:
            counts["no_disease"] += 1
            continue
        counts["several"] += len(found) > 1
        text = row["input"].strip()
        out.append(Query(text, by_name[found[0]], "chatdoctor5k", tuple(message_keywords(text, symptoms))))
    counts["used"] = len(out)
    return out, counts


def split_of(entries: Sequence[Any], seed: int) -> dict[str, str]:
    ids = [doc_id(e) for e in entries]
    random.Random(seed + 1).shuffle(ids)
    return {doc: ("dev" if i < len(ids) // 2 else "test") for i, doc in enumerate(ids)}


def load(seed: int) -> tuple[list[Any], list[dict[str, Any]], list[Query], dict[str, str], dict[str, int]]:
    entries = _entries()
    messages, counts = message_queries(entries)
    return (
        entries,
        _table_rows(),
        symptom_queries(entries, seed) + messages,
        split_of(entries, seed),
        counts,
    )
