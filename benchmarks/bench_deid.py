"""Speed of the ``deidentify`` step with and without its caches, and a byte-for-byte output check.

    python benchmarks/bench_deid.py                      # 2,000 English dialogues + 500 Chinese turns
    python benchmarks/bench_deid.py --check              # also: cached step == plain per-text path
    python benchmarks/bench_deid.py --english 6000 --json
    python benchmarks/bench_deid.py --records RUN/stages/09-near_dedup/records.jsonl --english 8000

The English dialogues are every k-th of the curation benchmark's 20,000-dialogue set (ChatDoctor
originals, remixes of their sentences and planted near-copies: ``bench_curate.py``), so turns
repeat about as often as in that benchmark; the Chinese turns are DISC-MedLLM's and MedicalGPT's
SFT samples. Both are run through the ``deidentify`` step on one process, in the step's batches:

- ``plain``: ``cache_size: 0``, every turn and every NER window read as given (the path before the
  caches);
- ``fast``: the default settings (repeated turns and NER windows read once).

Analyzers are loaded before timing. ``--check`` compares every turn the ``fast`` step wrote, and
every replacement the engine reports, with the plain path run on that turn alone, byte for byte,
and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def load_records(english: int, chinese: int, path: Path | None = None) -> list[Any]:
    """``english`` benchmark dialogues (or the first ``english`` records of ``path``), then Chinese
    dialogues until ``chinese`` turns."""
    from medllm.curate.perturb import replicate_with_perturbations
    from medllm.datasets import iter_records
    from medllm.records import Conversation

    out: list[Any] = []
    if path is not None:
        with open(path, encoding="utf-8") as handle:
            for _, line in zip(range(english), handle, strict=False):
                out.append(Conversation.model_validate_json(line))
    elif english:
        seeds = list(iter_records("chatdoctor-5k"))
        total = max(20_000, english, len(seeds))
        dialogues, _ = replicate_with_perturbations(seeds, total, 0)
        out.extend(dialogues[:: total // english][:english])
    turns = 0
    for name in ("disc-sft-sample", "medicalgpt-sft"):
        for record in iter_records(name):
            if turns >= chinese:
                break
            out.append(record)
            turns += len(record.messages)
    return out


def run_step(records: list[Any], settings: dict[str, Any]) -> tuple[list[Any], float, Any]:
    """The step's output, its seconds, and the step (its engine holds the cache counts)."""
    from medllm.curate.deid import Deidentify
    from medllm.curate.step import StepStats

    step = Deidentify(settings)
    step.setup()
    list(step.process(iter(records[:8] + records[-8:]), StepStats()))  # load the analyzers, untimed
    step.engine.cache.__init__(step.engine.cache.size)  # start timing with an empty cache
    reader = step.engine._readers.get("en")
    if getattr(reader, "windows", None) is not None:
        reader.windows.__init__(reader.windows.size)
    started = time.perf_counter()
    out = list(step.process(iter(records), StepStats()))
    return out, time.perf_counter() - started, step


def check(records: list[Any], fast_out: list[Any]) -> dict[str, Any]:
    """Compare the fast step's turns and the cached engine's replacements with the plain per-text path."""
    from medllm.deid import Deidentifier

    plain = Deidentifier(cache_size=0)
    cached = Deidentifier()
    texts = [(m.content, r.language) for r in records for m in r.messages]
    step_texts = [m.content for r in fast_out for m in r.messages]
    engine_results = []
    for first in range(0, len(texts), 64):
        batch = texts[first : first + 64]
        engine_results.extend(cached.deidentify_many([t for t, _ in batch], [lang for _, lang in batch]))
    differences = []
    for k, ((text, language), step_text, result) in enumerate(zip(texts, step_texts, engine_results, strict=True)):
        expected = plain.deidentify(text, language)
        same = (
            step_text.encode() == expected.text.encode()
            and result.text.encode() == expected.text.encode()
            and result.replacements == expected.replacements
            and result.counts == expected.counts
            and result.languages == expected.languages
            and result.unsupported == expected.unsupported
        )
        if not same:
            differences.append(k)
    return {
        "turns": len(texts),
        "turns_with_replacements": sum(1 for r in engine_results if r.replacements),
        "different": len(differences),
        "first_differences": differences[:10],
        "cache_hits": cached.cache.hits,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--english", type=int, default=2000, help="English benchmark dialogues")
    parser.add_argument("--chinese", type=int, default=500, help="Chinese turns")
    parser.add_argument("--records", type=Path, help="read the English records from this JSONL file instead")
    parser.add_argument("--mode", choices=["both", "fast", "plain"], default="both")
    parser.add_argument("--batch-size", type=int, help="message texts per step batch (default: the step's)")
    parser.add_argument("--check", action="store_true", help="compare outputs with the plain per-text path")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    records = load_records(args.english, args.chinese, args.records)
    turns = sum(len(r.messages) for r in records)
    report: dict[str, Any] = {"dialogues": len(records), "turns": turns, "load": os.getloadavg()[0], "runs": {}}
    fast_out = None
    for mode in ("plain", "fast"):
        if args.mode not in ("both", mode):
            continue
        settings: dict[str, Any] = {"cache_size": 0} if mode == "plain" else {}
        if args.batch_size:
            settings["batch_size"] = args.batch_size
        out, seconds, step = run_step(records, settings)
        reader = step.engine._readers.get("en")
        windows = getattr(reader, "windows", None)
        report["runs"][mode] = {
            "seconds": round(seconds, 2),
            "turns_per_s": round(turns / seconds, 1),
            "dialogues_per_s": round(len(records) / seconds, 1),
            "turn_cache_hits": step.engine.cache.hits,
            "window_cache_hits": windows.hits if windows is not None else 0,
            "windows_run": windows.misses if windows is not None else None,
        }
        if mode == "fast":
            fast_out = out
    if "plain" in report["runs"] and "fast" in report["runs"]:
        report["speedup"] = round(report["runs"]["plain"]["seconds"] / report["runs"]["fast"]["seconds"], 2)
    if args.check:
        if fast_out is None:
            fast_out, _, _ = run_step(records, {})
        report["check"] = check(records, fast_out)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(report)
    if args.check and report["check"]["different"]:
        sys.exit(1)


def print_table(report: dict[str, Any]) -> None:
    print(f"{report['dialogues']} dialogues, {report['turns']} turns; load average {report['load']:.2f}")
    print(f"{'path':<8}{'seconds':>10}{'turns/s':>10}{'dialogues/s':>13}{'turn hits':>11}{'window hits':>13}")
    for mode, run in report["runs"].items():
        print(
            f"{mode:<8}{run['seconds']:>10}{run['turns_per_s']:>10,.0f}{run['dialogues_per_s']:>13,.0f}"
            f"{run['turn_cache_hits']:>11}{run['window_cache_hits']:>13}"
        )
    if "speedup" in report:
        print(f"speed-up: {report['speedup']}x")
    if "check" in report:
        c = report["check"]
        verdict = "identical" if not c["different"] else f"{c['different']} DIFFERENT {c['first_differences']}"
        print(
            f"check: {c['turns']} turns ({c['turns_with_replacements']} with replacements, "
            f"{c['cache_hits']} cache hits) vs the plain per-text path: {verdict}"
        )


if __name__ == "__main__":
    main()
