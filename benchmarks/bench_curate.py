"""Curation throughput and memory at scale: dialogues per second per step and for the whole build.

    python benchmarks/bench_curate.py                    # 200k dialogues, all cores
    python benchmarks/bench_curate.py --rows 20000 --baseline-rows 5000
    python benchmarks/bench_curate.py --rows 20000 --baseline-rows 0 --deid-cache-size 0   # plain de-identification

Builds a benchmark set from the real ChatDoctor 5k dialogues (registry ``chatdoctor-5k``): the
originals, remixed dialogues drawn from their sentences, and 10% planted near-copies
(``medllm.curate.perturb.replicate_with_perturbations``). Runs ``recipes/data/chatdoctor_sft.yaml``'s
steps on it with ``medllm data build`` and reports, per stage, dialogues in, seconds and dialogues/s,
plus the whole build's wall time and the peak resident memory of the process tree (sampled every
0.2 s from /proc). Baseline, measured in the same run: the per-record steps on one process, on a
subset (``--baseline-rows``), against the same steps sharded over ``--num-proc`` processes on that subset.
``--deid-cache-size 0`` runs the ``deidentify`` step without its caches of repeated turns and NER
windows (the path before them), for a before/after comparison on the same machine.
Prints JSON (``--json``) or a table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
RECIPE = REPO / "recipes" / "data" / "chatdoctor_sft.yaml"


class TreeMemory:
    """Peak resident memory of this process and all its descendants, sampled from /proc."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(self.interval)


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parent = int(fields[1])
            with open(f"/proc/{entry}/statm") as handle:
                pages = int(handle.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def make_benchmark_set(rows: int, seed: int, path: Path) -> dict[str, Any]:
    from medllm.curate.perturb import replicate_with_perturbations
    from medllm.datasets import iter_records
    from medllm.io.jsonl import write_jsonl

    seeds = list(iter_records("chatdoctor-5k"))
    dialogues, truth = replicate_with_perturbations(seeds, rows, seed)
    write_jsonl(path, dialogues)
    return {"rows": len(dialogues), "planted_near_copies": len(truth), "seed_dialogues": len(seeds)}


def bench_recipe(
    source: Path,
    out: Path,
    num_proc: int,
    steps: list[dict[str, Any]] | None = None,
    deid_cache_size: int | None = None,
) -> Path:
    recipe = yaml.safe_load(RECIPE.read_text())
    recipe["sources"] = [{"path": str(source), "license": "Apache-2.0; research use only", "language": "en"}]
    recipe["num_proc"] = num_proc
    recipe["card"] = {"tokenizer": None, "deid_eval_notes": 0}
    if steps is not None:
        recipe["steps"] = steps
    if deid_cache_size is not None:
        for step in recipe["steps"]:
            if "deidentify" in step:
                step["deidentify"] = {**(step["deidentify"] or {}), "cache_size": deid_cache_size}
    path = out / f"recipe-{num_proc}.yaml"
    path.write_text(yaml.safe_dump(recipe))
    return path


def run(recipe_path: Path, out: Path) -> tuple[Any, float, int]:
    from medllm.curate.build import run_build
    from medllm.curate.recipe import load_recipe

    started = time.perf_counter()
    with TreeMemory() as memory:
        result = run_build(load_recipe(recipe_path), out, resume=False)
    return result, time.perf_counter() - started, memory.peak


def stage_rows(result: Any) -> list[dict[str, Any]]:
    rows = []
    for stage in result.stages:
        seconds = stage.wall_seconds
        rows.append(
            {
                "stage": f"{stage.index:02d}-{stage.name}",
                "in": stage.stats.seen,
                "kept": stage.stats.kept,
                "seconds": round(seconds, 2),
                "dialogues_per_s": round(stage.stats.seen / seconds, 1) if seconds > 0 else None,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--num-proc", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline-rows", type=int, default=10_000, help="0 skips the baseline")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--deid-cache-size", type=int, help="the deidentify step's cache_size (0: no caches)")
    parser.add_argument("--keep", type=Path, help="keep the run folders here instead of a temp folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = work / "bench.jsonl"
        load_at_start = os.getloadavg()[0]  # the machine is shared: say how busy it was
        made = time.perf_counter()
        dataset = make_benchmark_set(args.rows, args.seed, data)
        dataset["build_seconds"] = round(time.perf_counter() - made, 1)
        recipe = bench_recipe(data, work, args.num_proc, deid_cache_size=args.deid_cache_size)
        result, wall, peak = run(recipe, work / "main")
        report: dict[str, Any] = {
            "dataset": dataset,
            "num_proc": args.num_proc,
            "cpu_count": os.cpu_count(),
            "load_average": {"start": round(load_at_start, 2), "end": round(os.getloadavg()[0], 2)},
            "deid_cache_size": args.deid_cache_size,
            "wall_seconds": round(wall, 1),
            "dialogues_per_s": round(args.rows / wall, 1),
            "peak_rss_gb": round(peak / 1e9, 2),
            "targets": {"wall_seconds": 600, "peak_rss_gb": 6.0},
            "stages": stage_rows(result),
            "rows_out": result.card["conservation"]["rows_out"],
            "conservation_holds": result.card["conservation"]["holds"],
        }
        if args.baseline_rows:
            report["baseline"] = baseline(args, work)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(report)


def baseline(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Per-record steps on one process versus sharded, on the same subset, in this run."""
    from medllm.curate.registry import step_class

    steps = [s for s in yaml.safe_load(RECIPE.read_text())["steps"] if step_class(next(iter(s))).per_record]
    subset = work / "subset.jsonl"
    with open(work / "bench.jsonl") as src, open(subset, "w") as dst:
        for _, line in zip(range(args.baseline_rows), src, strict=False):
            dst.write(line)
    timings = {}
    for processes in sorted({1, args.num_proc}):
        result, _, _ = run(bench_recipe(subset, work, processes, steps), work / f"baseline-{processes}")
        timings[processes] = sum(s.wall_seconds for s in result.stages[1:-1])
    sharded = timings[args.num_proc]
    return {
        "rows": args.baseline_rows,
        "steps": [next(iter(s)) for s in steps],
        "seconds_1_process": round(timings[1], 2),
        "num_proc": args.num_proc,
        "seconds_sharded": round(sharded, 2),
        "speedup": round(timings[1] / sharded, 2) if sharded else None,
    }


def print_table(report: dict[str, Any]) -> None:
    print(f"benchmark set: {report['dataset']}")
    print(f"{'stage':<28}{'in':>9}{'kept':>9}{'seconds':>10}{'dialogues/s':>14}")
    for row in report["stages"]:
        rate = "" if row["dialogues_per_s"] is None else f"{row['dialogues_per_s']:,.0f}"
        print(f"{row['stage']:<28}{row['in']:>9}{row['kept']:>9}{row['seconds']:>10}{rate:>14}")
    print(
        f"whole build: {report['wall_seconds']} s for {report['dataset']['rows']} dialogues "
        f"({report['dialogues_per_s']:,.0f}/s) on {report['num_proc']} processes; target 600 s"
    )
    print(f"peak memory (process tree): {report['peak_rss_gb']} GB; target 6 GB")
    print(f"load average (1 min) at start and end: {report['load_average']['start']}, {report['load_average']['end']}")
    if "baseline" in report:
        b = report["baseline"]
        print(
            f"baseline ({b['rows']} rows, per-record steps): 1 process {b['seconds_1_process']} s, "
            f"{b['num_proc']} processes {b['seconds_sharded']} s, speedup {b['speedup']}x"
        )


if __name__ == "__main__":
    main()
