"""Reports from one or more ``medllm eval`` run folders: Markdown, HTML and a per-task bar chart."""

from __future__ import annotations

import base64
import html
import json
import math
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError

#: the headline metric of each kind of task, first, then the others shown in tables.
REPORTED = ("acc", "acc_norm", "strict_f1", "partial_f1")


def load_summary(folder: Path) -> dict[str, Any]:
    """A run's ``summary.json``, checked for the fields a report reads (a clear error names the field)."""
    path = folder / "summary.json"
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise DataError(f"{folder}: no summary.json (is it a 'medllm eval' output folder?)") from None
    except ValueError as error:
        raise DataError(f"{path}: not valid JSON: {error}") from None
    _check_summary(path, summary)
    return summary


def _check_summary(path: Path, summary: Any) -> None:
    def wrong(field: str, expected: str) -> DataError:
        return DataError(f"{path}: {field}: expected {expected} (was the file written by 'medllm eval'?)")

    if not isinstance(summary, dict):
        raise wrong("top level", "an object")
    if not isinstance(summary.get("model"), str):
        raise wrong("model", "the model's name")
    if not isinstance(summary.get("tasks"), dict):
        raise wrong("tasks", "an object of task results")
    for name, result in summary["tasks"].items():
        if not isinstance(result, dict):
            raise wrong(f"tasks.{name}", "an object")
        if not isinstance(result.get("n"), int) or isinstance(result.get("n"), bool):
            raise wrong(f"tasks.{name}.n", "an item count")
        if not isinstance(result.get("mode"), str):
            raise wrong(f"tasks.{name}.mode", "a string")
        for key, kind, expected in _OPTIONAL_FIELDS:
            if key in result and not isinstance(result[key], kind):
                raise wrong(f"tasks.{name}.{key}", expected)


#: task result fields a report reads when present: (key, type, what the error says it expects)
_OPTIONAL_FIELDS = (
    ("reported", list, "a list"),
    ("bad_rows", dict, "an object"),
    ("chance", int | float, "a number"),
    ("majority", int | float, "a number"),
)


def write_report(runs: list[Path], out: Path) -> list[Path]:
    """``report.md``, ``report.html`` and ``scores.png`` in ``out``, comparing the runs side by side."""
    summaries = [load_summary(run) for run in runs]
    labels = run_labels(runs, summaries)
    tasks = sorted({task for s in summaries for task in s["tasks"]})
    out.mkdir(parents=True, exist_ok=True)
    header = ["task", "metric", *labels]
    rows = []
    for task in tasks:
        metric_keys = list(dict.fromkeys(k for s in summaries for k in reported(s["tasks"].get(task, {}))))
        for key in metric_keys:
            cells = []
            for s in summaries:
                result = s["tasks"].get(task)
                if result is None or not isinstance(result.get(key), int | float):
                    cells.append("-")
                    continue
                stderr = result.get(f"{key}_stderr", float("nan"))
                spread = f" ± {stderr:.3f}" if isinstance(stderr, float) and not math.isnan(stderr) else ""
                failed = f", unparseable {result['unparseable']}" if result.get("unparseable") else ""
                cells.append(f"{result[key]:.3f}{spread} (n={result['n']}, {result['mode']}{failed})")
            rows.append([task, key, *cells])
    plot = _plot(summaries, labels, tasks, out / "scores.png")
    sections = [("", header, rows)]
    baseline_rows = _baseline_rows(summaries, tasks)
    if baseline_rows:
        sections.append((f"Baselines on the scored exam items: {_BASELINES}", _BASELINE_HEADER, baseline_rows))
    subject_rows = _subject_rows(summaries, tasks)
    if subject_rows:
        sections.append((_SUBJECTS, ["task", "subject", *labels], subject_rows))
    paired_rows = _paired_rows(runs, summaries, tasks)
    if paired_rows:
        first = f"{summaries[0]['model']} ({runs[0]})"
        sections.append((_PAIRED.format(first=first), _PAIRED_HEADER, paired_rows))
    skipped_rows = _skipped_rows(runs, summaries, labels, tasks)
    if skipped_rows:
        sections.append((_SKIPPED, _SKIPPED_HEADER, skipped_rows))
    markdown = ["# Evaluation report", ""]
    page = (
        "<!doctype html><meta charset='utf-8'><title>medllm evaluation report</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px}"
        "table{border-collapse:collapse}</style><h1>Evaluation report</h1>"
    )
    for number, (intro, section_header, section_rows) in enumerate(sections):
        if intro:
            markdown += [intro, ""]
            page += f"<p>{html.escape(intro)}</p>"
        markdown += [
            "| " + " | ".join(section_header) + " |",
            "|" + "---|" * len(section_header),
            *["| " + " | ".join(_markdown_cell(cell) for cell in row) + " |" for row in section_rows],
            "",
        ]
        page += _html_table(section_header, section_rows)
        if number == 0:
            markdown += [f"![headline metric per task]({plot.name})", ""]
            # Inlined, so report.html is one file that can be sent on its own.
            inline = base64.b64encode(plot.read_bytes()).decode("ascii")
            page += f"<p><img src='data:image/png;base64,{inline}' alt='headline metric per task'></p>"
    markdown += [
        "Per-sample logs (prompts, scored continuations, outputs, gold answers): "
        + ", ".join(f"`{run}/samples_<task>.jsonl`" for run in runs),
        "",
    ]
    (out / "report.md").write_text("\n".join(markdown), encoding="utf-8")
    (out / "report.html").write_text(page, encoding="utf-8")
    return [out / "report.md", out / "report.html", plot]


def _markdown_cell(text: str) -> str:
    # A raw "|" (a bad row's text, a model name) would end the cell early.
    return text.replace("|", "\\|")


_BASELINES = (
    "chance is the expected accuracy of a uniform random guess; majority, of always giving the answer "
    "most often correct on these items. Shown by the first run that has the task (runs on other items differ)."
)


_BASELINE_HEADER = ["task", "items", "chance", "majority"]

_SUBJECTS = (
    "Accuracy by subject, for exam tasks whose items name their subject (the task's acc above is the mean "
    "over all its items). Few items per subject make these numbers noisy: n is shown with each."
)


def _subject_rows(summaries: list[dict[str, Any]], tasks: list[str]) -> list[list[str]]:
    rows = []
    for task in tasks:
        breakdowns = [s["tasks"].get(task, {}).get("by_subject") or {} for s in summaries]
        subjects = sorted({subject for breakdown in breakdowns for subject in breakdown})
        for subject in subjects:
            cells = []
            for breakdown in breakdowns:
                result = breakdown.get(subject)
                ok = isinstance(result, dict) and isinstance(result.get("acc"), int | float)
                cells.append(f"{result['acc']:.3f} (n={result.get('n', '?')})" if ok else "-")
            rows.append([task, subject, *cells])
    return rows


_SKIPPED = (
    "Rows not scored: rows of the task's data that were unreadable or left out on purpose, by reason. "
    "The rejects file lists each unreadable row with its file, line and raw text."
)
_SKIPPED_HEADER = ["task", "run", "rows", "reasons", "first bad row", "rejects file"]


def _skipped_rows(
    runs: list[Path], summaries: list[dict[str, Any]], labels: list[str], tasks: list[str]
) -> list[list[str]]:
    rows = []
    for task in tasks:
        for run, summary, label in zip(runs, summaries, labels, strict=True):
            counts = summary["tasks"].get(task, {}).get("bad_rows") or {}
            if not counts:
                continue
            result = summary["tasks"][task]
            rejects = f"`{run / result['rejects']}`" if result.get("rejects") else "-"
            first = result.get("first_bad_row", "-")
            rows.append([task, label, str(sum(counts.values())), skipped_reasons(counts), first, rejects])
    return rows


def skipped_reasons(counts: dict[str, int]) -> str:
    """``bad_json 1, missing_field 2``: a task's ``bad_rows`` counts, by reason."""
    return ", ".join(f"{reason} {n}" for reason, n in counts.items())


_PAIRED = (
    "Paired with the first run, {first}, on the items both runs scored (matched by id; exam accuracy, "
    "diagnosis top-1): wins and losses count the items only this run, or only the first run, got right; "
    "p is the exact two-sided McNemar test on those items (a binomial test of wins against losses)."
)
_PAIRED_HEADER = [
    "task",
    "metric",
    "run",
    "shared items",
    "first",
    "this run",
    "difference",
    "wins/losses",
    "McNemar p",
]


def _paired_rows(runs: list[Path], summaries: list[dict[str, Any]], tasks: list[str]) -> list[list[str]]:
    if len(runs) < 2:
        return []
    from scipy.stats import binomtest

    rows = []
    for task in tasks:
        metric, first = _correct_by_id(runs[0], task)
        for run, summary in zip(runs[1:], summaries[1:], strict=True):
            other_metric, other = _correct_by_id(run, task)
            shared = sorted(first.keys() & other.keys())
            if not shared or other_metric != metric:
                continue
            wins = sum(other[i] and not first[i] for i in shared)
            losses = sum(first[i] and not other[i] for i in shared)
            p = binomtest(wins, wins + losses, 0.5).pvalue if wins + losses else 1.0
            rate_first = sum(first[i] for i in shared) / len(shared)
            rate_run = sum(other[i] for i in shared) / len(shared)
            rows.append(
                [
                    task,
                    metric,
                    f"{summary['model']} ({run})",
                    str(len(shared)),
                    f"{rate_first:.3f}",
                    f"{rate_run:.3f}",
                    f"{rate_run - rate_first:+.3f}",
                    f"{wins}/{losses}",
                    f"{p:.3g}",
                ]
            )
    return rows


def _correct_by_id(run: Path, task: str) -> tuple[str | None, dict[str, bool]]:
    """Per item, whether the run got it right: exam samples by their 0/1 ``acc``, diagnoses by a top-1 match."""
    path = run / f"samples_{task}.jsonl"
    if not path.exists():
        return None, {}
    from medllm.io.jsonl import iter_json_lines

    metric, correct = None, {}
    # A line cut short by an interrupted run is not a scored sample: skipped, as the runner skips it.
    for row in iter_json_lines(path, on_issue=lambda issue: None):
        sample = row.value
        if not isinstance(sample, dict) or not isinstance(sample.get("id"), str):
            continue
        if sample.get("acc") in (0, 1):
            metric, correct[sample["id"]] = "acc", bool(sample["acc"])
        elif "match_rank" in sample:
            metric, correct[sample["id"]] = "top1", sample["match_rank"] == 1
    return metric, correct


def _baseline_rows(summaries: list[dict[str, Any]], tasks: list[str]) -> list[list[str]]:
    rows = []
    for task in tasks:
        result = next((s["tasks"][task] for s in summaries if "chance" in s["tasks"].get(task, {})), None)
        if result is not None:
            rows.append([task, str(result["n"]), f"{result['chance']:.3f}", f"{result['majority']:.3f}"])
    return rows


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return "<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + f"</tr>{cells}</table>"


def run_labels(runs: list[Path], summaries: list[dict[str, Any]]) -> list[str]:
    """Each run's model name, with its folder where several runs share a model (settings differ)."""
    models = [str(summary["model"]) for summary in summaries]
    return [model if models.count(model) == 1 else f"{model} ({run})" for model, run in zip(models, runs, strict=True)]


def reported(result: dict[str, Any]) -> list[str]:
    """The metric keys a task result shows in tables, its headline first."""
    if result.get("reported"):
        return [key for key in result["reported"] if key in result]
    return [key for key in REPORTED if key in result]


def _plot(summaries: list[dict[str, Any]], labels: list[str], tasks: list[str], path: Path) -> Path:
    """One panel per task (metrics differ in scale: accuracy, 1-5 scores, BLEU), a bar per run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = min(4, max(len(tasks), 1))
    rows = math.ceil(max(len(tasks), 1) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.8 * rows), squeeze=False)
    colours = [f"C{i % 10}" for i in range(len(summaries))]
    for panel, task in zip(axes.flat, tasks, strict=False):
        results = [summary["tasks"].get(task, {}) for summary in summaries]
        key = next((reported(r)[0] for r in results if reported(r)), None)
        values = [_number(r.get(key)) for r in results]
        errors = [_number(r.get(f"{key}_stderr"), 0.0) for r in results]
        bars = panel.bar(range(len(summaries)), values, yerr=errors, capsize=3, color=colours)
        panel.set_title(f"{task}\n{key}", fontsize="small")
        panel.set_xticks([])
        baseline = next((r for r in results if "chance" in r), None)
        if key in ("acc", "acc_norm") and baseline is not None:
            for name, style in (("chance", "--"), ("majority", ":")):
                if not math.isnan(_number(baseline.get(name))):
                    panel.axhline(baseline[name], color="black", linestyle=style, linewidth=1, label=name)
            panel.legend(fontsize="x-small", loc="upper right")
        scale = _SCALES.get(key or "")
        if scale:
            panel.set_ylim(*scale)
        panel.grid(axis="y", alpha=0.3)
    for panel in list(axes.flat)[len(tasks) :]:
        panel.axis("off")
    # One legend for the runs, below the panels: run labels are long (model and folder).
    if tasks:
        figure.legend(list(bars), labels, loc="lower center", ncol=min(len(labels), 2), fontsize="small")
    legend_rows = math.ceil(len(labels) / 2)
    figure.tight_layout(rect=(0, min(0.4, 0.12 * legend_rows / rows), 1, 1))
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


#: fixed axes for metrics with a known range, so runs are compared on the same scale.
_SCALES = {
    "acc": (0, 1),
    "acc_norm": (0, 1),
    "strict_f1": (0, 1),
    "win_rate": (0, 1),
    "overall": (1, 5),
}


def _number(value: Any, default: float = float("nan")) -> float:
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return default
