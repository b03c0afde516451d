"""Loss and learning-rate curves from a trainer's log history, and held-out loss across a run's stages, as PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_history(
    history: list[dict[str, Any]],
    folder: Path,
    *,
    title: str,
    held_out: tuple[dict[str, float], dict[str, float]] | None = None,
) -> list[Path]:
    """``loss.png`` (training loss; held-out loss before and after training) and ``learning_rate.png``.

    Args:
        history: the trainer's log history (``trainer.state.log_history``).
        folder: where the PNG files go.
        title: the plots' title.
        held_out: the stage's held-out metrics before and after training: their ``eval_loss`` is drawn at
            step 0 and at the last step (``trainer.train()`` starts a new log, so the evaluation before
            training is not in ``history``).

    Returns:
        The files written; none for a history without logged values.
    """
    plt = _pyplot()
    last_step = max((h["step"] for h in history if "step" in h), default=0)
    series = {
        "loss": [(h["step"], h["loss"]) for h in history if "loss" in h and "step" in h],
        "eval_loss": [(h["step"], h["eval_loss"]) for h in history if "eval_loss" in h and "step" in h],
        "learning_rate": [(h["step"], h["learning_rate"]) for h in history if "learning_rate" in h],
    }
    before, after = held_out or ({}, {})
    if "eval_loss" in before and "eval_loss" in after:
        during = [point for point in series["eval_loss"] if 0 < point[0] < last_step]
        series["eval_loss"] = [(0, before["eval_loss"]), *during, (last_step, after["eval_loss"])]
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    labels = {"loss": "training loss", "eval_loss": "held-out loss", "learning_rate": "learning rate"}
    for name, keys in (("loss", ("loss", "eval_loss")), ("learning_rate", ("learning_rate",))):
        if not any(series[key] for key in keys):
            continue
        figure, axes = plt.subplots(figsize=(6, 3.5))
        for key in keys:
            if series[key]:
                steps, values = zip(*series[key], strict=True)
                marker = "o" if key == "eval_loss" else ("." if len(steps) < 30 else None)
                axes.plot(steps, values, marker=marker, label=labels[key])
        if name == "loss" and "eval_loss" in before and "eval_loss" in after:
            axes.annotate(f"before {before['eval_loss']:.3f}", (0, before["eval_loss"]), fontsize=8)
            axes.annotate(f"after {after['eval_loss']:.3f}", (last_step, after["eval_loss"]), fontsize=8)
        axes.set_xlabel("step")
        axes.set_ylabel(name.replace("_", " "))
        axes.set_title(title)
        axes.grid(alpha=0.3)
        axes.legend()
        figure.tight_layout()
        path = folder / f"{name}.png"
        figure.savefig(path, dpi=100)
        plt.close(figure)
        written.append(path)
    return written


def plot_held_out_across_stages(stages: list[dict[str, Any]], path: Path) -> Path | None:
    """Each stage's held-out loss before and after it trained, in run order: one line segment per stage.

    Stages evaluate on their own held-out records (a DPO stage has no ``eval_loss`` comparable to SFT's),
    so a segment compares a stage with itself; segments of different stages share an axis only.
    Returns None when no stage measured a held-out loss before and after.
    """
    points = [
        (stage["name"], stage["metrics_before"]["eval_loss"], stage["metrics_after"]["eval_loss"])
        for stage in stages
        if "eval_loss" in (stage.get("metrics_before") or {}) and "eval_loss" in (stage.get("metrics_after") or {})
    ]
    if not points:
        return None
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(6, 3.5))
    for index, (name, before, after) in enumerate(points):
        axes.plot([2 * index, 2 * index + 1], [before, after], marker="o", label=name)
        axes.annotate(f"{before:.3f}", (2 * index, before), fontsize=8)
        axes.annotate(f"{after:.3f}", (2 * index + 1, after), fontsize=8)
    axes.set_xticks(
        [x for i in range(len(points)) for x in (2 * i, 2 * i + 1)],
        [f"{label}\n{name}" for name, _, _ in points for label in ("before", "after")],
        fontsize=8,
    )
    axes.set_ylabel("held-out loss")
    axes.set_title("held-out loss before and after each stage")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
