"""``medllm data build``: run a recipe end to end and write the training set, its data card and a run report.

The data card (:mod:`medllm.curate.card`) describes the data and is the same for identical builds;
``run_report.json`` holds what changes between runs (seconds per stage, cache hits)."""

from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medllm.curate.executor import (
    Reporter,
    StageResult,
    claim_folder,
    finish_stage,
    fresh_folder,
    iter_stage_records,
    load_finished,
    run_read_stage,
    run_step_group,
    stage_key,
    step_groups,
)
from medllm.curate.mix import SplitWriters, apply_plan, plan_mix
from medllm.curate.recipe import Recipe
from medllm.curate.step import StepStats
from medllm.io.jsonl import atomic_writer


@dataclass
class BuildResult:
    """Everything a finished build produced."""

    recipe: Recipe
    out_dir: Path
    stages: list[StageResult]
    outputs: dict[str, str]
    card: dict[str, Any]


def run_build(
    recipe: Recipe, out_dir: str | Path, *, resume: bool = True, reporter: Reporter | None = None
) -> BuildResult:
    """Run every stage (skipping finished ones when ``resume``), then mix, split, write and describe.

    Raises:
        DataError: a source cannot be read, or (strict mode) a row is bad.
    """
    from medllm.curate.card import write_card

    out_dir = Path(out_dir)
    root = out_dir / "stages"
    root.mkdir(parents=True, exist_ok=True)
    reporter = reporter or Reporter()
    (out_dir / "recipe.json").write_text(recipe.model_dump_json(indent=2) + "\n")
    stages = [run_read_stage(recipe, root, reporter, resume)]
    for group in step_groups(recipe.step_list):
        stages.extend(run_step_group(group, stages[-1], recipe, root, reporter, resume))
    mix_stage, outputs = run_mix_stage(len(stages), stages[-1], recipe, out_dir, reporter, resume)
    stages.append(mix_stage)
    card = write_card(recipe, out_dir, stages, outputs)
    write_run_report(out_dir, stages)
    return BuildResult(recipe, out_dir, stages, outputs, card)


RUN_REPORT = "run_report.json"


def write_run_report(out_dir: Path, stages: list[StageResult]) -> None:
    """What differs between two runs of the same build: each stage's wall and worker seconds and
    whether it came from the cache. Kept out of the data card so identical builds give identical cards."""
    report = {
        "stages": [
            {
                "stage": f"{stage.index:02d}-{stage.name}",
                "seconds": round(stage.wall_seconds, 2),
                "cpu_seconds": round(stage.stats.seconds, 2),
                "cached": stage.cached,
            }
            for stage in stages
        ]
    }
    (out_dir / RUN_REPORT).write_text(dumps(report))


def run_mix_stage(
    index: int, previous: StageResult, recipe: Recipe, out_dir: Path, reporter: Reporter, resume: bool
) -> tuple[StageResult, dict[str, str]]:
    description = {
        "stage": "mix",
        "seed": recipe.seed,
        "mix": recipe.mix.model_dump(),
        "split": recipe.split.model_dump(),
        "output": recipe.output.model_dump(),
        "sources": [(s.name, s.weight) for s in recipe.sources],
    }
    key = stage_key(previous.key, description)
    folder = claim_folder(out_dir / "stages", index, "mix")
    writers = SplitWriters(recipe, out_dir)
    outputs = {name: str(path) for name, path in writers.paths().items()}
    if resume and (done := load_finished(folder, key)) and all(Path(p).exists() for p in outputs.values()):
        reporter.finish(f"{index:02d} mix", done.stats, cached=True)
        return done, outputs
    fresh_folder(folder)
    available = {name: stats.kept for name, stats in previous.by_source.items()}
    plan = plan_mix(recipe, available)
    stats, by_source = StepStats(), {}
    reporter.start(f"{index:02d} mix", previous.stats.kept)

    def selected() -> Any:
        for split, record in apply_plan(iter_stage_records(previous.folder), plan):
            source_stats = by_source.setdefault(record.metadata.get("recipe_source", "?"), StepStats())
            if "#copy" in (record.id or ""):
                stats.counters["upsampled_copies"] += 1
                source_stats.counters["upsampled_copies"] += 1
                yield split, record
                continue
            stats.seen += 1
            source_stats.seen += 1
            reporter.advance(1)
            if split is None:
                stats.dropped["not_selected_by_mix"] += 1
                source_stats.dropped["not_selected_by_mix"] += 1
                unselected.write(record.model_dump_json(exclude_none=True) + "\n")
                continue
            stats.kept += 1
            source_stats.kept += 1
            stats.counters[split] += 1
            source_stats.counters[split] += 1
            yield split, record

    started = time.perf_counter()
    with atomic_writer(folder / "not_selected.jsonl") as unselected:
        writers.write_all(selected())
    stats.seconds = time.perf_counter() - started
    result = StageResult(
        index,
        "mix",
        key,
        folder,
        stats,
        by_source,
        cached=False,
        extra={"plan": plan.to_json()},
        wall_seconds=stats.seconds,
    )
    reporter.finish(f"{index:02d} mix", stats, cached=False)
    return finish_stage(result), outputs


def environment() -> dict[str, Any]:
    """Versions that a rerun should match, for the data card."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    packages = ("medllm", "datasketch", "presidio-analyzer", "presidio-anonymizer", "spacy", "jieba", "py3langid")
    for package in (*packages, "transformers"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {"python": platform.python_version(), "packages": versions}


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
