"""SFT throughput: medllm's SFT defaults against TRL's ``SFTTrainer`` out of the box, in one run.

    python benchmarks/bench_train.py                         # tiny-random-llama and smollm2-135m-instruct
    python benchmarks/bench_train.py --models tiny-random-llama --records 512 --json

Both train the same model on the same ChatDoctor dialogues (registry ``chatdoctor-5k``) for one epoch
with the same batch size, learning rate and seed; only ``trainer.train()`` is timed. The measure is
supervised tokens per second: the assistant-reply tokens in the data (what medllm trains on), divided by
the training time. The baseline is ``SFTTrainer`` with its defaults (conversational ``messages`` rows,
random batches padded to their longest row; CPU needs ``use_cpu``, no bf16, no gradient checkpointing);
medllm is ``medllm train``'s SFT stage with its defaults (assistant-only loss from the chat template,
batches grouped by length). Also measured: padding tokens per batch, and the final training loss.
Prints JSON (``--json``) or a table.
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


def load_conversations(n: int, seed: int) -> list[Any]:
    from medllm.train.data import load_stage_data
    from medllm.train.recipe import DataSpec

    spec = DataSpec.model_validate({"train": [{"dataset": "chatdoctor-5k", "cap": n}], "validation": "none"})
    return load_stage_data(spec, "sft", seed=seed, holdout=0.0).train


def supervised_tokens(records: list[Any], tokenizer: Any, max_length: int) -> int:
    from medllm.train.stages.sft import conversation_rows

    rows, _ = conversation_rows(records, tokenizer, max_length)
    # Labels are shifted: the first token of a row is never predicted; a reply never starts a row.
    return sum(sum(row["assistant_masks"]) for row in rows)


class PaddingCounter:
    """Counts real and padded positions of every training batch (a TrainerCallback-free data collator wrap)."""

    def __init__(self, collator: Any) -> None:
        self.collator = collator
        self.real = 0
        self.total = 0

    def __call__(self, examples: list[Any]) -> Any:
        batch = self.collator(examples)
        ids = batch["input_ids"]
        self.total += ids.numel()
        self.real += sum(len(example["input_ids"]) for example in examples)
        return batch


def run_trl_default(model_dir: str, records: list[Any], out: Path, args: dict[str, Any]) -> dict[str, Any]:
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTConfig, SFTTrainer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    dataset = Dataset.from_list([{"messages": record.to_openai()} for record in records])
    config = SFTConfig(
        output_dir=str(out),
        use_cpu=True,
        bf16=False,
        gradient_checkpointing=False,
        report_to="none",
        save_strategy="no",
        disable_tqdm=True,
        logging_steps=1,
        **args,
    )
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    trainer = SFTTrainer(model=model, args=config, train_dataset=dataset, processing_class=tokenizer)
    return _timed(trainer)


def run_medllm(model_dir: str, records: list[Any], out: Path, args: dict[str, Any]) -> dict[str, Any]:
    from medllm.train.data import StageData
    from medllm.train.recipe import StageSpec
    from medllm.train.stages import StageContext, new_stage

    spec = StageSpec.model_validate(
        {
            "name": "bench",
            "type": "sft",
            "data": {"train": [{"dataset": "chatdoctor-5k"}]},
            "args": {"report_to": "none", "save_strategy": "no", "disable_tqdm": True, "logging_steps": 1, **args},
        }
    )
    stage = new_stage(spec, StageContext(model=model_dir, base_model=model_dir, output_dir=out, seed=args["seed"]))
    tokenizer = stage.load_tokenizer()
    train, _ = stage.build_datasets(StageData(records, []), tokenizer)
    trainer = stage.build_trainer(stage.load_model(), tokenizer, stage.config, train, None, None)
    return _timed(trainer)


def _timed(trainer: Any) -> dict[str, Any]:
    from transformers import PrinterCallback

    trainer.remove_callback(PrinterCallback)  # keeps stdout for the report
    counter = PaddingCounter(trainer.data_collator)
    trainer.data_collator = counter
    start = time.perf_counter()
    output = trainer.train()
    seconds = time.perf_counter() - start
    losses = [h["loss"] for h in trainer.state.log_history if "loss" in h]
    return {
        "seconds": seconds,
        "steps": trainer.state.global_step,
        "padding_fraction": 1 - counter.real / max(counter.total, 1),
        "train_loss": output.training_loss,
        "last_loss": losses[-1] if losses else None,
    }


def bench_model(
    name: str, n_records: int, seed: int, batch_size: int, max_length: int, medllm_args: dict[str, Any]
) -> dict[str, Any]:
    from transformers import AutoTokenizer

    from medllm.models import model_folder

    model_dir = model_folder(name)
    records = load_conversations(n_records, seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    tokens = supervised_tokens(records, tokenizer, max_length)
    args = {
        "per_device_train_batch_size": batch_size,
        "num_train_epochs": 1,
        "learning_rate": 1e-4,
        "seed": seed,
        "max_length": max_length,
    }
    with tempfile.TemporaryDirectory() as tmp:
        baseline = run_trl_default(model_dir, records, Path(tmp) / "trl", args)
        medllm = run_medllm(model_dir, records, Path(tmp) / "medllm", {**args, **medllm_args})
    for result in (baseline, medllm):
        result["supervised_tokens_per_s"] = tokens / result["seconds"]
    return {
        "model": name,
        "records": len(records),
        "supervised_tokens": tokens,
        "batch_size": batch_size,
        "max_length": max_length,
        "medllm_args": medllm_args,
        "trl_default": baseline,
        "medllm": medllm,
        "speedup": medllm["supervised_tokens_per_s"] / baseline["supervised_tokens_per_s"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default="tiny-random-llama,smollm2-135m-instruct")
    parser.add_argument("--records", type=int, default=0, help="dialogues per model (default: 512 tiny, 128 others)")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-length", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--medllm-args", default="{}", help="JSON: SFT settings to try instead of medllm's defaults")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    import torch

    results = []
    for name in options.models.split(","):
        n = options.records or (512 if name == "tiny-random-llama" else 128)
        extra = json.loads(options.medllm_args)
        results.append(bench_model(name, n, options.seed, options.batch_size, options.max_length, extra))
    report = {"threads": torch.get_num_threads(), "cpus": os.cpu_count(), "results": results}
    if options.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"SFT throughput, {report['cpus']} CPUs, one epoch each, supervised (assistant) tokens per second")
    header = f"{'model':<24}{'records':>8}{'trl tok/s':>11}{'pad':>6}{'medllm tok/s':>14}{'pad':>6}{'ratio':>7}"
    print(header)
    for r in results:
        b, m = r["trl_default"], r["medllm"]
        print(
            f"{r['model']:<24}{r['records']:>8}{b['supervised_tokens_per_s']:>11.0f}{b['padding_fraction']:>6.0%}"
            f"{m['supervised_tokens_per_s']:>14.0f}{m['padding_fraction']:>6.0%}{r['speedup']:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
