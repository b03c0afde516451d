"""Triage quality and speed against a keyword baseline, on the labelled sets, in one run.

    python benchmarks/bench_triage.py                # every labelled set in tests/assistant/data
    python benchmarks/bench_triage.py --sets triage_final3.jsonl --json

Quality: per set and language, emergency recall (emergency messages triaged emergency), false-alarm
rate (routine messages triaged emergency), urgent accuracy, and the same for the baseline: a flat
list of red-flag words in English and Chinese with no negation, time or question handling, which
is what many chat products do. Speed: wall time for 1,000 messages (cycled from the sets) in a fresh
Python process, first pass (imports and one-time table loads included) and second pass, for medllm
and for the baseline. Prints a table, or JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "assistant" / "data"

# The baseline: words that name an emergency, matched anywhere. Deliberately the common product approach.
BASELINE_WORDS = re.compile(
    r"chest pain|heart attack|stroke|can'?t breathe|cannot breathe|not breathing|unconscious|unresponsive|seizure|"
    r"overdose|suicid|kill myself|bleeding|anaphyla|choking|poison|burn|faint|collapse|"
    r"胸痛|心梗|中风|喘不|呼吸困难|没有呼吸|昏迷|抽搐|过量|自杀|不想活|出血|过敏性休克|窒息|中毒|烧伤|烫伤|晕倒",
    re.IGNORECASE,
)


def baseline(text: str) -> str:
    return "emergency" if BASELINE_WORDS.search(text) else "routine"


def load(names: list[str]) -> list[dict[str, Any]]:
    rows = []
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("language", "zh" if "zh" in row["id"].split("-")[:2] else "en")
                row["set"] = name
                rows.append(row)
    return rows


def scores(rows: list[dict[str, Any]], predict: Any) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter((r["label"], predict(r["text"])) for r in rows)
    emergencies = sum(v for (g, _), v in counts.items() if g == "emergency")
    routine = sum(v for (g, _), v in counts.items() if g == "routine")
    urgent = sum(v for (g, _), v in counts.items() if g == "urgent")
    return {
        "n": len(rows),
        "emergency_recall": round(counts[("emergency", "emergency")] / emergencies, 4) if emergencies else None,
        "false_alarm_rate": round(counts[("routine", "emergency")] / routine, 4) if routine else None,
        "urgent_accuracy": round(counts[("urgent", "urgent")] / urgent, 4) if urgent else None,
    }


_TIMER = """
import json, sys, time
texts = json.load(sys.stdin)
t0 = time.perf_counter()
if sys.argv[1] == "medllm":
    from medllm.assistant.triage import triage
    run = lambda t: triage(t).level
else:
    sys.path.insert(0, sys.argv[2])
    from bench_triage import baseline as run
t1 = time.perf_counter()
for t in texts: run(t)
t2 = time.perf_counter()
for t in texts: run(t)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "first_pass_s": t2 - t1, "second_pass_s": t3 - t2}))
"""


def timing(texts: list[str], which: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, which, str(Path(__file__).parent)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return {k: round(v, 3) for k, v in json.loads(done.stdout).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", help="File names in tests/assistant/data (default: every triage_*.jsonl).")
    parser.add_argument("--messages", type=int, default=1000, help="Messages timed per pass.")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    args = parser.parse_args()
    from medllm.assistant.triage import triage

    names = args.sets or sorted(p.name for p in DATA.glob("triage_*.jsonl"))
    rows = load(names)
    ours = lambda text: triage(text).level.label  # noqa: E731
    quality = []
    for name in names:
        for language in ("en", "zh"):
            subset = [r for r in rows if r["set"] == name and r["language"] == language]
            if subset:
                quality.append(
                    {
                        "set": name,
                        "language": language,
                        "medllm": scores(subset, ours),
                        "baseline": scores(subset, baseline),
                    }
                )
    for language in ("en", "zh"):
        subset = [r for r in rows if r["language"] == language]
        quality.append(
            {"set": "all", "language": language, "medllm": scores(subset, ours), "baseline": scores(subset, baseline)}
        )
    texts = [rows[i % len(rows)]["text"] for i in range(args.messages)]
    speed = {"messages": len(texts), "medllm": timing(texts, "medllm"), "baseline": timing(texts, "baseline")}
    result = {"quality": quality, "speed": speed}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{'set':<26} {'lang':<4} {'n':>4}  {'recall':>7} {'false al.':>9} {'urgent':>7}   "
        f"{'base recall':>11} {'base f.a.':>9}"
    )
    for q in quality:
        m, b = q["medllm"], q["baseline"]
        fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
        print(
            f"{q['set']:<26} {q['language']:<4} {m['n']:>4}  {fmt(m['emergency_recall']):>7} "
            f"{fmt(m['false_alarm_rate']):>9} {fmt(m['urgent_accuracy']):>7}   {fmt(b['emergency_recall']):>11} "
            f"{fmt(b['false_alarm_rate']):>9}"
        )
    s = speed
    print(
        f"\n{s['messages']} messages, fresh process: medllm import {s['medllm']['import_s']} s, first pass "
        f"{s['medllm']['first_pass_s']} s, second pass {s['medllm']['second_pass_s']} s; baseline second pass "
        f"{s['baseline']['second_pass_s']} s"
    )


if __name__ == "__main__":
    main()
