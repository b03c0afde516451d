"""The recorded evaluation: figures measured once with ``medllm data deid-eval``, cited by data cards.

A data build does not rerun the evaluation (it would take minutes, and its figures would say
nothing about the data being built). ``recorded.json`` next to this module holds the summary of
the last recorded run of each split, with the code version it was measured on; the data card
quotes it and says whether the de-identification code of the build is the same
(:func:`card_summary`). Record a new run with ``medllm data deid-eval --split dev --record`` (and
``--split heldout --record``) after changing the rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RECORDED = Path(__file__).with_name("recorded.json")


def load() -> dict[str, Any]:
    """The recorded summaries by split (empty when nothing was recorded)."""
    if not RECORDED.exists():
        return {}
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def record(result: dict[str, Any], path: Path = RECORDED) -> None:
    """Store a run's summary (not its examples) under its split, keeping the other split's."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[result["split"]] = {k: result[k] for k in ("split", "seed", "sizes", "code_version", "targets", "summary",
                                                    "passes", "failures")}  # fmt: skip
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def card_summary() -> dict[str, Any] | None:
    """What a data card shows of the recorded evaluation: a sentence, the figures, and whether the
    code that measured them is the code of this build. Deterministic: no run, no clock."""
    from medllm.deid.evaluation.run import markdown, source_hash

    data = load()
    if not data:
        return None
    current = source_hash()
    splits = {}
    lines: list[str] = []
    for split in ("dev", "heldout"):
        if split not in data:
            continue
        result = data[split]
        measured = result["code_version"]["deid_source_sha256"]
        splits[split] = {
            "measured_on": result["code_version"],
            "same_code_as_this_build": measured == current,
            "passes": result["passes"],
            "failures": result["failures"],
            "summary": result["summary"],
        }
        lines += markdown(result)
    same = all(s["same_code_as_this_build"] for s in splits.values())
    sentence = (
        "Recorded evaluation of the de-identifier (not rerun for this build; `medllm data deid-eval`): recall per "
        "identifier class on English and Chinese text written independently of the rules, and survival of medical "
        "terms. "
        + (
            "It was measured on the same de-identification code as this build."
            if same
            else f"It was measured on other de-identification code than this build's ({current}): rerun it."
        )
    )
    return {"summary": sentence, "code_of_this_build": current, "splits": splits, "markdown": lines}
