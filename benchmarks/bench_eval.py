"""Multiple-choice evaluation speed and parity: medllm against lm-evaluation-harness, in one run.

    pip install 'medllm[dev]'                      # lm-eval, a dev-only dependency
    python benchmarks/bench_eval.py                # SmolLM2, MedQA (100 items) and PubMedQA (100 items)
    python benchmarks/bench_eval.py --model tiny-random-llama --tasks medqa --limit 50 --json

Both score the same items with the same model folder, batch size and prompt strings: medllm's prompts
are written into a local lm-eval task (``doc_to_text`` is the prompt, ``doc_to_choice`` the options),
so any difference is in the scoring, not the templates. Timed: the evaluation call alone, the model
already loaded, for each side. Reported: questions per second, the ratio, accuracy on each side, and
how many per-item predictions agree (they must all agree; the largest log-likelihood difference is
shown too). Prints JSON (``--json``) or a table.
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


def medllm_side(model_dir: str, task_name: str, limit: int, batch_size: int, out: Path) -> dict[str, Any]:
    from medllm.evaluation.runner import evaluate
    from medllm.evaluation.tasks import builtin_tasks
    from medllm.models.transformers_backend import TransformersModel

    model = TransformersModel.from_pretrained(model_dir, device="cpu", dtype="float32", batch_size=batch_size)
    start = time.perf_counter()
    summary = evaluate(model, [builtin_tasks()[task_name]], out, limit=limit)
    seconds = time.perf_counter() - start
    samples = [json.loads(line) for line in (out / f"samples_{task_name}.jsonl").open()]
    return {"seconds": seconds, "acc": summary["tasks"][task_name]["acc"], "samples": samples}


def lm_eval_side(model_dir: str, samples: list[dict[str, Any]], batch_size: int, folder: Path) -> dict[str, Any]:
    """lm-eval's HFLM on a local task whose documents are medllm's exact prompts and options."""
    from lm_eval import simple_evaluate
    from lm_eval.models.huggingface import HFLM
    from lm_eval.tasks import TaskManager

    data = folder / "docs.jsonl"
    with open(data, "w", encoding="utf-8") as handle:
        for sample in samples:
            choices = [c["text"][1:] for c in sample["continuations"]]  # lm-eval adds the " " delimiter
            gold = [c["text"] for c in sample["continuations"]].index(_gold_text(sample))
            handle.write(json.dumps({"prompt": sample["prompt"], "choices": choices, "gold": gold}) + "\n")
    (folder / "parity.yaml").write_text(
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
    lm = HFLM(pretrained=model_dir, device="cpu", batch_size=batch_size, dtype="float32")
    start = time.perf_counter()
    results = simple_evaluate(
        model=lm,
        tasks=["medllm_parity"],
        task_manager=TaskManager(include_path=str(folder)),
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


def compare(model: str, task: str, limit: int, batch_size: int) -> dict[str, Any]:
    from medllm.models import model_folder

    model_dir = model_folder(model)
    with tempfile.TemporaryDirectory() as tmp:
        ours = medllm_side(model_dir, task, limit, batch_size, Path(tmp) / "medllm")
        theirs = lm_eval_side(model_dir, ours["samples"], batch_size, Path(tmp))
    n = len(ours["samples"])
    agree, worst = 0, 0.0
    for sample, lls in zip(ours["samples"], theirs["ll"], strict=True):
        mine = [c["loglikelihood"] for c in sample["continuations"]]
        agree += max(range(len(mine)), key=mine.__getitem__) == max(range(len(lls)), key=lls.__getitem__)
        worst = max(worst, *(abs(a - b) for a, b in zip(mine, lls, strict=True)))
    return {
        "model": model,
        "task": task,
        "items": n,
        "batch_size": batch_size,
        "medllm": {"seconds": ours["seconds"], "questions_per_s": n / ours["seconds"], "acc": ours["acc"]},
        "lm_eval": {"seconds": theirs["seconds"], "questions_per_s": n / theirs["seconds"], "acc": theirs["acc"]},
        "speedup": theirs["seconds"] / ours["seconds"],
        "predictions_agree": agree,
        "max_loglikelihood_difference": worst,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--tasks", default="medqa,pubmedqa")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    results = [compare(options.model, t, options.limit, options.batch_size) for t in options.tasks.split(",")]
    if options.json:
        print(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2))
        return 0
    print(f"Multiple-choice log-likelihood evaluation, {os.cpu_count()} CPUs, questions per second")
    print(f"{'task':<10}{'items':>6}{'lm-eval q/s':>13}{'medllm q/s':>12}{'ratio':>7}{'agree':>8}{'max |dll|':>11}")
    for r in results:
        print(
            f"{r['task']:<10}{r['items']:>6}{r['lm_eval']['questions_per_s']:>13.2f}"
            f"{r['medllm']['questions_per_s']:>12.2f}{r['speedup']:>7.2f}"
            f"{r['predictions_agree']:>5}/{r['items']:<3}{r['max_loglikelihood_difference']:>10.1e}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
