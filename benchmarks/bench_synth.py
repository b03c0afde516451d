"""Synthesis benchmarks: teacher-client throughput, and the ROUGE-L pool filter at 50k instructions.

    python benchmarks/bench_synth.py                 # the full run (about 5 minutes on 2 cores)
    python benchmarks/bench_synth.py --json
    python benchmarks/bench_synth.py --instructions 10000 --agreement-sample 500   # quick look

1. Throughput. A loopback OpenAI-compatible server (``medllm.testing.FakeOpenAIServer``) answers each
   request after a fixed delay (200 ms). ``mcq-to-qa`` on MedMCQA items runs twice, each with a fresh
   cache: sequentially (``--concurrency 1``) and at concurrency 16. Reports items/s and the speed-up.
2. ROUGE-L pool filter. ``medllm.testing.instructions.instruction_corpus``: real instructions from
   the registry plus perturbed near-copies. Times ``medllm.synth.rouge.filter_texts`` on
   ``--instructions`` texts; times rouge-score's own ``_score_lcs`` per pair on a sample of pairs and
   extrapolates the plain loop (each text against every kept one) from the number of comparisons it
   would make; and checks that both decide identically on the first ``--agreement-sample`` texts (the
   plain loop runs in full there).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
_MIRROR = REPO.parent / "shared" / "datasets"
if not os.environ.get("MEDLLM_DATA_MIRROR") and _MIRROR.is_dir():
    os.environ["MEDLLM_DATA_MIRROR"] = str(_MIRROR)


def bench_throughput(requests: int, delay: float, concurrency: int) -> dict[str, Any]:
    from medllm.synth import SynthConfig, run_synth
    from medllm.testing import FakeOpenAIServer

    def reply(body: dict[str, Any]) -> str:
        time.sleep(delay)
        user = body["messages"][-1]["content"]
        answer = user.split("Correct answer: ", 1)[1].split("\n", 1)[0]
        return f"Question: What is asked here?\nAnswer: The answer is {answer}, because of the explanation."

    results: dict[str, Any] = {"requests": requests, "server_delay_s": delay}
    with FakeOpenAIServer(reply=reply) as server, tempfile.TemporaryDirectory() as tmp:
        for label, c in (("sequential", 1), (f"concurrency_{concurrency}", concurrency)):
            config = SynthConfig(
                generator="mcq-to-qa",
                input="medmcqa-dev",
                teacher=server.base_url,
                teacher_model="fake-model",
                out=str(Path(tmp) / label),
                limit=requests,
                concurrency=c,
                progress=False,
            )
            start = time.perf_counter()
            result = run_synth(config)
            seconds = time.perf_counter() - start
            assert result.kept == requests, result.dropped
            results[label] = {"seconds": round(seconds, 2), "items_per_s": round(requests / seconds, 2)}
        results["max_in_flight"] = server.max_in_flight
    results["speedup"] = round(results["sequential"]["seconds"] / results[f"concurrency_{concurrency}"]["seconds"], 1)
    return results


def _reference_filter(tokens: list[list[str]], threshold: float) -> list[bool]:
    from rouge_score import rouge_scorer

    kept: list[list[str]] = []
    decisions = []
    for new in tokens:
        drop = any(rouge_scorer._score_lcs(new, other).fmeasure > threshold for other in kept)
        decisions.append(not drop)
        if not drop:
            kept.append(new)
    return decisions


def bench_rouge(n: int, agreement: int, pair_sample: int, threshold: float = 0.7) -> dict[str, Any]:
    from rouge_score import rouge_scorer

    from medllm.synth.rouge import RougePool, filter_texts
    from medllm.testing.instructions import instruction_corpus

    texts = instruction_corpus(n, seed=0)
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    start = time.perf_counter()
    pool = RougePool(threshold, order_hint=texts)
    decisions = [pool.add(t).kept for t in texts]
    ours = time.perf_counter() - start
    kept = sum(decisions)
    # The plain loop compares each text with every text kept before it (early exit on the first match
    # ignored: an upper bound a few percent above, since most texts are kept).
    comparisons, pool_size = 0, 0
    for keep in decisions:
        comparisons += pool_size
        pool_size += keep
    rng = random.Random(1)
    token_lists = [scorer._tokenizer.tokenize(t) for t in texts[: min(n, 5000)]]
    pairs = [(rng.choice(token_lists), rng.choice(token_lists)) for _ in range(pair_sample)]
    start = time.perf_counter()
    for a, b in pairs:
        rouge_scorer._score_lcs(a, b)
    per_pair = (time.perf_counter() - start) / pair_sample
    sample = texts[:agreement]
    start = time.perf_counter()
    reference = _reference_filter([scorer._tokenizer.tokenize(t) for t in sample], threshold)
    reference_seconds = time.perf_counter() - start
    mine = filter_texts(sample, threshold)
    return {
        "instructions": n,
        "kept": kept,
        "dropped": n - kept,
        "seconds": round(ours, 1),
        "pairs_verified_by_lcs": pool.pairs_verified,
        "plain_loop_comparisons": comparisons,
        "rouge_score_us_per_pair": round(per_pair * 1e6, 1),
        "plain_loop_estimated_hours": round(comparisons * per_pair / 3600, 1),
        "agreement_sample": agreement,
        "agreement_reference_seconds": round(reference_seconds, 1),
        "agreement_identical": mine == reference,
        "agreement_mismatches": sum(a != b for a, b in zip(mine, reference, strict=True)),
        "agreement_dropped": agreement - sum(reference),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=96, help="items per throughput run")
    parser.add_argument("--delay", type=float, default=0.2, help="server delay per request, seconds")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--instructions", type=int, default=50_000)
    parser.add_argument("--agreement-sample", type=int, default=2000)
    parser.add_argument("--pair-sample", type=int, default=20_000, help="pairs timed with rouge-score")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    results = {
        "cpus": os.cpu_count(),
        "throughput": bench_throughput(args.requests, args.delay, args.concurrency),
        "rouge": bench_rouge(args.instructions, args.agreement_sample, args.pair_sample),
    }
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    t, r = results["throughput"], results["rouge"]
    c = f"concurrency_{args.concurrency}"
    rows = [
        ("teacher requests per run", t["requests"]),
        ("server delay per request", f"{t['server_delay_s'] * 1000:.0f} ms"),
        ("sequential", f"{t['sequential']['seconds']} s ({t['sequential']['items_per_s']} items/s)"),
        (f"concurrency {args.concurrency}", f"{t[c]['seconds']} s ({t[c]['items_per_s']} items/s)"),
        ("speed-up", f"{t['speedup']}x (max in flight {t['max_in_flight']})"),
        ("ROUGE-L filter: instructions", f"{r['instructions']:,} ({r['kept']:,} kept, {r['dropped']:,} dropped)"),
        ("ROUGE-L filter: time", f"{r['seconds']} s ({r['pairs_verified_by_lcs']:,} pairs verified by LCS)"),
        ("plain rouge-score loop", f"{r['plain_loop_comparisons']:,} pairs x {r['rouge_score_us_per_pair']} us"),
        ("plain loop, estimated", f"{r['plain_loop_estimated_hours']} h"),
        (
            f"agreement on {r['agreement_sample']:,}",
            f"identical={r['agreement_identical']} ({r['agreement_mismatches']} mismatches, "
            f"{r['agreement_dropped']} dropped; reference loop {r['agreement_reference_seconds']} s)",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
