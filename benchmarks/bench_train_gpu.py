"""SFT on a GPU: supervised tokens/s and model FLOPs utilisation, TRL's defaults against medllm's, in one run.

    python benchmarks/bench_train_gpu.py                       # a GPU: a 1.17B LLaMA from config, 1,000 dialogues
    python benchmarks/bench_train_gpu.py --tiny                # a CPU: every code path, a 1.5M model, 32 dialogues
    python benchmarks/bench_train_gpu.py --export-inputs .gpu_inputs --records 1000   # inputs to carry to a GPU

Every setting trains a freshly initialised model of the same config and seed (random weights: speed
does not depend on them, and weights cannot travel to the lent GPU machine) for one epoch over the same
ChatDoctor dialogues (registry ``chatdoctor-5k``, read from the data mirror, or ``--data`` written by
``--export-inputs``), with the same learning rate and ``max_length``. Only ``trainer.train()`` is timed,
after one warm-up run that pays for CUDA's start-up. Settings:

- ``trl-defaults``: ``SFTTrainer`` out of the box (conversational rows, 8 per batch padded to the longest,
  loss on every token, bf16, gradient checkpointing, SDPA attention).
- ``medllm-before``: medllm's SFT stage as it ran on a GPU before packing was its default (loss on the
  replies, batches of 8 grouped by length, TRL's checkpointing).
- ``medllm-gpu-defaults``: medllm's SFT stage with its GPU defaults (``medllm.train.gpu_defaults``):
  best-fit packed rows with varlen attention, 16,384 tokens per step, checkpointing only if the memory
  estimate says so.
- ``packed-sdpa``: the same packing with transformers' SDPA block mask instead of varlen attention.
- ``packed-checkpointed``, ``packed-8k``, ``packed-32k``: the defaults with checkpointing forced on, or
  8,192 / 32,768 tokens per step.
- ``unpacked-b32``: batches of 32 grouped by length, no checkpointing, no packing.

Measures: supervised tokens/s (the assistant-reply tokens of the epoch, which every setting trains on the
same way in medllm and TRL's default trains on among all tokens, over the training time), all real
(non-padding) tokens/s, padding share, peak GPU memory, the final loss, and MFU = 6 * N * real tokens/s
over the chip's peak dense bf16 FLOP/s (N: the parameters that do matrix work per token, i.e. all but an
untied input embedding; attention scores and recomputation are not counted as useful work). Peaks come
from NVIDIA's datasheets (dense: half the "with sparsity" figure): H100 SXM and H200 989.5 TFLOP/s, H100
NVL 835, H100 PCIe 756, A100 312; other chips need ``--peak-tflops``. Before timing, a check runs the
model on two sequences packed in one row and each alone: the packed logits must equal the separate ones
(the packed attention does not let one sequence see the other).

Needs torch, transformers, trl, datasets, pydantic and pyyaml, with medllm on ``PYTHONPATH`` (``src``).
The lent GPU machine has torch, transformers and accelerate but not trl, datasets or pydantic: carry their
wheels (see ``docs/training.md``, "GPU check"). Prints a table, then JSON (``--out FILE`` also writes it).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

NEEDED = ("torch", "transformers", "trl", "datasets", "pydantic", "yaml")
#: Dense bf16 tensor-core peaks in TFLOP/s from NVIDIA's datasheets, by a substring of the device name
#: (checked in order: "H100 NVL" and "H100 PCIe" before the SXM part's plain "H100").
PEAK_BF16_TFLOPS = (("H200", 989.5), ("H100 NVL", 835.0), ("H100 PCIe", 756.0), ("H100", 989.5), ("A100", 312.0))
#: A 1.1B LLaMA (TinyLlama's shape) with the tokenizer's vocabulary, untied: 1.17B with SmolLM2's 49,152 tokens.
LLAMA_1B = {
    "hidden_size": 2048,
    "intermediate_size": 5632,
    "num_hidden_layers": 22,
    "num_attention_heads": 32,
    "num_key_value_heads": 4,
    "tie_word_embeddings": False,
}
#: tiny-random-llama's shape: for checking the code paths on a CPU.
LLAMA_TINY = {
    "hidden_size": 128,
    "intermediate_size": 512,
    "num_hidden_layers": 4,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "tie_word_embeddings": True,
}
SETTINGS = (
    "trl-defaults",
    "medllm-before",
    "medllm-gpu-defaults",
    "packed-sdpa",
    "packed-checkpointed",
    "packed-8k",
    "packed-32k",
    "unpacked-b32",
)


def check_requirements() -> None:
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if importlib.util.find_spec("medllm") is None:
        missing.append("medllm (run from the checkout with PYTHONPATH=src, or pip install -e .)")
    if missing:
        sys.exit(
            f"bench_train_gpu.py needs {', '.join(missing)}. On the lent GPU machine carry their wheels and install "
            "them with: pip install -q --no-index --no-deps --target /tmp/site .whl/*.whl; export "
            "PYTHONPATH=/tmp/site:src (docs/training.md, 'GPU check', lists the wheels)"
        )


# -- inputs --------------------------------------------------------------------------------------


def load_dialogues(path: Path | None, n: int, seed: int) -> list[Any]:
    """``n`` ChatDoctor-style conversations: from ``path`` (JSONL of ``{"messages": [...]}``) or the mirror."""
    from medllm.io.issues import DataError
    from medllm.records import Conversation

    if path is not None:
        records, bad = [], []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(Conversation.model_validate({"messages": json.loads(line)["messages"]}))
            except (ValueError, KeyError, TypeError) as error:
                bad.append(f"{path}:{number}: {str(error).splitlines()[0]}")
        if bad:
            print(f"skipped {len(bad)} bad lines, first: {bad[0]}", file=sys.stderr)
        if not records:
            sys.exit(f"{path}: no conversation could be read")
        return records[:n]
    from medllm.train.data import load_stage_data
    from medllm.train.recipe import DataSpec

    spec = DataSpec.model_validate({"train": [{"dataset": "chatdoctor-5k", "cap": n}], "validation": "none"})
    try:
        return load_stage_data(spec, "sft", seed=seed, holdout=0.0).train
    except DataError as error:
        sys.exit(
            f"no dialogues: {error}. Set MEDLLM_DATA_MIRROR to the data mirror (it holds chatdoctor-5k), or pass "
            "--data FILE written by --export-inputs on a machine that has the mirror"
        )


def load_tokenizer(spec: str | None, tiny: bool) -> Any:
    from transformers import AutoTokenizer

    if spec is None:
        from medllm.models import model_folder

        spec = model_folder("tiny-random-llama" if tiny else "smollm2-135m-instruct")
    tokenizer = AutoTokenizer.from_pretrained(spec)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def export_inputs(folder: Path, n: int, seed: int) -> None:
    """Dialogues and SmolLM2's tokenizer (3.5 MB) in ``folder``, to carry to a machine without the mirror."""
    folder.mkdir(parents=True, exist_ok=True)
    records = load_dialogues(None, n, seed)
    with open(folder / "dialogues.jsonl", "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({"messages": record.to_openai()}, ensure_ascii=False) + "\n")
    load_tokenizer(None, tiny=False).save_pretrained(folder / "tokenizer")
    print(f"wrote {len(records)} dialogues and the tokenizer to {folder}")


# -- models --------------------------------------------------------------------------------------


def model_config(tokenizer: Any, tiny: bool) -> Any:
    from transformers import LlamaConfig

    shape = LLAMA_TINY if tiny else LLAMA_1B
    return LlamaConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=2048,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
        **shape,
    )


def build_model(config: Any, attention: str, seed: int) -> Any:
    """A randomly initialised model of ``config`` on the training device, in the dtype medllm trains in there."""
    import torch
    from transformers import AutoModelForCausalLM

    from medllm.train.packed_attention import NAME, register

    if attention == NAME:
        register()
    torch.manual_seed(seed)
    cuda = torch.cuda.is_available()
    dtype = torch.bfloat16 if cuda and torch.cuda.is_bf16_supported() else torch.float32
    with torch.device("cuda" if cuda else "cpu"):
        return AutoModelForCausalLM.from_config(config, dtype=dtype, attn_implementation=attention)


def matmul_parameters(model: Any) -> int:
    """Parameters that take part in matrix products per token: all but an untied input embedding."""
    total = sum(p.numel() for p in model.parameters())
    embedding = model.get_input_embeddings().weight
    tied = embedding is model.get_output_embeddings().weight
    return total if tied else total - embedding.numel()


def peak_flops(override_tflops: float | None) -> tuple[float | None, str]:
    import torch

    if override_tflops:
        return override_tflops * 1e12, "given"
    if not torch.cuda.is_available():
        return None, "cpu"
    name = torch.cuda.get_device_name()
    for key, tflops in PEAK_BF16_TFLOPS:
        if key in name:
            return tflops * 1e12, name
    return None, name


# -- the packed-attention check ------------------------------------------------------------------


def packed_logits_check(config: Any, attention: str, seed: int) -> dict[str, Any]:
    """Two sequences packed in one row (restarting position ids) against each alone, on a 2-layer copy of ``config``.

    ``max_abs_diff`` must be small next to ``cross_talk`` (the same packed row without position ids,
    where the second sequence sees the first): the packed attention keeps the sequences apart.
    """
    import torch

    small = config.__class__(**{**config.to_dict(), "num_hidden_layers": 2})
    model = build_model(small, attention, seed).eval()
    reference = build_model(small, "sdpa", seed).eval()
    reference.load_state_dict(model.state_dict())
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(seed)
    first = torch.randint(10, config.vocab_size, (1, 300), generator=generator).to(device)
    second = torch.randint(10, config.vocab_size, (1, 200), generator=generator).to(device)
    packed = torch.cat([first, second], dim=1)
    positions = torch.cat([torch.arange(300), torch.arange(200)]).to(device)[None]
    with torch.no_grad():
        alone = torch.cat([reference(first).logits, reference(second).logits], dim=1).float()
        together = model(packed, position_ids=positions, use_cache=False).logits.float()
        leaky = model(packed, use_cache=False).logits.float()
    result = {
        "attention": attention,
        "dtype": str(next(model.parameters()).dtype),
        "max_abs_diff": (together - alone).abs().max().item(),
        "cross_talk": (leaky[:, 300:] - alone[:, 300:]).abs().max().item(),
        "max_abs_logit": alone.abs().max().item(),
    }
    result["ok"] = result["max_abs_diff"] < 0.05 * result["cross_talk"]
    del model, reference
    return result


# -- training runs -------------------------------------------------------------------------------


class TokenCounter:
    """Wraps a data collator: counts the real tokens of every batch, and all positions including padding."""

    def __init__(self, collator: Any) -> None:
        self.collator = collator
        self.real = 0
        self.total = 0

    def __call__(self, examples: list[Any]) -> Any:
        batch = self.collator(examples)
        self.total += batch["input_ids"].numel()
        self.real += sum(len(example["input_ids"]) for example in examples)
        return batch


def medllm_args(setting: str, gpu_args: dict[str, Any], on_gpu: bool) -> tuple[dict[str, Any], str | None]:
    """The stage ``args`` of a medllm setting, and the attention it forces (None: the stage's own choice)."""
    from medllm.train.gpu_defaults import GPU_TOKENS_PER_STEP

    rows = gpu_args["per_device_train_batch_size"]
    length = gpu_args["max_length"]
    unpacked = {"packing": False, "train_sampling_strategy": "group_by_length"}
    if setting == "medllm-before":  # TRL's checkpointing stayed on on a GPU
        return {**unpacked, "per_device_train_batch_size": 8, "activation_checkpointing": on_gpu}, "sdpa"
    if setting == "unpacked-b32":
        return {**unpacked, "per_device_train_batch_size": 32, "activation_checkpointing": False}, "sdpa"
    args = {} if on_gpu else dict(gpu_args)  # on a GPU the stage chooses its defaults itself
    if setting == "packed-sdpa":
        return {**gpu_args, **args}, "sdpa"
    if setting == "packed-checkpointed":
        return {**args, "activation_checkpointing": True}, None
    if setting == "packed-8k":
        return {**args, "per_device_train_batch_size": max(1, rows * 8192 // GPU_TOKENS_PER_STEP)}, None
    if setting == "packed-32k":
        return {**args, "per_device_train_batch_size": rows * 32768 // GPU_TOKENS_PER_STEP}, None
    assert setting == "medllm-gpu-defaults" and length
    return args, None


def run_setting(setting: str, context: dict[str, Any], max_steps: int | None = None) -> dict[str, Any]:
    """Train one setting for an epoch (or ``max_steps``); its timing, tokens, memory and loss."""
    import torch

    if setting == "trl-defaults":
        trainer = trl_default_trainer(context, max_steps)
        attention = "sdpa"
    else:
        trainer, attention = medllm_trainer(setting, context, max_steps)
    from transformers import PrinterCallback

    trainer.remove_callback(PrinterCallback)
    counter = TokenCounter(trainer.data_collator)
    trainer.data_collator = counter
    args = trainer.args
    if torch.cuda.is_available():
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    try:
        output = trainer.train()
    except torch.OutOfMemoryError:
        del trainer
        _free()
        return {"setting": setting, "error": "out of GPU memory"}
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    n = matmul_parameters(trainer.model)
    result = {
        "setting": setting,
        "attention": attention,
        "packing": bool(getattr(args, "packing", False)),
        "per_device_train_batch_size": args.per_device_train_batch_size,
        "max_length": args.max_length,
        "checkpointing": bool(args.activation_checkpointing),
        "steps": trainer.state.global_step,
        "seconds": seconds,
        "real_tokens": counter.real,
        "padding_fraction": 1 - counter.real / max(counter.total, 1),
        "real_tokens_per_s": counter.real / seconds,
        "matmul_parameters": n,
        "peak_memory_gib": torch.cuda.max_memory_allocated() / 2**30 if torch.cuda.is_available() else None,
        "train_loss": output.training_loss,
    }
    if max_steps is None:
        result["supervised_tokens_per_s"] = context["supervised_tokens"] / seconds
    if context["peak_flops"]:
        result["mfu"] = 6 * n * result["real_tokens_per_s"] / context["peak_flops"]
    del trainer, output
    _free()
    return result


def trl_default_trainer(context: dict[str, Any], max_steps: int | None) -> Any:
    import torch
    from datasets import Dataset
    from trl import SFTConfig, SFTTrainer

    bookkeeping = {"report_to": "none", "save_strategy": "no", "disable_tqdm": True, "seed": context["seed"]}
    bookkeeping["num_train_epochs"] = 1  # TrainingArguments' default is 3; every setting trains one epoch
    if not torch.cuda.is_available():  # TRL's bf16 and checkpointing defaults fail on a CPU
        bookkeeping.update(use_cpu=True, bf16=False, activation_checkpointing=False)
    if max_steps:
        bookkeeping["max_steps"] = max_steps
    config = SFTConfig(output_dir=str(context["tmp"] / "trl"), max_length=context["max_length"], **bookkeeping)
    dataset = Dataset.from_list([{"messages": record.to_openai()} for record in context["records"]])
    model = build_model(context["config"], "sdpa", context["seed"])
    return SFTTrainer(model=model, args=config, train_dataset=dataset, processing_class=context["tokenizer"])


def medllm_trainer(setting: str, context: dict[str, Any], max_steps: int | None) -> tuple[Any, str]:
    import torch

    from medllm.train.data import StageData
    from medllm.train.recipe import StageSpec
    from medllm.train.stages import StageContext, new_stage

    on_gpu = torch.cuda.is_available()
    args, attention = medllm_args(setting, context["gpu_args"], on_gpu)
    bookkeeping = {"report_to": "none", "save_strategy": "no", "disable_tqdm": True, "logging_steps": 10}
    if max_steps:
        bookkeeping["max_steps"] = max_steps
    spec = StageSpec.model_validate(
        {
            "name": setting,
            "type": "sft",
            "data": {"train": [{"dataset": "chatdoctor-5k"}]},
            "args": {**bookkeeping, "max_length": context["max_length"], **args},
        }
    )
    stage = new_stage(
        spec,
        StageContext(
            model=str(context["model_dir"]),
            base_model="bench",
            output_dir=context["tmp"] / setting,
            seed=context["seed"],
        ),
    )
    if attention is None:
        attention = stage.attention_implementation() or "sdpa"
    tokenizer = stage.load_tokenizer()
    train, _ = stage.build_datasets(StageData(list(context["records"]), []), tokenizer)
    model = build_model(context["config"], attention, context["seed"])
    return stage.build_trainer(model, tokenizer, stage.config, train, None, None), attention


def _free() -> None:
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


# -- main ----------------------------------------------------------------------------------------


def bench(args: argparse.Namespace) -> dict[str, Any]:
    import torch
    import transformers
    import trl

    from medllm.train.gpu_defaults import sft_gpu_defaults
    from medllm.train.packed_attention import NAME, packed_attention_implementation
    from medllm.train.stages.sft import conversation_rows

    tokenizer = load_tokenizer(args.tokenizer, args.tiny)
    records = load_dialogues(args.data, args.records, args.seed)
    config = model_config(tokenizer, args.tiny)
    rows, _ = conversation_rows(records, tokenizer, args.max_length)
    supervised = sum(sum(row["assistant_masks"]) for row in rows)
    on_gpu = torch.cuda.is_available()
    gpu_memory = torch.cuda.get_device_properties(0).total_memory if on_gpu else 80 * 2**30
    attention = packed_attention_implementation() if on_gpu else NAME
    gpu_args = sft_gpu_defaults(
        config, args={"max_length": args.max_length}, peft=None, gpu_memory=gpu_memory, attention=attention
    )
    peak, device = peak_flops(args.peak_tflops)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        model_dir = tmp / "model"  # config and tokenizer only: the stage reads sizes and the template from here
        config.save_pretrained(model_dir)
        tokenizer.save_pretrained(model_dir)
        context = {
            "records": records,
            "tokenizer": tokenizer,
            "config": config,
            "model_dir": model_dir,
            "tmp": tmp,
            "seed": args.seed,
            "max_length": args.max_length,
            "supervised_tokens": supervised,
            "gpu_args": gpu_args,
            "peak_flops": peak,
        }
        check = packed_logits_check(config, attention or "sdpa", args.seed)
        print(f"packed-attention check: {json.dumps(check)}", file=sys.stderr)
        run_setting("medllm-gpu-defaults", context, max_steps=2)  # warm-up: CUDA context, kernels, allocator
        results = []
        for setting in args.settings:
            print(f"[{setting}] training ...", file=sys.stderr)
            results.append(run_setting(setting, context))
            print(f"[{setting}] {json.dumps(results[-1])}", file=sys.stderr)
    n_params = sum(p.numel() for p in build_model(config, "sdpa", args.seed).parameters())
    _free()
    return {
        "device": device,
        "peak_bf16_tflops": peak / 1e12 if peak else None,
        "model": {"parameters": n_params, **(LLAMA_TINY if args.tiny else LLAMA_1B), "vocab_size": len(tokenizer)},
        "records": len(records),
        "supervised_tokens": supervised,
        "max_length": args.max_length,
        "gpu_defaults": gpu_args,
        "packed_attention_check": check,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__, "trl": trl.__version__},
        "results": results,
    }


def table(report: dict[str, Any]) -> str:
    baseline = next((r for r in report["results"] if r["setting"] == "trl-defaults" and "error" not in r), None)
    lines = [
        f"device: {report['device']}; model: {report['model']['parameters'] / 1e6:.1f}M parameters; "
        f"{report['records']} dialogues, {report['supervised_tokens']:,} supervised tokens",
        "| setting | attention | packed | batch | ckpt | steps | supervised tok/s | vs TRL | real tok/s | padding "
        "| MFU | peak GiB | loss |",
        "|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["results"]:
        if "error" in r:
            lines.append(f"| {r['setting']} | {r['error']} |" + " |" * 11)
            continue
        ratio = r["supervised_tokens_per_s"] / baseline["supervised_tokens_per_s"] if baseline else float("nan")
        mfu = f"{r['mfu']:.1%}" if r.get("mfu") is not None else "-"
        memory = f"{r['peak_memory_gib']:.1f}" if r["peak_memory_gib"] is not None else "-"
        lines.append(
            f"| {r['setting']} | {r['attention']} | {'yes' if r['packing'] else 'no'} | "
            f"{r['per_device_train_batch_size']} | {'on' if r['checkpointing'] else 'off'} | {r['steps']} | "
            f"{r['supervised_tokens_per_s']:,.0f} | {ratio:.2f} | {r['real_tokens_per_s']:,.0f} | "
            f"{r['padding_fraction']:.0%} | {mfu} | {memory} | {r['train_loss']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", action="store_true", help="a 1.5M-parameter model, 32 dialogues (a CPU check)")
    parser.add_argument("--records", type=int, default=None, help="dialogues (default 1000, 64 with --tiny)")
    parser.add_argument("--data", type=Path, help="JSONL of {messages: [...]} (written by --export-inputs)")
    parser.add_argument("--tokenizer", help="tokenizer folder (default: SmolLM2's, or tiny-random-llama's)")
    parser.add_argument("--max-length", type=int, help="longest row in tokens (default 1024, 512 with --tiny)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--settings", nargs="+", choices=SETTINGS, default=list(SETTINGS))
    parser.add_argument("--peak-tflops", type=float, help="the chip's dense bf16 peak, where it is not detected")
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    parser.add_argument("--export-inputs", type=Path, metavar="DIR", help="write dialogues and tokenizer to DIR")
    args = parser.parse_args(argv)
    check_requirements()
    args.records = args.records or (32 if args.tiny else 1000)
    args.max_length = args.max_length or (512 if args.tiny else 1024)
    if args.export_inputs:
        export_inputs(args.export_inputs, args.records, args.seed)
        return 0
    report = bench(args)
    print(table(report))
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if report["packed_attention_check"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
