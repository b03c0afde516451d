"""The run's one report: data, training, evaluation, triage and knowledge base, with the next commands.

``report.md`` links to the step folders; ``report.html`` is self-contained (plots inlined as data URIs)
so it can be mailed or attached to a model card. Everything in it is read from the step folders: the
report never recomputes a figure.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import json
import math
from pathlib import Path
from typing import Any

from medllm.run.recipe import RunRecipe


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.4g}"
    return "-" if value is None else str(value)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return lines


def _plots(value: Any) -> list[Path]:
    if isinstance(value, str) and value.endswith(".png"):
        return [Path(value)]
    if isinstance(value, dict):
        return [p for item in value.values() for p in _plots(item)]
    if isinstance(value, list):
        return [p for item in value for p in _plots(item)]
    return []


def write_run_report(recipe: RunRecipe, out: Path, folder: Path, results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Write ``report.md`` and ``report.html`` into ``folder`` from the finished steps in ``results``."""
    md: list[str] = [f"# {recipe.name}", ""]
    if recipe.description:
        md += [recipe.description.strip(), ""]
    if recipe.source:
        md += [f"Source: {recipe.source.strip()}", ""]
    first = next(iter(results.values()), {})
    commit = (first.get("environment") or {}).get("git_commit")
    md += [f"Base model: `{recipe.model}`. medllm commit: `{commit}`.", ""]
    if recipe.teacher is not None and recipe.teacher.scripted:
        md += ["Teacher and judge: medllm's scripted smoke-test teacher (canned replies): the synthesis and judged "
               "figures below test the pipeline, not a model.", ""]  # fmt: skip
    md += ["## Steps", ""]
    md += _table(
        ["step", "type", "status", "wall s", "peak memory MB"],
        [[n, r.get("type"), r.get("status"), r.get("wall_s"), r.get("peak_memory_mb")] for n, r in results.items()],
    )
    plots: list[Path] = []
    final_model, kb = None, None
    for name, record in results.items():
        kind, result = record.get("type"), record.get("result") or {}
        step_folder = out / name
        if kind == "data":
            md += _data_section(name, step_folder)
        elif kind == "train":
            section, stage_plots = _train_section(name, step_folder)
            md += section
            plots += stage_plots
            final_model = result.get("model")
        elif kind == "eval":
            md += _eval_section(name, step_folder)
            plots += [p for p in [step_folder / "scores.png"] if p.is_file()]
        elif kind == "triage":
            md += _triage_section(name, result)
        elif kind == "synth":
            md += _synth_section(name, result, record.get("settings") or {})
        elif kind == "export":
            final_model = result.get("model") or final_model
            md += ["", f"## Export ({name})", "", f"Model folder to publish: `{result.get('model')}` "
                   f"(model card `{result.get('card')}`, with this run's evaluation)."]  # fmt: skip
        elif kind == "kb":
            kb = result.get("kb")
            md += ["", f"## Knowledge base ({name})", "", f"`{kb}`: {result.get('documents')} documents, "
                   f"{result.get('chunks')} chunks."]  # fmt: skip
    commands = next_commands(final_model or recipe.model, kb)
    md += _next_section(commands)
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(md) + "\n"
    (folder / "report.md").write_text(text, encoding="utf-8")
    (folder / "report.html").write_text(_html(recipe.name, text, plots), encoding="utf-8")
    return {"report": str(folder / "report.md"), "html": str(folder / "report.html"), "next": commands}


def _data_section(name: str, folder: Path) -> list[str]:
    card = _read_json(folder / "data_card.json") or {}
    conservation = card.get("conservation", {})
    lines = ["", f"## Data ({name})", ""]
    lines.append(
        f"{conservation.get('rows_in')} rows in, {conservation.get('rows_out')} out, "
        f"{conservation.get('dropped')} dropped; full card: `{folder / 'data_card.md'}`."
    )
    return lines


def _synth_section(name: str, result: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    dropped = result.get("dropped") or {}
    reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(dropped.items())) or "none"
    return [
        "",
        f"## Synthesis ({name})",
        "",
        f"`{settings.get('generator')}` from `{settings.get('input')}`: {result.get('kept')} records kept; "
        f"dropped: {reasons}. Teacher requests {result.get('requests')}, tokens in {result.get('tokens_in')}, "
        f"out {result.get('tokens_out')}, cost {_fmt(result.get('cost_usd'))} USD. Records: `{result.get('records')}`.",
    ]


def _train_section(name: str, folder: Path) -> tuple[list[str], list[Path]]:
    summary = _read_json(folder / "summary.json") or {}
    lines = ["", f"## Training ({name})", ""]
    rows, plots = [], []
    for stage in summary.get("stages", []):
        before, after = stage.get("metrics_before") or {}, stage.get("metrics_after") or {}
        for key in sorted(set(before) | set(after)):
            rows.append([stage.get("name"), stage.get("type"), key, before.get(key), after.get(key)])
            if key == "eval_loss" and isinstance(before.get(key), int | float) and isinstance(after.get(key), float):
                rows.append([stage.get("name"), stage.get("type"), "held-out perplexity",
                             math.exp(before[key]), math.exp(after[key])])  # fmt: skip
        plots += [p if p.is_absolute() else folder / p for p in _plots(stage.get("plots"))]
    lines += _table(["stage", "type", "held-out metric", "before", "after"], rows) if rows else ["No held-out data."]
    lines += ["", f"Final model: `{summary.get('final_model')}`."]
    return lines, [p for p in plots if p.is_file()]


def _eval_section(name: str, folder: Path) -> list[str]:
    report = folder / "report.md"
    body = report.read_text(encoding="utf-8") if report.is_file() else "No report was written."
    # The evaluation report's title is this section's heading; its other headings sit one level below.
    lines = body.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    body = "\n".join("#" + line if line.startswith("#") else line for line in lines)
    return ["", f"## Evaluation ({name})", "", body]


def _triage_section(name: str, result: dict[str, Any]) -> list[str]:
    rows = [
        [language, c.get("emergency"), c.get("emergency_recall"), c.get("routine"), c.get("false_alarm_rate")]
        for language, c in (result.get("languages") or {}).items()
    ]
    return [
        "",
        f"## Emergency triage ({name})",
        "",
        "The assistant's rule triage on labelled messages; it runs before any model, so it is the same for the base "
        "and the tuned model.",
        "",
        *_table(["language", "emergencies", "recall", "everyday messages", "false alarms"], rows),
    ]


def next_commands(model: str, kb: str | None) -> dict[str, str]:
    """The commands that talk to the run's model: ``chat`` always, ``serve`` when the server is installed."""
    kb_flag = f" --kb {kb}" if kb else ""
    commands = {"chat": f"medllm chat --model {model}{kb_flag}"}
    if importlib.util.find_spec("medllm.serve") is not None:
        commands["serve"] = f"medllm serve --model {model}{kb_flag}"
    return commands


def _next_section(commands: dict[str, str]) -> list[str]:
    lines = ["", "## Next", "", "Talk to the model in a terminal:", "", "```", commands["chat"], "```"]
    if "serve" in commands:
        lines += ["", "Serve it (OpenAI-compatible API and web chat on http://127.0.0.1:8000):", "", "```",
                  commands["serve"], "```"]  # fmt: skip
    return lines


def _html(title: str, markdown: str, plots: list[Path]) -> str:
    """The Markdown shown as preformatted text plus every plot inlined: readable anywhere, no external asset."""
    images = "".join(
        f'<figure><img alt="{html.escape(p.name)}" src="data:image/png;base64,'
        f'{base64.b64encode(p.read_bytes()).decode()}"><figcaption>{html.escape(p.name)}</figcaption></figure>'
        for p in plots
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}"
        "pre{white-space:pre-wrap;background:#f6f8fa;padding:1em;border-radius:6px}img{max-width:100%}</style>"
        f"</head><body><pre>{html.escape(markdown)}</pre>{images}</body></html>\n"
    )
