"""The data card of a build: what went in, what every step did, and what came out (Markdown + JSON + PNG).

Every figure in the card is computed from the run's own stage files; nothing is estimated. The card
holds no timings and no cache flags (those go to ``run_report.json``, see
:mod:`medllm.curate.build`), so two builds of the same recipe on the same data give byte-identical
cards. The de-identification evaluation is not rerun at build time: the card cites the recorded
one, with the code version it was measured on (:mod:`medllm.deid.evaluation.recorded`).
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from medllm.curate.build import dumps, environment
from medllm.curate.executor import StageResult, iter_stage_records
from medllm.curate.mix import apply_plan, plan_mix
from medllm.curate.recipe import Recipe
from medllm.curate.sources import source_of
from medllm.records import Conversation

# Chinese has no spaces between words: count each CJK character, as character-level metrics do.
_WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")
CARD_MD, CARD_JSON, PLOTS = "data_card.md", "data_card.json", "plots"


def write_card(recipe: Recipe, out_dir: Path, stages: list[StageResult], outputs: dict[str, str]) -> dict[str, Any]:
    """Compute the card from the stage folders and write it as JSON and Markdown (with plots)."""
    last_step, mix = stages[-2], stages[-1]
    final = _final_records(recipe, last_step, mix)
    lengths, length_unit = _lengths(recipe, final)
    card = {
        "name": recipe.name,
        "description": recipe.description,
        "outputs": outputs,
        "sources": _sources(recipe, stages, mix, final),
        "steps": [_stage_summary(stage) for stage in stages],
        "conservation": _conservation(stages),
        "drops_by_reason": _drops(stages),
        "duplicates": _counters_of(stages, ("exact_dedup", "near_dedup")),
        "identifiers_removed": _identifiers(stages),
        "deidentification": _deidentification(recipe, stages),
        "decontamination": _decontamination(stages),
        "languages": _languages(final),
        "token_lengths": {"unit": length_unit, **_length_summary(lengths)},
        "licenses": sorted({r.license or "unknown" for _, r in final}),
        "mix_plan": mix.extra.get("plan", {}),
        "environment": environment(),
        "recipe": json.loads(recipe.model_dump_json()),
    }
    plots = out_dir / PLOTS
    plots.mkdir(exist_ok=True)
    card["plots"] = _plot(lengths, length_unit, stages, plots)
    (out_dir / CARD_JSON).write_text(dumps(card))
    (out_dir / CARD_MD).write_text(render_markdown(card))
    return card


def _final_records(recipe: Recipe, last_step: StageResult, mix: StageResult) -> list[tuple[str, Conversation]]:
    available = {name: stats.kept for name, stats in last_step.by_source.items()}
    plan = plan_mix(recipe, available)
    return [(split, r) for split, r in apply_plan(iter_stage_records(last_step.folder), plan) if split]


def _sources(
    recipe: Recipe, stages: list[StageResult], mix: StageResult, final: list[tuple[str, Conversation]]
) -> list[dict[str, Any]]:
    read = stages[0]
    per_split: dict[str, Counter[str]] = defaultdict(Counter)
    licenses: dict[str, set[str]] = defaultdict(set)
    for split, record in final:
        per_split[source_of(record)][split] += 1
        licenses[source_of(record)].add(record.license or "unknown")
    rows = []
    for spec in recipe.sources:
        stats = read.by_source.get(spec.name)
        rows.append(
            {
                "name": spec.name,
                "origin": spec.origin,
                "license": spec.license or _registry_license(spec.dataset),
                "licenses_in_output": sorted(licenses[spec.name]),
                "weight": spec.weight,
                "cap": spec.cap,
                "rows_read": stats.seen if stats else 0,
                "bad_rows": sum(stats.dropped.values()) - stats.dropped.get("over_cap", 0) if stats else 0,
                "train": per_split[spec.name]["train"],
                "validation": per_split[spec.name]["validation"],
            }
        )
    return rows


def _registry_license(name: str | None) -> str | None:
    if name is None:
        return None
    from medllm.datasets import get_dataset

    return get_dataset(name).license.label


def _stage_summary(stage: StageResult) -> dict[str, Any]:
    return {
        "stage": f"{stage.index:02d}-{stage.name}",
        "seen": stage.stats.seen,
        "kept": stage.stats.kept,
        "dropped": dict(stage.stats.dropped),
        "counters": dict(sorted(stage.stats.counters.items())),
        "by_source": {
            name: {"seen": s.seen, "kept": s.kept, "dropped": dict(s.dropped)}
            for name, s in sorted(stage.by_source.items())
        },
    }


def _conservation(stages: list[StageResult]) -> dict[str, Any]:
    """Checks that no record vanished: within a stage and from one stage to the next."""
    problems = []
    for stage in stages:
        if stage.stats.seen != stage.stats.kept + sum(stage.stats.dropped.values()):
            problems.append(f"{stage.name}: seen {stage.stats.seen} != kept + dropped")
    for before, after in itertools.pairwise(stages):
        if after.stats.seen != before.stats.kept:
            problems.append(f"{after.name}: saw {after.stats.seen}, previous stage kept {before.stats.kept}")
    rows_in = stages[0].stats.seen
    rows_out = stages[-1].stats.kept
    dropped = sum(sum(s.stats.dropped.values()) for s in stages)
    return {
        "rows_in": rows_in,
        "rows_out": rows_out,
        "dropped": dropped,
        "holds": not problems and rows_in == rows_out + dropped,
        "problems": problems,
    }


def _drops(stages: list[StageResult]) -> dict[str, dict[str, int]]:
    return {f"{s.index:02d}-{s.name}": dict(s.stats.dropped) for s in stages if s.stats.dropped}


def _counters_of(stages: list[StageResult], names: Iterable[str]) -> dict[str, Any]:
    return {
        s.name: {"dropped": dict(s.stats.dropped), "counters": dict(s.stats.counters)}
        for s in stages
        if s.name in names
    }


def _identifiers(stages: list[StageResult]) -> dict[str, int]:
    found: Counter[str] = Counter()
    for stage in stages:
        for key, value in stage.stats.counters.items():
            kind = key.removeprefix("identifiers.")
            if key.startswith("identifiers.") and "." not in kind:
                found[kind] += value
    return dict(sorted(found.items()))


def _deidentification(recipe: Recipe, stages: list[StageResult]) -> dict[str, Any] | None:
    """What de-identification did to this data, by language, and the recorded evaluation it rests on."""
    stage = next((s for s in stages if s.name == "deidentify"), None)
    if stage is None:
        return None
    settings = next((s for name, s in recipe.step_list if name == "deidentify"), {}) or {}
    counters = stage.stats.counters
    records = {k.removeprefix("records."): v for k, v in counters.items() if k.startswith("records.")}
    by_language: dict[str, Any] = {}
    for language, n in sorted(records.items()):
        found = {k.rsplit(".", 1)[1]: v for k, v in counters.items() if k.startswith(f"identifiers.{language}.")}
        by_language[language] = {
            "records": n,
            "replacements": dict(sorted(found.items())),
            "per_1000_records": {kind: round(1000 * v / n, 1) for kind, v in sorted(found.items())},
        }
    unsupported = {
        k.removeprefix("unsupported_language."): v for k, v in counters.items() if k.startswith("unsupported_language.")
    }
    from medllm.deid.evaluation.recorded import card_summary

    return {
        "records_seen": stage.stats.seen,
        "records_with_identifiers": counters.get("records_with_identifiers", 0),
        "by_language": by_language,
        "unsupported_language_records": dict(sorted(unsupported.items())),
        "unsupported_language_action": settings.get("unsupported_language", "drop"),
        "dropped_unsupported_language": stage.stats.dropped.get("unsupported_language", 0),
        "audit_sample": [
            {k: v for k, v in item.items() if k != "key"}
            for item in sorted(stage.stats.samples, key=lambda i: i["key"])
        ],
        "evaluation": card_summary(),
    }


def _decontamination(stages: list[StageResult], examples: int = 20) -> dict[str, Any]:
    for stage in stages:
        if stage.name != "decontaminate":
            continue
        overlap = {k.removeprefix("overlap."): v for k, v in stage.stats.counters.items() if k.startswith("overlap.")}
        # Each dropped record names the evaluation item it shares most with: "<eval set>:<item id>".
        found: dict[str, list[dict[str, str]]] = defaultdict(list)
        with open(stage.folder / "rejects.jsonl", encoding="utf-8") as handle:
            for line in handle:
                reject = json.loads(line)
                eval_set, _, item = reject["detail"].partition(":")
                if len(found[eval_set]) < examples:
                    found[eval_set].append({"train_id": reject["record"].get("id"), "eval_item": item})
        return {
            "overlap_by_eval_set": dict(sorted(overlap.items())),
            "dropped": stage.stats.dropped.get("contaminated", 0),
            "examples": dict(sorted(found.items())),
        }
    return {}


def _languages(final: list[tuple[str, Conversation]]) -> dict[str, dict[str, int]]:
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for _, record in final:
        by_source[source_of(record)][record.language or "unknown"] += 1
    return {name: dict(counts) for name, counts in sorted(by_source.items())}


def _lengths(recipe: Recipe, final: list[tuple[str, Conversation]]) -> tuple[dict[str, dict[str, list[int]]], str]:
    """Per split and source, the length of each conversation in tokens (or words without a tokenizer)."""
    texts = ["\n".join(m.content for m in record.messages) for _, record in final]
    if recipe.card.tokenizer:
        from medllm.models import load_tokenizer

        tokenizer = load_tokenizer(recipe.card.tokenizer)
        counts = []
        for start in range(0, len(texts), 1000):
            encoded = tokenizer(texts[start : start + 1000], add_special_tokens=False)["input_ids"]
            counts.extend(len(ids) for ids in encoded)
        unit = f"tokens ({recipe.card.tokenizer})"
    else:
        counts = [len(_WORDS.findall(text)) for text in texts]
        unit = "words (each CJK character counts as one)"
    lengths: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (split, record), count in zip(final, counts, strict=True):
        lengths[split][source_of(record)].append(count)
    return lengths, unit


def _length_summary(lengths: dict[str, dict[str, list[int]]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for split, by_source in sorted(lengths.items()):
        everything = [n for values in by_source.values() for n in values]
        summary[split] = {"all": _describe(everything), **{s: _describe(v) for s, v in sorted(by_source.items())}}
    return summary


def _describe(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {
        "n": len(values),
        "min": ordered[0],
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
        "max": ordered[-1],
        "total": sum(values),
    }


def _plot(
    lengths: dict[str, dict[str, list[int]]], unit: str, stages: list[StageResult], folder: Path
) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = {}
    for split, by_source in sorted(lengths.items()):
        figure, axes = plt.subplots(figsize=(7, 4))
        names = sorted(by_source)
        axes.hist([by_source[n] for n in names], bins=40, stacked=True, label=names)
        axes.set_xlabel(f"conversation length, {unit}")
        axes.set_ylabel("conversations")
        axes.set_title(f"{split}: length by source")
        axes.legend(fontsize="small")
        figure.tight_layout()
        path = folder / f"token_lengths_{split}.png"
        figure.savefig(path, dpi=110)
        plt.close(figure)
        files[f"token_lengths_{split}"] = str(path.relative_to(folder.parent))
    figure, axes = plt.subplots(figsize=(7, 4))
    sources = sorted({s for stage in stages for s in stage.by_source})
    labels = [stage.name for stage in stages]
    for source in sources:
        axes.plot(
            labels,
            [stage.by_source[source].kept if source in stage.by_source else 0 for stage in stages],
            marker="o",
            label=source,
        )
    axes.set_ylabel("records kept")
    axes.set_title("records kept after each stage")
    axes.tick_params(axis="x", rotation=45)
    axes.legend(fontsize="small")
    figure.tight_layout()
    path = folder / "rows_per_stage.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    files["rows_per_stage"] = str(path.relative_to(folder.parent))
    return files


def render_markdown(card: dict[str, Any]) -> str:
    """The card as Markdown: tables a reviewer can read without opening the JSON."""
    lines = [f"# Data card: {card['name']}", ""]
    if card["description"]:
        lines += [card["description"], ""]
    conservation = card["conservation"]
    train = sum(s["train"] for s in card["sources"])
    validation = sum(s["validation"] for s in card["sources"])
    lines += [
        f"Rows in: {conservation['rows_in']}; rows out: {conservation['rows_out']} "
        f"(train {train}, validation {validation}); "
        f"dropped: {conservation['dropped']}. Conservation (in = out + dropped, checked per stage): "
        f"{'holds' if conservation['holds'] else 'BROKEN: ' + '; '.join(conservation['problems'])}.",
        "",
        "Outputs: " + ", ".join(f"`{v}`" for v in card["outputs"].values()),
        "",
        "## Sources",
        "",
        "| source | origin | license | weight | cap | rows read | bad rows | train | validation |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in card["sources"]:
        lines.append(
            f"| {s['name']} | {s['origin']} | {s['license']} | {s['weight']} | {s['cap'] or ''} | {s['rows_read']} "
            f"| {s['bad_rows']} | {s['train']} | {s['validation']} |"
        )
    lines += [
        "",
        "## Steps",
        "",
        "| stage | seen | kept | dropped (by reason) | counters |",
        "|---|---|---|---|---|",
    ]
    for step in card["steps"]:
        dropped = ", ".join(f"{k}: {v}" for k, v in sorted(step["dropped"].items())) or "-"
        counters = ", ".join(f"{k}: {v}" for k, v in sorted(step["counters"].items())) or "-"
        cells = [step["stage"], step["seen"], step["kept"], dropped, counters]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    sources = sorted({name for step in card["steps"] for name in step["by_source"]})
    lines += [
        "",
        "### Records kept per source after each stage",
        "",
        "| stage | " + " | ".join(sources) + " |",
        "|---" * (len(sources) + 1) + "|",
    ]
    for step in card["steps"]:
        cells = [str(step["by_source"].get(name, {}).get("kept", 0)) for name in sources]
        lines.append(f"| {step['stage']} | " + " | ".join(cells) + " |")
    if "rows_per_stage" in card.get("plots", {}):
        lines += ["", f"![records per stage]({card['plots']['rows_per_stage']})"]
    if card["duplicates"]:
        lines += ["", "## Duplicates", ""]
        for name, info in card["duplicates"].items():
            lines.append(
                f"- {name}: dropped {sum(info['dropped'].values())}; "
                + ", ".join(f"{k}: {v}" for k, v in info["counters"].items())
            )
    if card["identifiers_removed"] or card["deidentification"]:
        lines += _deid_markdown(card["identifiers_removed"], card["deidentification"])
    if card["decontamination"]:
        lines += ["", "## Decontamination", ""]
        overlap = card["decontamination"].get("overlap_by_eval_set", {})
        lines += [f"- {name}: {count} training records overlapped" for name, count in sorted(overlap.items())] or [
            "- no overlap found"
        ]
        for name, rows in card["decontamination"].get("examples", {}).items():
            shown = ", ".join(f"{r['train_id']} ~ {r['eval_item']}" for r in rows[:5])
            lines.append(f"  - {name} examples (training id ~ evaluation item): {shown}")
    lines += ["", "## Languages (final set)", "", "| source | languages |", "|---|---|"]
    for source, counts in card["languages"].items():
        lines.append(f"| {source} | " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) + " |")
    lengths = card["token_lengths"]
    lines += [
        "",
        f"## Lengths ({lengths['unit']})",
        "",
        "| split | source | n | min | median | p95 | max |",
        "|---|---|---|---|---|---|---|",
    ]
    for split, by_source in lengths.items():
        if split == "unit":
            continue
        for source, d in by_source.items():
            if d.get("n"):
                lines.append(
                    f"| {split} | {source} | {d['n']} | {d['min']} | {d['median']} | {d['p95']} | {d['max']} |"
                )
    for key, path in card.get("plots", {}).items():
        if key.startswith("token_lengths"):
            lines += ["", f"![{key}]({path})"]
    lines += ["", "## Licenses", ""]
    lines += [f"- {s['name']}: {s['license']}" for s in card["sources"]]
    lines += ["", "Check every source's terms before training or releasing a model on this data.", ""]
    env = card["environment"]
    lines += [
        "## Reproduce",
        "",
        f"`medllm data build RECIPE.yaml --out DIR` with seed {card['recipe']['seed']}; "
        f"Python {env['python']}; " + ", ".join(f"{k} {v}" for k, v in env["packages"].items() if v),
        "",
    ]
    return "\n".join(lines)


def _deid_markdown(identifiers: dict[str, int], deid: dict[str, Any] | None) -> list[str]:
    lines = ["", "## De-identification", "", "Identifiers replaced in this data, by type:", ""]
    lines += [f"- {kind}: {count}" for kind, count in identifiers.items()] or ["- none found"]
    if not deid:
        return lines
    lines += [
        "",
        f"{deid['records_with_identifiers']} of {deid['records_seen']} records had at least one replacement.",
        "",
        "Replacements per 1,000 records, by the language whose recognizers read the text:",
        "",
        "| language | records | type | replacements | per 1,000 records |",
        "|---|---:|---|---:|---:|",
    ]
    for language, info in deid["by_language"].items():
        for kind, count in info["replacements"].items():
            rate = info["per_1000_records"][kind]
            lines.append(f"| {language} | {info['records']} | {kind} | {count} | {rate} |")
        if not info["replacements"]:
            lines.append(f"| {language} | {info['records']} | - | 0 | 0 |")
    unsupported = deid["unsupported_language_records"]
    lines += [""]
    if unsupported:
        action = (
            "dropped" if deid["unsupported_language_action"] == "drop" else "kept (e-mail, URL and IP removed only)"
        )
        lines.append(
            "Records with text in a language without recognizers ("
            + action
            + "): "
            + ", ".join(f"{lang}: {n}" for lang, n in unsupported.items())
        )
    else:
        lines.append("Records with text in a language without recognizers: none.")
    if deid["audit_sample"]:
        lines += [
            "",
            f"A seeded random sample of {len(deid['audit_sample'])} replacements, for a person to check "
            "(it quotes the original text: remove this section before sharing the card outside the team "
            "that may see the raw data):",
            "",
            "| record | turn | language | type | original | replaced by | context |",
            "|---|---:|---|---|---|---|---|",
        ]
        for item in deid["audit_sample"]:
            cells = [item["record"], item["turn"], item["language"], item["type"], item["original"],
                     item["replacement"], item["context"]]  # fmt: skip
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    evaluation = deid.get("evaluation")
    if evaluation:
        lines += ["", evaluation["summary"], ""]
        lines += evaluation.get("markdown", [])
    return lines


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")
