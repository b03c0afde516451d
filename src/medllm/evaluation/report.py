"""Reports from one or more ``medllm eval`` run folders: Markdown, HTML and a per-task bar chart."""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any

from medllm.io.issues import DataError

#: the headline metric of each kind of task, first, then the others shown in tables.
REPORTED = ("acc", "acc_norm", "strict_f1", "partial_f1")


def load_summary(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except OSError:
        raise DataError(f"{folder}: no summary.json (is it a 'medllm eval' output folder?)") from None
    except ValueError as error:
        raise DataError(f"{folder}/summary.json: not valid JSON: {error}") from None


def write_report(runs: list[Path], out: Path) -> list[Path]:
    """``report.md``, ``report.html`` and ``accuracy.png`` in ``out``, comparing the runs side by side."""
    summaries = [load_summary(run) for run in runs]
    tasks = sorted({task for s in summaries for task in s["tasks"]})
    out.mkdir(parents=True, exist_ok=True)
    header = ["task", "metric", *[s["model"] for s in summaries]]
    rows = []
    for task in tasks:
        metric_keys = sorted({k for s in summaries for k in s["tasks"].get(task, {}) if k in REPORTED})
        for key in metric_keys:
            cells = []
            for s in summaries:
                result = s["tasks"].get(task)
                if result is None or key not in result:
                    cells.append("-")
                    continue
                stderr = result.get(f"{key}_stderr", float("nan"))
                spread = f" ± {stderr:.3f}" if not math.isnan(stderr) else ""
                cells.append(f"{result[key]:.3f}{spread} (n={result['n']}, {result['mode']})")
            rows.append([task, key, *cells])
    plot = _plot(summaries, tasks, out / "accuracy.png")
    markdown = [
        "# Evaluation report",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *["| " + " | ".join(row) + " |" for row in rows],
        "",
        f"![accuracy per task]({plot.name})",
        "",
        "Per-sample logs (prompts, scored continuations, outputs, gold answers): "
        + ", ".join(f"`{run}/samples_<task>.jsonl`" for run in runs),
        "",
    ]
    (out / "report.md").write_text("\n".join(markdown), encoding="utf-8")
    table = "".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    page = (
        "<!doctype html><meta charset='utf-8'><title>medllm evaluation report</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px}"
        "table{border-collapse:collapse}</style><h1>Evaluation report</h1><table><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in header)
        + f"</tr>{table}</table><p><img src='{plot.name}' alt='accuracy per task'></p>"
    )
    (out / "report.html").write_text(page, encoding="utf-8")
    return [out / "report.md", out / "report.html", plot]


def _plot(summaries: list[dict[str, Any]], tasks: list[str], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    width = 0.8 / max(len(summaries), 1)
    figure, axes = plt.subplots(figsize=(max(6, 1.2 * len(tasks) + 2), 4))
    for index, summary in enumerate(summaries):
        values = [_headline(summary["tasks"].get(task, {})) for task in tasks]
        errors = [summary["tasks"].get(task, {}).get("acc_stderr", 0.0) for task in tasks]
        errors = [0.0 if math.isnan(e) else e for e in errors]
        positions = [i + index * width for i in range(len(tasks))]
        axes.bar(positions, values, width, yerr=errors, capsize=3, label=summary["model"])
    axes.set_xticks([i + width * (len(summaries) - 1) / 2 for i in range(len(tasks))])
    axes.set_xticklabels(tasks, rotation=20, ha="right")
    axes.set_ylabel("accuracy (entity tasks: strict F1)")
    axes.set_ylim(0, 1)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _headline(result: dict[str, Any]) -> float:
    return result.get("acc", result.get("strict_f1", float("nan")))
