"""`medllm serve` under load: batching on versus one request at a time, in one run.

    python benchmarks/bench_serve.py                                    # tiny-random-llama, 400 requests
    python benchmarks/bench_serve.py --model smollm2-135m-instruct --baseline-requests 64
    python benchmarks/bench_serve.py --json --out runs/bench_serve.json

Each mode starts a real server (`medllm serve` in its own process, on a free loopback port) and sends
the same list of requests from 16 concurrent clients: chat with the raw model (greedy, plus one in ten
sampled), raw completions, and chat with `medllm-assistant` over ChatDoctor's mini knowledge base;
about half of each streamed. Reported per mode: throughput (requests/s, generated tokens/s), latency
p50/p95/p99, time to first token (streamed requests, p50/p95/p99 per model), answers by HTTP status,
the server's RSS before and after, and what its /metrics counted.

No lost or mixed-up responses: the requests are drawn from a pool of distinct prompts, each sent
several times, streamed or not, at different moments (so in different batch company). The
one-at-a-time server answers its share of the list first: every request runs alone there, and the
list starts with every pool prompt once, so each prompt gets an "alone" reference answer. Then every
greedy answer of the batched server must equal its prompt's reference exactly: text for the raw
model; text, triage level and cited passages for the assistant. A response delivered to the wrong
request, cut short, or changed by its batch neighbours fails that check. How many references are
distinct is printed too: two prompts with the same answer could be swapped unseen. Independently of
the references, each assistant answer's triage level must be the level medllm's rules give its own
question (an emergency answer on a routine question is a mix-up whatever the model writes). Sampled
requests (not reproducible) are checked for status, non-empty text and token count only.

--baseline-requests shortens the one-at-a-time mode (it must cover the pool); its throughput is then
measured on the first N requests of the same list, with the same mix. --threads sets the server's torch
CPU threads: on a machine that other work also loads, torch's default of one thread per core makes
every step wait for the slowest thread (measured here: 24 tiny-model tokens in 2.0 s with 2 threads on
a loaded 2-core machine, 0.075 s with 1), which penalises the many small steps of one-at-a-time
generation most; report which setting a figure used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "bench-serve"
ASSISTANT = "medllm-assistant"

RAW_QUESTIONS = [
    "What is a normal resting heart rate for an adult?",
    "How much water should an adult drink each day?",
    "What are common side effects of ibuprofen?",
    "How is type 2 diabetes usually diagnosed?",
    "What does a high white blood cell count mean?",
    "Name three symptoms of iron deficiency anaemia.",
    "How long does a common cold usually last?",
    "What is the difference between a virus and a bacterium?",
    "Why do doctors measure blood pressure in both arms?",
    "What vitamins are found in spinach?",
    "How does paracetamol reduce fever?",
    "What is a body mass index?",
    "When should a child get the measles vaccine?",
    "What causes heartburn after meals?",
    "How many hours of sleep do teenagers need?",
    "What is the function of the thyroid gland?",
]
COMPLETION_PROMPTS = [
    "The main symptoms of influenza are",
    "Hypertension is defined as",
    "A patient with a sore throat and fever should",
    "The liver is responsible for",
    "Asthma attacks can be triggered by",
    "Dehydration in older adults often shows as",
    "The recommended first aid for a minor burn is",
    "Antibiotics do not work against",
]
ASSISTANT_QUESTIONS = [
    "I'm 35 and have had a dry cough, a mild fever and a sore throat for four days. What could it be?",
    "I'm 50, I get heartburn after dinner most nights for two months, no weight loss. What can I do?",
    "My 8 year old has had an itchy red rash on both elbows for three weeks. What might it be?",
    "I'm 28 and have had a throbbing headache on one side with nausea since this morning, like before.",
    "My father suddenly can't speak properly and his face is drooping on one side",
    "I have crushing chest pain spreading to my left arm and I am sweating",
    "I'm 60 and my ankles have been swollen in the evenings for a month, no pain. What should I check?",
    "I'm 22, I have had a blocked nose, sneezing and itchy eyes every spring for years.",
]


# --- the request list ------------------------------------------------------------------------------
def build_requests(n: int, seed: int, max_tokens: int) -> tuple[list[dict[str, Any]], int]:
    """``n`` requests: the pool's prompts in shuffled rounds (so the first round holds each once),
    each request streamed or not at random; one raw chat request in ten is sampled instead.

    Returns:
        The requests and the pool size.
    """
    pool: list[dict[str, Any]] = []
    for i, q in enumerate(RAW_QUESTIONS):
        pool.append({"key": f"chat-{i}", "route": "chat", "model": "raw", "messages": [{"role": "user", "content": q}]})
    for i, p in enumerate(COMPLETION_PROMPTS):
        pool.append({"key": f"completion-{i}", "route": "completion", "model": "raw", "prompt": p})
    for i, q in enumerate(ASSISTANT_QUESTIONS):
        messages = [{"role": "user", "content": q}]
        pool.append({"key": f"assistant-{i}", "route": "chat", "model": ASSISTANT, "messages": messages})
    rng = random.Random(seed)
    requests: list[dict[str, Any]] = []
    while len(requests) < n:
        for spec in rng.sample(pool, len(pool)):
            request = {**spec, "stream": rng.random() < 0.5, "max_tokens": max_tokens, "temperature": 0.0}
            if len(requests) >= len(pool) and spec["model"] == "raw" and spec["route"] == "chat" and rng.random() < 0.2:
                request.update(key=None, temperature=0.8)  # sampled: not reproducible, checked for shape only
            requests.append(request)
    return requests[:n], len(pool)


# --- one server --------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MiB."""
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


class Server:
    """`medllm serve` in a child process; a context manager that waits for /health and stops it."""

    def __init__(
        self,
        model: str,
        kb: Path,
        *,
        batching: bool,
        concurrency: int,
        max_tokens: int,
        engine: str = "transformers",
        threads: int | None = None,
    ) -> None:
        self.threads = threads
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        medllm = Path(sys.executable).with_name("medllm")
        self.args = [
            str(medllm), "serve", "--model", model, "--kb", str(kb), "--port", str(self.port),
            "--engine", engine, "--max-concurrency", str(concurrency), "--batching" if batching else "--no-batching",
            "--max-queue", "256", "--request-timeout", "3600", "--max-new-tokens-limit", str(max_tokens),
        ]  # fmt: skip
        self.log = CACHE / f"server-{self.port}.log"

    def __enter__(self) -> Server:
        CACHE.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}
        if self.threads:  # torch's CPU thread pool (OpenMP) in the server
            env["OMP_NUM_THREADS"] = str(self.threads)
        self.process = subprocess.Popen(self.args, stdout=self.log.open("w"), stderr=subprocess.STDOUT, env=env)
        end = time.monotonic() + 600
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: see {self.log}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("the server did not start within 10 minutes")

    def __exit__(self, *exc: object) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def metrics(self) -> dict[str, float]:
        """The counters this benchmark reports, from GET /metrics."""
        wanted = ("medllm_requests_total{", "medllm_completion_tokens_total", "medllm_cancelled_generations_total")
        found: dict[str, float] = {}
        for line in httpx.get(self.url + "/metrics", timeout=10).text.splitlines():
            if line.startswith(wanted):
                name, value = line.rsplit(" ", 1)
                found[name] = float(value)
        return found


# --- the load ----------------------------------------------------------------------------------------
def body_of(request: dict[str, Any], raw_name: str) -> tuple[str, dict[str, Any]]:
    body: dict[str, Any] = {
        "model": raw_name if request["model"] == "raw" else ASSISTANT,
        "max_tokens": request["max_tokens"],
        "temperature": request["temperature"],
        "stream": request["stream"],
    }
    if request["stream"]:
        body["stream_options"] = {"include_usage": True}
    if request["route"] == "completion":
        return "/v1/completions", {**body, "prompt": request["prompt"]}
    return "/v1/chat/completions", {**body, "messages": request["messages"]}


async def send(client: httpx.AsyncClient, request: dict[str, Any], raw_name: str) -> dict[str, Any]:
    """One request; what came back, with its latency and (streamed) time to first text."""
    path, body = body_of(request, raw_name)
    started = time.perf_counter()
    result: dict[str, Any] = {"status": None, "text": "", "ttft": None, "tokens": None, "extra": {}}
    try:
        if not request["stream"]:
            reply = await client.post(path, json=body)
            result["status"] = reply.status_code
            if reply.status_code == 200:
                data = reply.json()
                choice = data["choices"][0]
                result["text"] = choice["text"] if path == "/v1/completions" else choice["message"]["content"]
                if path != "/v1/completions":
                    result["extra"] = {k: choice["message"].get(k) for k in ("triage", "citations", "kind")}
                result["tokens"] = data["usage"]["completion_tokens"]
        else:
            async with client.stream("POST", path, json=body) as reply:
                result["status"] = reply.status_code
                parts: list[str] = []
                async for line in reply.aiter_lines():
                    if not line.startswith("data: {"):
                        continue
                    data = json.loads(line[6:])
                    if "error" in data:
                        result["status"] = data["error"].get("code") or "stream_error"
                        continue
                    if data.get("usage"):
                        result["tokens"] = data["usage"]["completion_tokens"]
                    if not data.get("choices"):
                        continue
                    choice = data["choices"][0]
                    piece = choice.get("text") if path == "/v1/completions" else choice["delta"].get("content")
                    if piece:
                        parts.append(piece)
                        if result["ttft"] is None:
                            result["ttft"] = time.perf_counter() - started
                    if choice.get("finish_reason") and path != "/v1/completions":
                        result["extra"] = {k: choice["delta"].get(k) for k in ("triage", "citations", "kind")}
                result["text"] = "".join(parts)
    except httpx.HTTPError as error:
        result["status"] = f"transport:{type(error).__name__}"
    result["latency"] = time.perf_counter() - started
    return result


async def load(url: str, requests: list[dict[str, Any]], concurrency: int, raw_name: str) -> tuple[list, float]:
    results: list[dict[str, Any] | None] = [None] * len(requests)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(requests)):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=3600, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                results[i] = await send(client, requests[i], raw_name)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return results, wall


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None}
    if len(values) == 1:
        return {p: round(values[0], 3) for p in ("p50", "p95", "p99")}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(cuts[49], 3), "p95": round(cuts[94], 3), "p99": round(cuts[98], 3)}


def run_mode(args: argparse.Namespace, kb: Path, requests: list[dict[str, Any]], batching: bool) -> dict[str, Any]:
    concurrency = args.concurrency if batching else 1
    server = Server(
        args.model,
        kb,
        batching=batching,
        concurrency=concurrency,
        max_tokens=args.max_tokens,
        engine=args.engine,
        threads=args.threads,
    )
    with server:
        raw_name = httpx.get(server.url + "/v1/models").json()["data"][0]["id"]
        asyncio.run(load(server.url, requests[:2], 2, raw_name))  # warm-up: first-call costs out of the figures
        rss_before = rss_mb(server.process.pid)
        results, wall = asyncio.run(load(server.url, requests, args.concurrency, raw_name))
        time.sleep(1.0)
        rss_after = rss_mb(server.process.pid)
        counted = server.metrics()
    statuses = Counter(str(r["status"]) for r in results)
    tokens = sum(r["tokens"] or 0 for r in results)
    # The assistant's usage counts its whole reply, sources and fixed notes included; the raw model's
    # count is generated tokens only.
    raw_tokens = sum(r["tokens"] or 0 for q, r in zip(requests, results, strict=True) if q["model"] == "raw")
    ttft: dict[str, list[float]] = {"raw": [], ASSISTANT: []}
    for request, result in zip(requests, results, strict=True):
        if result["ttft"] is not None:
            ttft[request["model"]].append(result["ttft"])
    return {
        "mode": "batched" if batching else "one_at_a_time",
        "server_flags": f"--engine {args.engine} --max-concurrency {concurrency} "
        f"{'--batching' if batching else '--no-batching'}",
        "requests": len(requests),
        "client_concurrency": args.concurrency,
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(requests) / wall, 3),
        "completion_tokens": tokens,
        "completion_tokens_per_s": round(tokens / wall, 2),
        "raw_model_generated_tokens_per_s": round(raw_tokens / wall, 2),
        "latency_s": percentiles([r["latency"] for r in results]),
        "ttft_s": {model: percentiles(values) for model, values in ttft.items()},
        "statuses": dict(statuses),
        "server_5xx": sum(v for k, v in statuses.items() if k.isdigit() and int(k) >= 500),
        "server_rss_mb": {"before": rss_before, "after": rss_after},
        "server_metrics": counted,
        "_results": results,
    }


# --- checks ------------------------------------------------------------------------------------------
def answer_of(request: dict[str, Any], result: dict[str, Any]) -> Any:
    """What must match the reference: the text, plus triage level and citations for the assistant."""
    if request["model"] != ASSISTANT:
        return result["text"]
    extra = result["extra"] or {}
    citations = [c.get("id") for c in extra.get("citations") or []]
    return result["text"], (extra.get("triage") or {}).get("level"), citations


def describe_mismatch(i: int, request: dict[str, Any], result: dict[str, Any], reference: dict) -> dict[str, Any]:
    """What a wrong answer is: another prompt's answer (a mix-up), or this prompt's answer that
    departs from it after a shared beginning (the batch's arithmetic taking another token at a
    near-tie: batched matrix products add in another order, so the last bits can differ)."""
    got, expected = answer_of(request, result), reference[request["key"]]
    got_text = got if isinstance(got, str) else got[0]
    expected_text = expected if isinstance(expected, str) else expected[0]
    shared = next((n for n, (a, b) in enumerate(zip(got_text, expected_text, strict=False)) if a != b), None)
    if shared is None:
        shared = min(len(got_text), len(expected_text))
    others = [key for key, answer in reference.items() if key != request["key"] and answer == got]
    return {
        "request": i,
        "key": request["key"],
        "stream": request["stream"],
        "equals_answer_of": others,
        "same_first_chars": shared,
        "expected": expected_text[:200],
        "got": got_text[:200],
    }


def check(requests: list[dict[str, Any]], single: dict[str, Any], batched: dict[str, Any]) -> dict[str, Any]:
    from medllm.assistant import detect_language, triage

    reference: dict[str, Any] = {}
    unstable = 0  # one-at-a-time answers of one prompt that differ: the reference itself is not reproducible
    for request, result in zip(requests, single["_results"], strict=False):
        if request["key"] is None or result["status"] != 200:
            continue
        answer = answer_of(request, result)
        if request["key"] in reference and reference[request["key"]] != answer:
            unstable += 1
        reference.setdefault(request["key"], answer)
    pool = {r["key"] for r in requests if r["key"] is not None}
    missing = sorted(pool - set(reference))
    mismatches: list[dict[str, Any]] = []
    lost = 0
    triage_mismatch = 0
    sampled_bad = 0
    for i, (request, result) in enumerate(zip(requests, batched["_results"], strict=True)):
        if result["status"] != 200:
            lost += 1
            continue
        if request["key"] is None:
            if not result["text"] or (result["tokens"] or 0) > request["max_tokens"]:
                sampled_bad += 1
            continue
        if request["model"] == ASSISTANT:
            text = request["messages"][-1]["content"]
            expected = triage(text, language=detect_language(text)).level.label
            got = (result["extra"] or {}).get("triage") or {}
            escalated = any(r.get("rule") == "model_check" for r in got.get("reasons", []))  # --model-triage only
            if got.get("level") != expected and not escalated:
                triage_mismatch += 1
        if request["key"] in reference and answer_of(request, result) != reference[request["key"]]:
            mismatches.append(describe_mismatch(i, request, result, reference))
    checked = sum(1 for r in requests if r["key"] in reference)
    distinct = len({json.dumps(v) for v in reference.values()})
    return {
        "pool_prompts": len(pool),
        "references": len(reference),
        "distinct_references": distinct,
        "pool_prompts_without_reference": missing,
        "unstable_references": unstable,
        "greedy_answers_checked": checked,
        "mismatched_answers": len(mismatches),
        "mismatch_examples": mismatches[:5],
        "mismatches_equal_to_another_prompts_answer": sum(1 for m in mismatches if m["equals_answer_of"]),
        "assistant_triage_not_its_own": triage_mismatch,
        "sampled_answers_bad": sampled_bad,
        "lost_or_failed": lost,
    }


def ensure_kb(path: Path | None) -> Path:
    """The assistant's knowledge base: ChatDoctor's mini set, built once into .cache/bench-serve/."""
    if path is not None:
        return path
    kb = CACHE / "kb-chatdoctor-mini"
    if not (kb / "manifest.json").exists() and not any(kb.glob("*")):
        mirror = REPO.parent / "shared" / "datasets"
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        if mirror.exists():
            env.setdefault("MEDLLM_DATA_MIRROR", str(mirror))
        medllm = Path(sys.executable).with_name("medllm")
        subprocess.run([str(medllm), "kb", "build", "chatdoctor-kb-mini", "--out", str(kb)], check=True, env=env)
    return kb


def table(report: dict[str, Any]) -> str:
    rows = [
        ("mode", "requests", "req/s", "raw tok/s", "lat p50", "p95", "p99", "ttft raw p50", "p95", "ttft asst p50",
         "5xx", "statuses", "rss MB before/after"),
    ]  # fmt: skip
    for m in report["modes"]:
        lat, raw, asst = m["latency_s"], m["ttft_s"]["raw"], m["ttft_s"][ASSISTANT]
        rows.append((
            m["mode"], str(m["requests"]), f"{m['requests_per_s']:.2f}", f"{m['raw_model_generated_tokens_per_s']:.1f}",
            f"{lat['p50']:.2f}", f"{lat['p95']:.2f}", f"{lat['p99']:.2f}", str(raw["p50"]), str(raw["p95"]),
            str(asst["p50"]), str(m["server_5xx"]), json.dumps(m["statuses"]),
            f"{m['server_rss_mb']['before']}/{m['server_rss_mb']['after']}",
        ))  # fmt: skip
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    c = report["checks"]
    lines.append(
        f"speed-up (req/s, batched / one at a time): {report['speedup_requests_per_s']}x; "
        f"greedy answers checked against their prompt run alone: {c['greedy_answers_checked']}, "
        f"mismatched {c['mismatched_answers']}; distinct references {c['distinct_references']}/{c['references']}; "
        f"assistant triage not its own {c['assistant_triage_not_its_own']}; lost or failed {c['lost_or_failed']}"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="tiny-random-llama")
    parser.add_argument(
        "--engine", default="transformers", help="both modes' engine (vllm: one at a time is --max-concurrency 1)"
    )
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=16, help="clients at once; the batched server's slots")
    parser.add_argument("--baseline-requests", type=int, default=None, help="one-at-a-time requests (default all)")
    parser.add_argument("--max-tokens", type=int, default=24, help="max_tokens of every request")
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="torch CPU threads in the server (OMP_NUM_THREADS); default torch's own (one per core). On a "
        "machine other work also loads, 1 avoids threads waiting for each other at every step",
    )
    parser.add_argument("--kb", type=Path, default=None, help="knowledge base folder (default: built once)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON report here")
    args = parser.parse_args()

    requests, pool = build_requests(args.requests, args.seed, args.max_tokens)
    baseline = min(args.baseline_requests or args.requests, args.requests)
    if baseline < pool:
        parser.error(f"--baseline-requests must be at least the pool of {pool} prompts")
    kb = ensure_kb(args.kb)
    load_at_start = round(os.getloadavg()[0], 1)
    single = run_mode(args, kb, requests[:baseline], batching=False)
    batched = run_mode(args, kb, requests, batching=True)
    report = {
        "model": args.model,
        "engine": args.engine,
        "server_torch_threads": args.threads or "default",
        "requests": args.requests,
        "baseline_requests": baseline,
        "max_tokens": args.max_tokens,
        "machine": f"{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at the end",
        "load_average_at_start": load_at_start,
        "modes": [single, batched],
        "speedup_requests_per_s": round(batched["requests_per_s"] / single["requests_per_s"], 2),
        "checks": check(requests, single, batched),
    }
    for mode in report["modes"]:
        mode.pop("_results")
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text if args.json else text + "\n\n" + table(report))
    c = report["checks"]
    failed = (
        c["mismatched_answers"] or c["lost_or_failed"] or c["assistant_triage_not_its_own"] or batched["server_5xx"]
    )
    return 1 if failed or single["server_5xx"] or c["pool_prompts_without_reference"] else 0


if __name__ == "__main__":
    sys.exit(main())
