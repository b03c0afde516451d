"""Run the whole de-identification evaluation for one split and summarise it per language.

Sets (sizes are arguments; the defaults are what ``medllm data deid-eval`` runs):

==================  ========  ==================================================================
set                 language  what it measures
==================  ========  ==================================================================
``en-presidio``     en        recall on presidio-evaluator's generated sentences
``en-messages``     en        recall on patient messages; survival of BC5CDR/NCBI terms in them
``en-bc5cdr``       en        survival of annotated chemicals and diseases in PubMed sentences
``en-ncbi``         en        survival of annotated diseases in PubMed sentences
``zh-messages``     zh        recall on Chinese messages and notes; survival of Chinese terms
``blind-en``        en        the ``blind`` split only: rows of ``data/blind_*.jsonl`` (:mod:`.blind`)
``blind-zh``        zh        the same, Chinese rows
``studied-en/zh``   en, zh    the ``studied`` split: blind batches already scored and studied (``data/studied/``)
==================  ========  ==================================================================

Splits: ``dev`` (what the rules were tuned on), ``heldout`` (generated with other seeds, locales
and templates; measured and studied once, so development data too from then on) and ``blind``
(texts an independent author wrote without seeing the rules or their misses) and ``studied`` (blind
batches after their first-sight score was recorded and their misses were read: independent text, but
development data from then on).

The summary adds up each class over a language's sets; the targets are at least 0.95 recall for
every class in each language and at least 0.97 survival of medical terms (drug, disease, test,
anatomy) that are not in the word lists.
"""

from __future__ import annotations

import hashlib
import math
import subprocess
from pathlib import Path
from typing import Any

from medllm.deid.evaluation.score import MIN_RECALL, MIN_TERM_SURVIVAL, TERM_KINDS, SetReport, score

SEEDS = {"dev": 13, "heldout": 29}
SPLITS = ("dev", "heldout", "blind", "studied")
DEFAULT_SIZES = {"presidio": 600, "messages": 600, "sentences": 400, "zh": 600}
_PACKAGE = Path(__file__).resolve().parents[1]


def source_hash(package: Path = _PACKAGE) -> str:
    """A hash of medllm.deid's source files (the evaluation excluded): the de-identification code's identity.

    The evaluation folder (its code, its recorded figures and the blind data) is left out so that
    adding test texts or recording a run does not make a build's code look different."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*.py") if "evaluation" not in p.relative_to(package).parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def code_version() -> dict[str, str | None]:
    """The version the figures belong to: medllm's version, the git commit, and :func:`source_hash`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        medllm = version("medllm")
    except PackageNotFoundError:
        medllm = None
    try:
        git = ["git", "rev-parse", "--short=12", "HEAD"]
        commit = subprocess.run(
            git, cwd=_PACKAGE, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"medllm": medllm, "git_commit": commit, "deid_source_sha256": source_hash()}


def evaluate_split(deidentifier, split: str, sizes: dict[str, int] | None = None) -> dict[str, Any]:
    """Every set of ``split`` scored with ``deidentifier``, and the per-language summary."""
    from medllm.deid.evaluation import chinese, english, terms

    if split not in SPLITS:
        raise ValueError(f"split {split!r}: choose one of {', '.join(SPLITS)}")
    if split == "blind":
        return evaluate_blind(deidentifier)
    if split == "studied":
        from medllm.deid.evaluation import blind

        return evaluate_blind(deidentifier, blind.STUDIED_DIR, split="studied")
    sizes = {**DEFAULT_SIZES, **(sizes or {})}
    seed = SEEDS[split]
    reports: list[SetReport] = []
    if sizes["presidio"]:
        samples = english.presidio_sentences(sizes["presidio"], split, seed)
        reports.append(score(deidentifier, samples, "en-presidio", split, english.PRESIDIO_SOURCE, terms.listed))
    if sizes["messages"]:
        samples = english.patient_messages(sizes["messages"], split, seed)
        reports.append(score(deidentifier, samples, "en-messages", split, english.MESSAGES_SOURCE, terms.listed))
    if sizes["sentences"]:
        for dataset, name in (("bc5cdr", "en-bc5cdr"), ("ncbi-disease", "en-ncbi")):
            samples = list(terms.english_sentences(dataset, split)[: sizes["sentences"]])
            reports.append(score(deidentifier, samples, name, split, f"{dataset} (registry)", terms.listed))
    if sizes["zh"]:
        samples = chinese.chinese_messages(sizes["zh"], split, seed)
        reports.append(score(deidentifier, samples, "zh-messages", split, chinese.SOURCE))
    return _result(split, seed, sizes, reports)


def evaluate_blind(deidentifier, folder: Path | None = None, split: str = "blind") -> dict[str, Any]:
    """The ``blind`` split: every ``blind_*.jsonl`` in ``folder`` (the package's ``data/`` by default),
    scored per language like the other splits; rows or values that could not be read are listed
    under ``load_problems`` (and printed by :func:`markdown`)."""
    from medllm.deid.evaluation import blind, terms

    paths = blind.blind_files(folder or blind.DATA_DIR)
    if not paths:
        raise FileNotFoundError(
            f"no {blind.PATTERN} in {folder or blind.DATA_DIR}"
            + ("; batches already studied are read by --split studied" if split == "blind" else "")
        )
    samples, problems = blind.load_blind(paths)
    source = ", ".join(p.name for p in paths)
    reports = []
    for language in blind.LANGUAGES:
        chosen = [s for s in samples if s.language == language]
        if chosen:
            listed = terms.listed if language == "en" else None
            reports.append(score(deidentifier, chosen, f"{split}-{language}", split, source, listed))
    sizes = {f"{split}-{language}": sum(s.language == language for s in samples) for language in blind.LANGUAGES}
    result = _result(split, None, sizes, reports)
    result["files"] = [p.name for p in paths]
    result["load_problems"] = problems
    return result


def _result(split: str, seed: int | None, sizes: dict[str, int], reports: list[SetReport]) -> dict[str, Any]:
    summary = summarise(reports)
    failures = [
        f"{language}: {kind} recall {row['recall']:.1%}"
        for language, info in summary.items()
        for kind, row in info["recall"].items()
        if row["recall"] is not None and row["recall"] < MIN_RECALL
    ] + [
        f"{language}: {kind} survival of unlisted terms {row['unlisted_survival']:.1%}"
        for language, info in summary.items()
        for kind, row in info["terms"].items()
        if row["unlisted_survival"] is not None and row["unlisted_survival"] < MIN_TERM_SURVIVAL
    ]
    return {
        "split": split,
        "seed": seed,
        "sizes": sizes,
        "code_version": code_version(),
        "targets": {"recall": MIN_RECALL, "unlisted_term_survival": MIN_TERM_SURVIVAL},
        "summary": summary,
        "passes": not failures,
        "failures": failures,
        "sets": [r.to_json() for r in reports],
    }


def summarise(reports: list[SetReport]) -> dict[str, Any]:
    """Per language: recall per class and term survival per kind, added up over that language's sets."""
    out: dict[str, Any] = {}
    for report in reports:
        info = out.setdefault(report.language, {"recall": {}, "terms": {}, "spurious": 0, "samples": 0})
        info["samples"] += report.samples
        info["spurious"] += sum(report.spurious.values())
        for c in report.classes.values():
            row = info["recall"].setdefault(c.kind, {"planted": 0, "removed": 0})
            row["planted"] += c.planted
            row["removed"] += c.removed
        for k in report.keep.values():
            row = info["terms"].setdefault(k.kind, {"total": 0, "survived": 0, "unlisted": 0, "unlisted_survived": 0})
            row["total"] += k.total
            row["survived"] += k.survived
            row["unlisted"] += k.unlisted
            row["unlisted_survived"] += k.unlisted_survived
    for info in out.values():
        info["recall"] = dict(sorted(info["recall"].items()))
        for row in info["recall"].values():
            row["recall"] = round(row["removed"] / row["planted"], 4) if row["planted"] else None
        info["terms"] = dict(sorted(info["terms"].items()))
        for kind, row in info["terms"].items():
            row["survival"] = round(row["survived"] / row["total"], 4) if row["total"] else None
            gated = kind in TERM_KINDS and row["unlisted"]
            row["unlisted_survival"] = round(row["unlisted_survived"] / row["unlisted"], 4) if gated else None
    return out


def markdown(result: dict[str, Any]) -> list[str]:
    """The summary as Markdown lines: one recall table and one survival table per language."""
    version = result["code_version"]
    origin = f"seed {result['seed']}" if result.get("seed") is not None else ", ".join(result.get("files", []))
    lines = [
        f"De-identification evaluation, {result['split']} split ({origin}), measured on medllm "
        f"{version['medllm']} commit {version['git_commit']} (medllm.deid source {version['deid_source_sha256']}).",
        "",
    ]
    problems = result.get("load_problems") or []
    if problems:
        lines += [f"{len(problems)} rows or values skipped:", *(f"- {p}" for p in problems), ""]
    for language, info in result["summary"].items():
        lines += [
            f"**{language}** ({info['samples']} texts, {info['spurious']} replacements outside planted identifiers)",
            "",
            "| class | planted | removed | recall |",
            "|---|---:|---:|---:|",
        ]
        for kind, row in info["recall"].items():
            lines.append(f"| {kind} | {row['planted']} | {row['removed']} | {_pct(row['recall'])} |")
        lines += ["", "| must stay | total | survived | survival | not in word lists | their survival |",
                  "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for kind, row in info["terms"].items():
            lines.append(
                f"| {kind} | {row['total']} | {row['survived']} | {_pct(row['survival'])} | {row['unlisted']} | "
                f"{_pct(row['unlisted_survival'])} |"
            )
        lines.append("")
    return lines


def _pct(x: float | None) -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.1%}"
