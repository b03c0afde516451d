"""Loss and learning-rate curves from a trainer's log history, saved as PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_history(history: list[dict[str, Any]], folder: Path, *, title: str) -> list[Path]:
    """``loss.png`` (training loss, held-out loss where logged) and ``learning_rate.png``; none without logs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = {
        "loss": [(h["step"], h["loss"]) for h in history if "loss" in h and "step" in h],
        "eval_loss": [(h["step"], h["eval_loss"]) for h in history if "eval_loss" in h and "step" in h],
        "learning_rate": [(h["step"], h["learning_rate"]) for h in history if "learning_rate" in h],
    }
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, keys in (("loss", ("loss", "eval_loss")), ("learning_rate", ("learning_rate",))):
        if not any(series[key] for key in keys):
            continue
        figure, axes = plt.subplots(figsize=(6, 3.5))
        for key in keys:
            if series[key]:
                steps, values = zip(*series[key], strict=True)
                axes.plot(steps, values, marker="." if len(steps) < 30 else None, label=key)
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
