"""Retrieval quality and speed on ChatDoctor's disease knowledge base, with ChatDoctor's own method as baseline.

    python benchmarks/bench_retrieval.py                 # test split: quality, latency, build time, gate
    python benchmarks/bench_retrieval.py --split dev     # the split every setting was tuned on
    python benchmarks/bench_retrieval.py --tune          # the dev-split sweeps behind the defaults
    python benchmarks/bench_retrieval.py --json          # JSON instead of tables

Queries, all fixed by ``--seed``:
- ``sym2``, ``sym3``, ``sym5``: for each disease of ``chatdoctor-kb`` with at least n symptoms, n of them
  sampled, lower-cased and phrased as a patient would ("I've been having cough and fever."); the
  target is that disease. ChatDoctor's keywords: the exact symptom names (its best case).
- ``chatdoctor5k``: the patient message (``input``) of each ``chatdoctor-5k`` pair whose doctor reply
  (``output``) names a disease of the knowledge base. Names are matched as whole words, ignoring case,
  longest first, after the knowledge base's test and medication names are blanked out of the reply (so
  "depression screen" is not the disease Depression); a reply naming several has the first-named as
  its target. ChatDoctor's keywords: the knowledge base's symptom names found in the message
  (:func:`message_keywords`), standing in for its model's extraction at its best.
Split: the 796 diseases are shuffled and halved into dev (tuning) and test (reporting); a query belongs
to its target's half. Metrics are at the disease level: ranked chunks are collapsed to their document
(first occurrence), recall@1/5/10 and MRR over the top 50 chunks; ChatDoctor's ranked rows are
diseases already. Quality comes from batched searches (``search_many``, the same results as
``search``); latency from single ``search(query, k=10)`` calls on a sample of the split's queries, the
encoder loaded and warm. ChatDoctor's latency is its ranking alone (its keyword extraction is a model call).

The relevance gate: a second knowledge base is built without a held-out fifth of the diseases (its
embeddings reuse the first build's); queries about indexed diseases should pass the gate, queries
about held-out diseases and general non-medical questions (AlpacaEval's instructions,
``alpacare-7b-alpaca-eval``) should not. The threshold maximising Youden's J on dev is reported
with precision, recall and AUC on test, next to the shipped default's figures.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from retrieval_data import GROUPS, Query, doc_id, load

os.environ.setdefault("HF_HUB_OFFLINE", "1")

CHUNK_DEPTH = 50
LATENCY_K = 10
HELD_OUT = 0.2


# --- encoders, metrics -------------------------------------------------------------------------------


class CachingEncoder:
    """The MiniLM with a cache keyed by text: builds of the same chunks (tuning, the gate's KB) reuse vectors."""

    def __init__(self, path: Path | None = None) -> None:
        from medllm.knowledge import default_encoder

        self.inner = default_encoder()
        self.name, self.dim, self.package = self.inner.name, self.inner.dim, self.inner.package
        self.path = path
        self.cache: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            data = np.load(path)
            self.cache = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        keys = [hashlib.sha1(t.encode("utf-8", "replace")).hexdigest() for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self.cache]
        if missing:
            vectors = self.inner.encode([texts[i] for i in missing], batch_size=batch_size)
            self.cache.update({keys[i]: v for i, v in zip(missing, vectors, strict=True)})
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)

    def save(self) -> None:
        if self.path is not None and self.cache:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, keys=np.array(list(self.cache)), vectors=np.stack(list(self.cache.values())))


def _collapse(hits: Sequence[Any]) -> list[str]:
    return list(dict.fromkeys(h.doc_id for h in hits))


def metrics(rankings: Sequence[Sequence[str]], targets: Sequence[str]) -> dict[str, float]:
    ranks = [ranked.index(t) + 1 if t in ranked else None for ranked, t in zip(rankings, targets, strict=True)]
    n = max(len(ranks), 1)
    out = {f"recall@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in (1, 5, 10)}
    out["mrr"] = sum(1 / r for r in ranks if r is not None) / n
    out["n"] = len(ranks)
    return out


def _percentiles(seconds: Sequence[float]) -> dict[str, float]:
    ms = np.array(seconds) * 1000
    return {"p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)), "n": len(ms)}


def rank_kb(kb: Any, queries: Sequence[Query], mode: str) -> list[list[str]]:
    return [_collapse(hits) for hits in kb.search_many([q.text for q in queries], k=CHUNK_DEPTH, mode=mode)]


def rank_chatdoctor(ranker: Any, rows: Sequence[dict[str, Any]], queries: Sequence[Query]) -> list[list[str]]:
    return [[f"chatdoctor-kb:{rows[i]['idx']}" for i in ranker.rank_rows(list(q.keywords))] for q in queries]


def quality(
    kb: Any, ranker: Any, rows: Sequence[dict[str, Any]], queries: Sequence[Query], modes: Sequence[str]
) -> dict:
    out: dict[str, dict[str, Any]] = {}
    for group in GROUPS:
        chosen = [q for q in queries if q.group == group]
        targets = [q.target for q in chosen]
        out[group] = {mode: metrics(rank_kb(kb, chosen, mode), targets) for mode in modes}
        if ranker is not None:
            out[group]["chatdoctor"] = metrics(rank_chatdoctor(ranker, rows, chosen), targets)
    return out


def latency(kb: Any, ranker: Any, queries: Sequence[Query], modes: Sequence[str], options: Any) -> dict:
    """Per query the fastest of ``--repeat`` timings, methods interleaved query by query (a background
    load then falls on every method alike and a passing spike does not count); p50 and p95 over queries."""
    chosen = random.Random(options.seed + 2).sample(list(queries), min(options.latency_sample, len(queries)))
    kb.search(chosen[0].text, k=LATENCY_K, mode="hybrid")  # load and warm the encoder: not a query's cost
    calls: dict[str, Callable[[Query], Any]] = {
        m: (lambda q, m=m: kb.search(q.text, k=LATENCY_K, mode=m)) for m in modes
    }
    if ranker is not None:
        calls["chatdoctor"] = lambda q: ranker.rank_rows(list(q.keywords))
    best = {name: [float("inf")] * len(chosen) for name in calls}
    load = [os.getloadavg()[0]]
    for _ in range(options.repeat):
        for i, q in enumerate(chosen):
            for name, call in calls.items():
                start = time.perf_counter()
                call(q)
                best[name][i] = min(best[name][i], time.perf_counter() - start)
        load.append(os.getloadavg()[0])
    out: dict[str, Any] = {name: _percentiles(t) for name, t in best.items()}
    out["load_average_1min"] = [round(x, 2) for x in load]
    return out


# --- the relevance gate ------------------------------------------------------------------------------


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a positive scores above a negative), ties counting half (Mann-Whitney U / (n_pos * n_neg))."""
    pos, neg = np.asarray(positive), np.asarray(negative)
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def best_threshold(positive: Sequence[float], negative: Sequence[float]) -> float:
    """The cut maximising Youden's J (recall on positives + rejection of negatives - 1), midway between scores."""
    values = np.unique(np.concatenate([positive, negative]))
    pos, neg = np.asarray(positive), np.asarray(negative)
    best, cut = -1.0, float(values[0])
    for low, high in itertools.pairwise(values):
        t = (low + high) / 2
        j = (pos >= t).mean() - (neg >= t).mean()
        if j > best:
            best, cut = j, float(t)
    return cut


def gate_figures(scores: dict[str, list[float]], threshold: float) -> dict[str, float]:
    pos, held, general = (np.asarray(scores[k]) for k in ("indexed", "held_out", "general"))
    negatives = np.concatenate([held, general])
    tp, fp = (pos >= threshold).sum(), (negatives >= threshold).sum()
    return {
        "threshold": round(threshold, 4),
        "precision": float(tp / max(tp + fp, 1)),
        "recall": float(tp / max(len(pos), 1)),
        "auc": auc(pos, negatives),
        "auc_held_out_diseases": auc(pos, held),
        "auc_general_questions": auc(pos, general),
        "rejects_held_out_diseases": float((held < threshold).mean()),
        "rejects_general_questions": float((general < threshold).mean()),
    }


def gate(entries: Sequence[Any], queries: Sequence[Query], split: dict[str, str], encoder: Any, options: Any) -> dict:
    from medllm.datasets import iter_records
    from medllm.io.jsonl import write_jsonl
    from medllm.knowledge import DEFAULT_THRESHOLDS, GATE_SCORE, KnowledgeBase, build_kb

    rng = random.Random(options.seed + 3)
    ids = sorted(split)
    held = set(rng.sample(ids, int(len(ids) * HELD_OUT)))
    general = [c.messages[0].content for c in iter_records("alpacare-7b-alpaca-eval", progress=False)]
    rng.shuffle(general)
    general_split = {"dev": general[: len(general) // 2], "test": general[len(general) // 2 :]}
    with tempfile.TemporaryDirectory() as tmp:
        write_jsonl(Path(tmp) / "kb.jsonl", [e for e in entries if doc_id(e) not in held])
        build_kb(
            [Path(tmp) / "kb.jsonl"],
            Path(tmp) / "kb",
            encoder=encoder,
            chunk_tokens=options.chunk_tokens,
            overlap=options.overlap,
            entry_layout=options.entry_layout,
        )
        kb = KnowledgeBase.open(Path(tmp) / "kb", encoder=encoder)
        scores: dict[str, dict[str, dict[str, list[float]]]] = {}
        for part in ("dev", "test"):
            mine = [q for q in queries if split[q.target] == part]
            sample = rng.sample(mine, min(options.gate_sample, len(mine)))
            sets = {
                "indexed": [q.text for q in sample if q.target not in held],
                "held_out": [q.text for q in mine if q.target in held][: options.gate_sample],
                "general": general_split[part],
            }
            scores[part] = {
                kind: {name: [kb.retrieve(t, k=1, mode=mode).relevance for t in texts] for name, texts in sets.items()}
                for kind, mode in (("cosine", "dense"), ("bm25_norm", "bm25"))
            }
    out: dict[str, Any] = {
        "held_out_diseases": len(held),
        "sizes": {p: {k: len(v) for k, v in scores[p]["cosine"].items()} for p in scores},
    }
    for kind in ("cosine", "bm25_norm"):
        dev = scores["dev"][kind]
        chosen = best_threshold(dev["indexed"], dev["held_out"] + dev["general"])
        shipped = DEFAULT_THRESHOLDS["hybrid" if kind == GATE_SCORE["hybrid"] else "bm25"]
        out[kind] = {
            "dev_auc": auc(dev["indexed"], dev["held_out"] + dev["general"]),
            "dev_threshold": round(chosen, 4),
            "test_at_dev_threshold": gate_figures(scores["test"][kind], chosen),
            "test_at_default": gate_figures(scores["test"][kind], shipped),
        }
    return out


# --- runs --------------------------------------------------------------------------------------------


def run(options: Any) -> dict[str, Any]:
    from medllm.knowledge import KnowledgeBase, build_kb
    from medllm.knowledge.chatdoctor_baseline import ChatDoctorRanker

    entries, rows, queries, split, counts = load(options.seed)
    mine = [q for q in queries if split[q.target] == options.split]
    encoder = CachingEncoder()  # starts empty: the timed build embeds everything
    encoder.inner.encode(["warm-up"])  # the encoder's load is not part of the build
    modes = ("bm25", "dense", "hybrid")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        built = build_kb(
            ["chatdoctor-kb"],
            Path(tmp) / "kb",
            encoder=encoder,
            chunk_tokens=options.chunk_tokens,
            overlap=options.overlap,
            entry_layout=options.entry_layout,
        )
        build_s = time.perf_counter() - start
        start = time.perf_counter()
        kb = KnowledgeBase.open(Path(tmp) / "kb", encoder=encoder.inner)
        open_s = time.perf_counter() - start
        ranker = ChatDoctorRanker(rows)
        report = {
            "split": options.split,
            "seed": options.seed,
            "repeat": options.repeat,
            "cpus": os.cpu_count(),
            "kb": {
                "documents": built["documents"],
                "chunks": built["chunks"],
                "build_s": build_s,
                "open_s": open_s,
                "chunk_tokens": options.chunk_tokens,
                "overlap": options.overlap,
                "entry_layout": options.entry_layout,
            },
            "chatdoctor5k": counts,
            "queries": {g: sum(1 for q in mine if q.group == g) for g in GROUPS},
            "quality": quality(kb, ranker, rows, mine, modes),
            "latency": latency(kb, ranker, mine, modes, options),
        }
    two = report["quality"]["sym2"]
    report["targets"] = {
        "hybrid_recall@5_minus_chatdoctor_sym2": two["hybrid"]["recall@5"] - two["chatdoctor"]["recall@5"],
        "hybrid_recall@5_target_met": two["hybrid"]["recall@5"] - two["chatdoctor"]["recall@5"] >= 0.20,
        "hybrid_p50_ms": report["latency"]["hybrid"]["p50_ms"],
        "hybrid_p50_target_met": report["latency"]["hybrid"]["p50_ms"] < 20,
    }
    if not options.no_gate:
        report["gate"] = gate(entries, queries, split, encoder, options)
    return report


def tune(options: Any) -> dict[str, Any]:
    """Dev-split sweeps, one setting at a time around the defaults: entry layout and chunk length, BM25
    k1 and b, the fusion's k and dense weight (the fusion from the same BM25 and dense lists, depth 100)."""
    from medllm.knowledge import KnowledgeBase, build_kb
    from medllm.knowledge.kb import FUSION_DEPTH, rrf

    _, rows, queries, split, _ = load(options.seed)
    dev = [q for q in queries if split[q.target] == "dev"]
    encoder = CachingEncoder(Path(options.embed_cache) if options.embed_cache else None)

    def summary(kb: Any, modes: Sequence[str]) -> dict[str, float]:
        q = quality(kb, None, rows, dev, modes)
        return {f"{m} {k}": float(np.mean([q[g][m][k] for g in GROUPS])) for m in modes for k in ("recall@5", "mrr")}

    def built(folder: Path, **settings: Any) -> Any:
        settings = {"chunk_tokens": options.chunk_tokens, "overlap": options.overlap, **settings}
        build_kb(["chatdoctor-kb"], folder, encoder=encoder, **settings)
        encoder.save()
        return KnowledgeBase.open(folder, encoder=encoder)

    out: dict[str, Any] = {"split": "dev", "chunking": [], "bm25": [], "fusion": []}
    with tempfile.TemporaryDirectory() as tmp:
        for layout, chunk_tokens, overlap in (
            ("single", options.chunk_tokens, options.overlap),
            ("split", 64, 16),
            ("split", 128, 0),
            ("split", 128, 32),
            ("split", 192, 32),
            ("split", 256, 32),
        ):
            kb = built(
                Path(tmp) / f"kb-{layout}-{chunk_tokens}-{overlap}",
                chunk_tokens=chunk_tokens,
                overlap=overlap,
                entry_layout=layout,
            )
            row = {"entry_layout": layout, "chunk_tokens": chunk_tokens, "overlap": overlap, "chunks": len(kb)}
            out["chunking"].append({**row, **summary(kb, ("bm25", "dense", "hybrid"))})
        for k1 in (0.9, 1.2, 1.5):
            for b in (0.4, 0.75, 1.0):
                kb = built(Path(tmp) / f"bm25-{k1}-{b}", bm25_params={"k1": k1, "b": b})
                out["bm25"].append({"k1": k1, "b": b, **summary(kb, ("bm25",))})
        kb = built(Path(tmp) / "fusion")
        index = {c.id: i for i, c in enumerate(kb.chunks)}
        texts = [q.text for q in dev]
        lists = {
            mode: [[(index[h.id], h.score) for h in hits] for hits in kb.search_many(texts, k=FUSION_DEPTH, mode=mode)]
            for mode in ("bm25", "dense")
        }
        for rrf_k in (5, 10, 20, 60):
            for weight in (1.0, 0.5, 0.3, 0.2, 0.1):
                fused = [
                    rrf([lex, dense], CHUNK_DEPTH, rrf_k, [1.0, weight])
                    for lex, dense in zip(lists["bm25"], lists["dense"], strict=True)
                ]
                ranked = [list(dict.fromkeys(kb.chunks[i].doc_id for i, _ in f)) for f in fused]
                per_group = {
                    g: metrics(
                        [r for r, q in zip(ranked, dev, strict=True) if q.group == g],
                        [q.target for q in dev if q.group == g],
                    )
                    for g in GROUPS
                }
                out["fusion"].append(
                    {"rrf_k": rrf_k, "dense_weight": weight}
                    | {f"hybrid {k}": float(np.mean([per_group[g][k] for g in GROUPS])) for k in ("recall@5", "mrr")}
                )
    return out


# --- output ------------------------------------------------------------------------------------------


def _table(report: dict[str, Any]) -> str:
    kb = report["kb"]
    lines = [
        f"Split: {report['split']} (seed {report['seed']}); knowledge base: {kb['documents']} diseases, "
        f"{kb['chunks']} chunks ({kb['entry_layout']} entries, {kb['chunk_tokens']} word pieces, "
        f"overlap {kb['overlap']}); "
        f"build {kb['build_s']:.1f} s, open {kb['open_s'] * 1000:.0f} ms, {report['cpus']} CPUs",
        "",
        "| queries | n | method | R@1 | R@5 | R@10 | MRR |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for group, methods in report["quality"].items():
        for method, m in methods.items():
            figures = " | ".join(f"{m[key]:.3f}" for key in ("recall@1", "recall@5", "recall@10", "mrr"))
            lines.append(f"| {group} | {m['n']} | {method} | {figures} |")
    lines += ["", "| method | p50 ms | p95 ms | queries |", "|---|---:|---:|---:|"]
    for method, t in report["latency"].items():
        if isinstance(t, dict):
            lines.append(f"| {method} | {t['p50_ms']:.2f} | {t['p95_ms']:.2f} | {t['n']} |")
    lines.append(
        f"(fastest of {report['repeat']} per query; 1-minute load average {report['latency']['load_average_1min']})"
    )
    t = report["targets"]
    lines += [
        "",
        f"target: hybrid R@5 - ChatDoctor R@5 on sym2 = {t['hybrid_recall@5_minus_chatdoctor_sym2'] * 100:+.1f} points "
        f"(>= +20: {'met' if t['hybrid_recall@5_target_met'] else 'NOT met'}); hybrid p50 {t['hybrid_p50_ms']:.1f} ms "
        f"(< 20: {'met' if t['hybrid_p50_target_met'] else 'NOT met'})",
    ]
    if "gate" in report:
        g = report["gate"]
        lines += [
            "",
            f"Relevance gate ({g['held_out_diseases']} diseases held out; sizes {g['sizes']})",
            "| score | dev AUC | threshold | test precision | test recall | test AUC | rejects held-out "
            "| rejects general |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for kind in ("cosine", "bm25_norm"):
            for label, f in (("dev-chosen", g[kind]["test_at_dev_threshold"]), ("default", g[kind]["test_at_default"])):
                keys = (
                    "threshold",
                    "precision",
                    "recall",
                    "auc",
                    "rejects_held_out_diseases",
                    "rejects_general_questions",
                )
                figures = " | ".join(f"{f[key]:.3f}" for key in keys)
                lines.append(f"| {kind} ({label}) | {g[kind]['dev_auc']:.3f} | {figures} |")
    return "\n".join(lines)


def _tune_table(report: dict[str, Any]) -> str:
    lines = ["Tuning on the dev split (means over sym2, sym3, sym5, chatdoctor5k)"]
    for _section, rows in report.items():
        if not isinstance(rows, list) or not rows:
            continue
        keys = list(rows[0])
        lines += ["", "| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
        lines += [
            "| " + " | ".join(f"{r[k]:.3f}" if isinstance(r[k], float) else str(r[k]) for k in keys) + " |"
            for r in rows
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from medllm.knowledge import DEFAULT_CHUNK_TOKENS, DEFAULT_OVERLAP

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="test", help="the queries to report on")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk-tokens", type=int, default=DEFAULT_CHUNK_TOKENS)
    parser.add_argument("--overlap", type=int, default=DEFAULT_OVERLAP)
    parser.add_argument("--entry-layout", choices=["split", "single"], default="split")
    parser.add_argument("--latency-sample", type=int, default=400, help="queries timed one by one")
    parser.add_argument("--repeat", type=int, default=3, help="timings per query; the fastest is kept")
    parser.add_argument(
        "--gate-sample", type=int, default=600, help="indexed and held-out queries per split for the gate"
    )
    parser.add_argument("--no-gate", action="store_true", help="skip the relevance gate's evaluation")
    parser.add_argument("--tune", action="store_true", help="run the dev-split sweeps instead")
    parser.add_argument("--embed-cache", help="with --tune: keep chunk embeddings in this .npz between runs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    options = parser.parse_args(argv)
    report = tune(options) if options.tune else run(options)
    if options.json:
        print(json.dumps(report, indent=2))
    else:
        print(_tune_table(report) if options.tune else _table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
