"""Multiple-choice evaluation speed and parity: medllm against lm-evaluation-harness, in one run.

    pip install 'medllm[dev]'                      # lm-eval, a dev-only dependency
    python benchmarks/bench_eval.py                # SmolLM2, MedQA (100 items) and PubMedQA (100 items)
    python benchmarks/bench_eval.py --tasks medqa,medqa_cloze,pubmedqa --limit 60 --repeat 2
    python benchmarks/bench_eval.py --model tiny-random-llama --tasks medqa --limit 50 --json
    python benchmarks/bench_eval.py --device cuda --batch-size 32 --repeat 3   # on a GPU machine
    python benchmarks/bench_eval.py --tasks mmlu_medical,medqa --num-fewshot 5 --fewshot-sampler first_n

Both score the same items with the same model folder, batch size and prompt strings: medllm's prompts
are written into a local lm-eval task (``doc_to_text`` is the prompt, ``doc_to_choice`` the options),
so any difference is in the scoring, not the templates. Timed: the evaluation call alone, for each side,
with the model already loaded and lm-eval's task index already built (setup, not evaluation; it reads
every bundled task file). ``--repeat N`` runs each side N times, alternating sides (ABBA order, so a
drifting background load falls on both), and keeps each side's fastest run. Reported: questions per
second, the ratio (lm-eval's time over medllm's), accuracy on each side, and how many per-item
predictions agree (they must all agree; the largest log-likelihood difference is shown too). Prints
JSON (``--json``) or a table. ``--device`` and ``--dtype`` apply to both sides (default: CPU, float32);
``--device cuda`` on a machine without a GPU stops with a one-line error before anything loads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


class MedllmSide:
    """medllm's ``evaluate`` on a built-in task, the model loaded once."""

    def __init__(self, model_dir: str, batch_size: int, device: str, dtype: str) -> None:
        from medllm.models.transformers_backend import TransformersModel

        self.model = TransformersModel.from_pretrained(model_dir, device=device, dtype=dtype, batch_size=batch_size)

    def run(self, task_name: str, limit: int, out: Path, shots: int, sampler: str | None) -> dict[str, Any]:
        from medllm.evaluation.runner import evaluate
        from medllm.evaluation.tasks import builtin_tasks

        task = builtin_tasks()[task_name]
        if sampler:
            task = task.model_copy(update={"fewshot_sampler": sampler})
        start = time.perf_counter()
        summary = evaluate(self.model, [task], out, limit=limit, num_fewshot=shots)  # a fresh folder: no resume
        seconds = time.perf_counter() - start
        samples = [json.loads(line) for line in (out / f"samples_{task_name}.jsonl").open()]
        return {"seconds": seconds, "acc": summary["tasks"][task_name]["acc"], "samples": samples}


class LmEvalSide:
    """lm-eval's HFLM on a local task whose documents are medllm's exact prompts and options."""

    def __init__(self, model_dir: str, batch_size: int, device: str, dtype: str, folder: Path) -> None:
        from lm_eval.models.huggingface import HFLM

        self.folder = folder
        self.lm = HFLM(pretrained=model_dir, device=device, batch_size=batch_size, dtype=dtype)
        self._task_manager: Any = None

    def write_task(self, samples: list[dict[str, Any]]) -> None:
        data = self.folder / "docs.jsonl"
        with open(data, "w", encoding="utf-8") as handle:
            for sample in samples:
                choices = [c["text"][1:] for c in sample["continuations"]]  # lm-eval adds the " " delimiter
                gold = [c["text"] for c in sample["continuations"]].index(_gold_text(sample))
                handle.write(json.dumps({"prompt": sample["prompt"], "choices": choices, "gold": gold}) + "\n")
        (self.folder / "parity.yaml").write_text(
            "task: medllm_parity\n"
            "dataset_path: json\n"
            f"dataset_kwargs: {{data_files: {{test: {json.dumps(str(data))}}}}}\n"
            "test_split: test\n"
            "output_type: multiple_choice\n"
            'doc_to_text: "{{prompt}}"\n'
            'doc_to_choice: "{{choices}}"\n'
            'doc_to_target: "{{gold}}"\n'
            "metric_list: [{metric: acc}]\n"
        )
        if self._task_manager is None:
            from lm_eval.tasks import TaskManager

            # Indexes every task lm-eval bundles (seconds): setup, like loading the model, so not timed.
            self._task_manager = TaskManager(include_path=str(self.folder))

    def run(self) -> dict[str, Any]:
        from lm_eval import simple_evaluate

        start = time.perf_counter()
        results = simple_evaluate(
            model=self.lm,
            tasks=["medllm_parity"],
            task_manager=self._task_manager,
            log_samples=True,
            num_fewshot=0,
        )
        seconds = time.perf_counter() - start
        logged = sorted(results["samples"]["medllm_parity"], key=lambda s: s["doc_id"])
        loglikelihoods = [[float(r[0]) for r in s["filtered_resps"]] for s in logged]
        return {"seconds": seconds, "acc": results["results"]["medllm_parity"]["acc,none"], "ll": loglikelihoods}


def _gold_text(sample: dict[str, Any]) -> str:
    letters = [chr(ord("A") + i) for i in range(len(sample["continuations"]))]
    return sample["continuations"][letters.index(sample["gold"][0])]["text"]


def compare(ours: MedllmSide, theirs: LmEvalSide, task: str, options: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """Each side ``repeat`` times in ABBA order (medllm first; lm-eval needs medllm's prompts); best time kept.

    With ``--num-fewshot`` the examples are part of medllm's prompt strings, which lm-eval's documents
    carry whole, so both score the very same text (lm-eval itself runs zero-shot on them).
    """
    mine: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for run in range(options.repeat):
        sides = ["medllm", "lm_eval"] if run % 2 == 0 else ["lm_eval", "medllm"]
        for side in sides:
            if side == "medllm":
                out = tmp / f"medllm-{task}-{run}"
                mine.append(ours.run(task, options.limit, out, options.num_fewshot, options.fewshot_sampler))
                if run == 0:
                    theirs.write_task(mine[0]["samples"])
            else:
                other.append(theirs.run())
    samples, lls = mine[-1]["samples"], other[-1]["ll"]
    agree, worst = 0, 0.0
    for sample, theirs_ll in zip(samples, lls, strict=True):
        ours_ll = [c["loglikelihood"] for c in sample["continuations"]]
        agree += _argmax(ours_ll) == _argmax(theirs_ll)
        worst = max(worst, *(abs(a - b) for a, b in zip(ours_ll, theirs_ll, strict=True)))
    n = len(samples)
    best_ours = min(r["seconds"] for r in mine)
    best_theirs = min(r["seconds"] for r in other)
    return {
        "task": task,
        "items": n,
        "medllm": _side(mine, n),
        "lm_eval": _side(other, n),
        "speedup": best_theirs / best_ours,
        "predictions_agree": agree,
        "max_loglikelihood_difference": worst,
    }


def _side(runs: list[dict[str, Any]], n: int) -> dict[str, Any]:
    seconds = [r["seconds"] for r in runs]
    return {
        "seconds": min(seconds),
        "runs_seconds": seconds,
        "questions_per_s": n / min(seconds),
        "acc": runs[-1]["acc"],
    }


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--tasks", default="medqa,pubmedqa")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--num-fewshot", type=int, default=0, help="examples in each prompt (the same text for both)")
    parser.add_argument(
        "--fewshot-sampler",
        choices=["random", "first_n"],
        help="override the tasks' sampler: first_n gives every prompt the same examples (default: each task's)",
    )
    parser.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N, for both sides")
    parser.add_argument("--dtype", default="float32", choices=["float32", "bfloat16", "float16"])
    parser.add_argument("--repeat", type=int, default=1, help="runs per side, alternating; the fastest is kept")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be >= 1")

    from medllm.models import ModelError, model_folder
    from medllm.models.transformers_backend import resolve_device

    try:
        device = str(resolve_device(options.device))
    except ModelError as exc:
        parser.error(str(exc))
    model_dir = str(model_folder(options.model))
    with tempfile.TemporaryDirectory() as tmp:
        ours = MedllmSide(model_dir, options.batch_size, device, options.dtype)
        theirs = LmEvalSide(model_dir, options.batch_size, device, options.dtype, Path(tmp))
        results = [compare(ours, theirs, t, options, Path(tmp)) for t in options.tasks.split(",")]
    report = {
        "model": options.model,
        "batch_size": options.batch_size,
        "repeat": options.repeat,
        "num_fewshot": options.num_fewshot,
        "fewshot_sampler": options.fewshot_sampler or "each task's",
        "device": _device_name(device),
        "dtype": options.dtype,
        "cpus": os.cpu_count(),
        "results": results,
    }
    if options.json:
        print(json.dumps(report, indent=2))
    else:
        print(_table(report))
    return 0 if all(r["predictions_agree"] == r["items"] for r in results) else 1


def _device_name(device: str) -> str:
    import torch

    if device.startswith("cuda"):
        return f"{device} ({torch.cuda.get_device_name(torch.device(device))})"
    return f"cpu ({os.cpu_count()} CPUs, {torch.get_num_threads()} threads)"


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"Multiple-choice log-likelihood evaluation: {report['model']}, batch {report['batch_size']}, "
        f"{report['device']}, {report['dtype']}, {report['num_fewshot']}-shot ({report['fewshot_sampler']} sampler), "
        f"best of {report['repeat']} alternating run(s) per side",
        f"{'task':<13}{'items':>6}{'lm-eval q/s':>13}{'medllm q/s':>12}{'ratio':>7}{'agree':>9}{'max |dll|':>11}",
    ]
    for r in report["results"]:
        agree = f"{r['predictions_agree']}/{r['items']}"
        lines.append(
            f"{r['task']:<13}{r['items']:>6}{r['lm_eval']['questions_per_s']:>13.2f}"
            f"{r['medllm']['questions_per_s']:>12.2f}{r['speedup']:>7.2f}{agree:>9}"
            f"{r['max_loglikelihood_difference']:>11.1e}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
