"""GPU check for `medllm serve --engine vllm`: the protocol through the official client, then throughput
against the transformers engine (batched and one at a time), on the same model, in one script.

    python benchmarks/gpu_serve_vllm.py --model MODEL_DIR --out "$OUT"          # on a CUDA machine with vLLM

MODEL_DIR: any local causal-LM folder vLLM and transformers both load (config, tokenizer with a chat
template, weights). Model weights cannot travel to the lent GPU machines (no hub, 64 MiB per call), so
--random-from builds one there from a config and a tokenizer folder that can travel, e.g. SmolLM2's
tokenizer files (3.5 MB) and its shape:

    python benchmarks/gpu_serve_vllm.py --random-from .gpu/smollm2-tokenizer --out "$OUT"

Throughput does not depend on the weights. Steps (each one's result goes into $OUT/gpu_serve_vllm.json):

1. preconditions: CUDA visible, vLLM importable; otherwise one line and exit 2 (nothing else runs);
2. protocol: `medllm serve --engine vllm` started, then the `openai` client: models list, chat plain and
   streamed (same text at temperature 0), completion plain and streamed, `max_tokens` over the limit
   clamped, an unknown model 404, an unknown field 400, `logprobs` refused with 400 (not served by
   this engine), the assistant model with triage and citations fields;
3. load: benchmarks/bench_serve.py with --engine vllm and with --engine transformers (400 requests,
   16 concurrent; one-at-a-time baselines of 64 requests), whose JSON reports land next to it.

Never run on this project's CPU machines (no GPU); the lent GPU machines have no vLLM and reach no
registry, so this needs a GPU machine where `pip install 'medllm[gpu]'` works.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


def preconditions() -> str | None:
    try:
        import torch
    except ImportError:
        return "torch is not installed"
    if not torch.cuda.is_available():
        return "no CUDA GPU is visible: this check runs on a GPU machine"
    try:
        import vllm  # noqa: F401
    except ImportError:
        return "vLLM is not installed (pip install 'medllm[gpu]'): --engine vllm cannot be checked here"
    return None


def random_model(tokenizer_dir: Path, out: Path) -> Path:
    """SmolLM2-135M's shape with random weights and the given tokenizer (float32 for exact greedy ties)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
        num_attention_heads=9, num_key_value_heads=3, max_position_embeddings=2048, tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
    )  # fmt: skip
    torch.manual_seed(0)
    LlamaForCausalLM(config).to(torch.float32).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def protocol(model_dir: Path, kb: Path | None) -> dict[str, Any]:
    """The official client against `medllm serve --engine vllm`; each check's outcome."""
    import openai
    from bench_serve import Server

    results: dict[str, Any] = {}

    def check(name: str, fn: Any) -> None:
        try:
            results[name] = {"ok": bool(fn()), "detail": None}
        except Exception as error:  # recorded, and the next check runs
            results[name] = {"ok": False, "detail": f"{type(error).__name__}: {error}"[:300]}

    kb = kb or REPO / ".cache" / "bench-serve" / "kb-chatdoctor-mini"
    server = Server(str(model_dir), kb, batching=True, concurrency=8, max_tokens=32, engine="vllm")
    with server:
        client = openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0)
        name = client.models.list().data[0].id
        hello = [{"role": "user", "content": "Hello, how are you today?"}]

        def chat_agrees() -> bool:
            plain = client.chat.completions.create(model=name, messages=hello, max_tokens=12, temperature=0)
            stream = client.chat.completions.create(
                model=name, messages=hello, max_tokens=12, temperature=0, stream=True
            )
            text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
            return plain.choices[0].message.content == text and plain.usage.completion_tokens <= 12

        def completion_agrees() -> bool:
            plain = client.completions.create(model=name, prompt="The patient has", max_tokens=8, temperature=0)
            stream = client.completions.create(
                model=name, prompt="The patient has", max_tokens=8, temperature=0, stream=True
            )
            return plain.choices[0].text == "".join(c.choices[0].text for c in stream)

        def clamped() -> bool:
            reply = client.chat.completions.create(model=name, messages=hello, max_tokens=10_000, temperature=0)
            return reply.usage.completion_tokens <= 32

        def status_of(call: Any, expected: int) -> bool:
            try:
                call()
            except openai.APIStatusError as error:
                return error.status_code == expected
            return False

        def assistant() -> bool:
            text = "I have crushing chest pain spreading to my left arm and I am sweating"
            reply = client.chat.completions.create(
                model="medllm-assistant", messages=[{"role": "user", "content": text}], max_tokens=32
            )
            extra = reply.choices[0].message.model_extra or {}
            return extra.get("triage", {}).get("level") == "emergency" and "citations" in extra

        check("models", lambda: {m.id for m in client.models.list().data} == {name, "medllm-assistant"})
        check("chat_plain_equals_streamed", chat_agrees)
        check("completion_plain_equals_streamed", completion_agrees)
        check("max_tokens_clamped", clamped)
        check(
            "unknown_model_404",
            lambda: status_of(lambda: client.chat.completions.create(model="nope", messages=hello), 404),
        )
        check(
            "unknown_field_400",
            lambda: status_of(
                lambda: client.chat.completions.create(model=name, messages=hello, extra_body={"logit_bias": {}}), 400
            ),
        )
        check(
            "logprobs_refused_400",
            lambda: status_of(lambda: client.completions.create(model=name, prompt="x", logprobs=1, echo=True), 400),
        )
        check("assistant_triage_fields", assistant)
    return results


def load(model_dir: Path, engine: str, out: Path, requests: int, baseline: int) -> dict[str, Any]:
    report = out / f"bench_serve_{engine}.json"
    command = [
        sys.executable, str(REPO / "benchmarks" / "bench_serve.py"), "--model", str(model_dir), "--engine", engine,
        "--requests", str(requests), "--baseline-requests", str(baseline), "--max-tokens", "64", "--json",
        "--out", str(report),
    ]  # fmt: skip
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True)
    result = {"command": " ".join(command), "exit": run.returncode, "seconds": round(time.monotonic() - started, 1)}
    if report.exists():
        data = json.loads(report.read_text())
        result["summary"] = {
            m["mode"]: {
                k: m[k] for k in ("requests_per_s", "raw_model_generated_tokens_per_s", "latency_s", "server_5xx")
            }
            for m in data["modes"]
        }
        result["checks"] = data["checks"]
    else:
        result["stderr_tail"] = run.stderr[-2000:]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="a model folder")
    parser.add_argument("--random-from", type=Path, help="a tokenizer folder: build a random SmolLM2-shaped model")
    parser.add_argument("--kb", type=Path, default=None, help="knowledge base folder for the assistant")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--baseline-requests", type=int, default=64)
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("OUT", "runs/gpu_serve_vllm")))
    args = parser.parse_args()
    problem = preconditions()
    if problem:
        print(f"gpu_serve_vllm: {problem}")
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    model_dir = args.model or random_model(args.random_from, args.out / "random-model")
    report: dict[str, Any] = {"model": str(model_dir), "protocol": protocol(model_dir, args.kb)}
    for engine in ("vllm", "transformers"):
        report[f"load_{engine}"] = load(model_dir, engine, args.out, args.requests, args.baseline_requests)
    (args.out / "gpu_serve_vllm.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    protocol_ok = all(c["ok"] for c in report["protocol"].values())
    return 0 if protocol_ok and all(report[f"load_{e}"]["exit"] == 0 for e in ("vllm", "transformers")) else 1


if __name__ == "__main__":
    sys.exit(main())
