"""``medllm eval``: run tasks on a model, write per-sample logs, ``summary.json`` and a report.

Samples are written as they are scored (``samples_<task>.jsonl``); a rerun into the same folder skips
every sample already logged with the same settings, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from medllm.evaluation.context import RunContext
from medllm.evaluation.entities import entity_messages, entity_metrics, score_entities
from medllm.evaluation.mcq import (
    FewShot,
    baselines,
    build_prompt,
    generative_messages,
    loglikelihood_requests,
    score_generation,
    score_loglikelihood,
)
from medllm.evaluation.tasks import KIND_MODULES, TaskSpec, kind_module, load_task_records
from medllm.io.issues import DataError, IssueLog
from medllm.models.base import model_key
from medllm.records import EntitySentence, MCQItem

#: items scored per model call: large enough for the backend to batch, small enough to log progress.
CHUNK = 32


def evaluate(
    model: Any,
    tasks: list[Any],
    out: Path,
    *,
    judge: Any | None = None,
    patient: Any | None = None,
    limit: int | None = None,
    num_fewshot: int | None = None,
    mode: str | None = None,
    chat_template: bool | None = None,
    chain_of_thought: bool | None = None,
    seed: int = 0,
    on_progress: Callable[[str, int, int], None] = lambda task, done, total: None,
) -> dict[str, Any]:
    """Evaluate ``model`` (a :class:`medllm.models.ChatModel`) on ``tasks``; returns the summary.

    Args:
        judge: the model grading free-form answers (judged, rubric and consultation tasks).
        patient: the model playing the patient in consultations (default: the judge).
        limit: a seeded sample of N items of each task (see :func:`sample_items`).
        num_fewshot: overrides each task's ``num_fewshot``.
        mode: ``loglikelihood`` or ``generate``, overriding each task's.
        chat_template: wrap log-likelihood prompts in the model's chat template (default: no, as
            lm-eval; generative answers always use it).
        chain_of_thought: ask generative multiple-choice answers to reason first, overriding each task's.
        on_progress: called with (task, items done, items in task).
    """
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {}
    context = RunContext(model=model, judge=judge, patient=patient, seed=seed)
    for task in tasks:  # fail before any work when a task lacks the judge or patient it needs
        if task.type in KIND_MODULES:
            for role in kind_roles(task):
                context.role(role, task.name)
    for task in tasks:
        if task.type in KIND_MODULES:
            if mode and "mode" in type(task).model_fields:  # kinds that can score either way (bias probes)
                task = task.model_copy(update={"mode": mode})
            results[task.name] = _run_kind(context, task, out, limit, seed, on_progress)
            continue
        task_mode = mode or task.mode
        shots = num_fewshot if num_fewshot is not None else task.num_fewshot
        settings = {"mode": task_mode, "num_fewshot": shots, "chat_template": bool(chat_template), "seed": seed}
        if chain_of_thought is not None:
            task = task.model_copy(update={"chain_of_thought": chain_of_thought})
        if task_mode == "generate" and task.type == "multiple_choice":
            settings["chain_of_thought"] = task.chain_of_thought
        if task.type == "entities":
            task_mode, shots = "generate", 0
            settings.update(mode=task_mode, num_fewshot=shots)
        items, issues = load_items(task, task.split)
        if task_mode == "loglikelihood" and task.type == "multiple_choice":
            # The most likely single option says nothing about a set of correct options (多项选择题).
            multi = sum(len(item.answer) > 1 for item in items)
            if multi:
                issues.counts["multi-answer item (scored in generate mode only)"] += multi
                items = [item for item in items if len(item.answer) == 1]
        # Examples come from the whole split (never the item itself), not from the --limit sample, so an
        # item's prompt is the same whatever the limit.
        pool = load_items(task, task.fewshot_split)[0] if shots and task.fewshot_split else items
        items = sample_items(items, limit, seed=f"{seed}:{task.name}")
        fewshot = FewShot(task, pool, seed)
        log = _SampleLog(out / f"samples_{task.name}.jsonl", model_key(model), task, settings)
        todo = [item for item in items if item.id not in log.done]
        on_progress(task.name, len(items) - len(todo), len(items))
        for chunk in _chunks(todo, CHUNK):
            if task.type == "entities":
                entries = _extract_entities(model, task, chunk)
            elif task_mode == "generate":
                entries = _generate(model, task, chunk, fewshot, shots)
            else:
                entries = _loglikelihood(model, task, chunk, fewshot, shots, bool(chat_template))
            log.write(entries)
            on_progress(task.name, len(log.done), len(items))
        wanted = {item.id for item in items}
        entries = [e for e in log.read() if e["id"] in wanted]
        scores = entity_metrics(entries) if task.type == "entities" else metrics(entries, task_mode)
        if task.type == "multiple_choice":
            scores.update(baselines(items))
            subjects = by_subject(items, entries, task_mode)
            if subjects:
                scores["by_subject"] = subjects
        results[task.name] = {**scores, **settings, **_skipped_rows(out, task.name, issues)}
    summary = {
        "model": model.name,
        "dtype": getattr(model, "dtype", None),
        "tasks": results,
        "limit": limit,
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def _run_kind(
    context: RunContext,
    task: Any,
    out: Path,
    limit: int | None,
    seed: int,
    on_progress: Callable[[str, int, int], None],
) -> dict[str, Any]:
    """One task of a type in :data:`KIND_MODULES`: load, sample, run in logged chunks, score."""
    kind = kind_module(task.type)
    roles = kind_roles(task)
    settings = {"mode": task.type, "seed": seed, **context.names(roles)}
    items, issues = kind.load(task, task.split)
    items = sample_items(items, limit, seed=f"{seed}:{task.name}")
    log = _SampleLog(out / f"samples_{task.name}.jsonl", model_key(context.model), task, settings)
    todo = [item for item in items if _item_id(item) not in log.done]
    on_progress(task.name, len(items) - len(todo), len(items))
    for chunk in _chunks(todo, getattr(kind, "CHUNK", CHUNK)):
        log.write(kind.run(context, task, chunk))
        on_progress(task.name, len(log.done), len(items))
    wanted = {_item_id(item) for item in items}
    entries = [e for e in log.read() if e["id"] in wanted]
    scores = kind.metrics(task, entries)
    reported = list(getattr(kind, "REPORTED", ()))
    return {**scores, **settings, "reported": reported, **_skipped_rows(out, task.name, issues)}


def _skipped_rows(out: Path, task: str, issues: IssueLog) -> dict[str, Any]:
    """Summary fields for the rows a task did not score, every bad one written to ``rejects_<task>.jsonl``.

    ``bad_rows`` counts rows by reason, including rows left out on purpose (a multi-answer item in
    log-likelihood mode, a record that is not a case); the rejects file holds each unreadable row (the first
    1,000) with its file, line, field and raw text, so no bad row goes unseen.
    """
    rejects = out / f"rejects_{task}.jsonl"
    rejects.unlink(missing_ok=True)  # loading is deterministic: a rerun's list replaces the last one's
    fields: dict[str, Any] = {"bad_rows": dict(issues.counts)}
    if issues.issues:
        with open(rejects, "w", encoding="utf-8") as handle:
            for issue in issues.issues:
                handle.write(json.dumps(issue.to_json(), ensure_ascii=False) + "\n")
        fields["rejects"] = rejects.name
        fields["first_bad_row"] = str(issues.issues[0])
    return fields


def kind_roles(task: Any) -> tuple[str, ...]:
    """The extra models a task needs: its module's ``roles(spec)`` when the need depends on settings, else ``ROLES``."""
    kind = kind_module(task.type)
    return tuple(kind.roles(task)) if hasattr(kind, "roles") else tuple(getattr(kind, "ROLES", ()))


def _item_id(item: Any) -> str:
    return item["id"] if isinstance(item, dict) else item.id


def sample_items(items: list[Any], limit: int | None, *, seed: str) -> list[Any]:
    """A seeded sample of ``limit`` items, in file order (the same sample on every run).

    Not the first ``limit``: benchmark files are often sorted (PubMedQA's test set lists every "yes"
    first), so a prefix would not be representative.
    """
    if not limit or limit >= len(items):
        return items
    chosen = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in chosen]


def load_items(task: TaskSpec, split: str | None) -> tuple[list[Any], IssueLog]:
    """The task's items (bad rows counted, not fatal); ids are made unique where a file repeats them."""
    issues = IssueLog()
    if task.type == "entities":
        items = load_task_records(task, split, issues, EntitySentence, "tagged sentences")
    else:
        items = load_task_records(task, split, issues, MCQItem, "multiple-choice items")
    return unique_ids(items), issues


def unique_ids(items: list[Any]) -> list[Any]:
    """Give every record an id, unique in the list: a repeated id gets ``#2``, ``#3``; a missing one its index."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        key = item.id or f"item-{index}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1 or item.id is None:
            item.id = f"{key}#{seen[key]}" if seen[key] > 1 else key
    return items


def _loglikelihood(
    model: Any, task: TaskSpec, items: list[MCQItem], fewshot: FewShot, shots: int, chat: bool
) -> list[dict[str, Any]]:
    prompts = [build_prompt(item, task, fewshot.examples(item, shots)) for item in items]
    if chat:
        prompts = [_chat_context(model, prompt) for prompt in prompts]
    requests = [loglikelihood_requests(item, task, prompt) for item, prompt in zip(items, prompts, strict=True)]
    if chat:
        requests = [[(context, option.lstrip()) for context, option in pairs] for pairs in requests]
    flat = [pair for pairs in requests for pair in pairs]
    scored = iter(model.loglikelihood(flat))
    entries = []
    for item, prompt, pairs in zip(items, prompts, requests, strict=True):
        results = [next(scored) for _ in pairs]
        entry = score_loglikelihood(item, task, prompt, results)
        for logged, (_, option) in zip(entry["continuations"], pairs, strict=True):
            logged["text"] = option
        entries.append(_with_subject(entry, item))
    return entries


def _with_subject(entry: dict[str, Any], item: MCQItem) -> dict[str, Any]:
    return {**entry, "subject": item.subject} if item.subject else entry


def _chat_context(model: Any, prompt: str) -> str:
    tokenizer = model.tokenizer
    if tokenizer is None or not getattr(tokenizer, "chat_template", None):
        raise DataError(f"{model.name} has no local chat template to wrap prompts in; use --no-chat-template")
    return tokenizer.apply_chat_template(
        [{"role": "user", "content": prompt}], add_generation_prompt=True, tokenize=False
    )


def _generate(model: Any, task: TaskSpec, items: list[MCQItem], fewshot: FewShot, shots: int) -> list[dict[str, Any]]:
    from medllm.models import GenerationConfig

    cot = task.chain_of_thought
    conversations = [
        generative_messages(item, task, fewshot.examples(item, shots), chain_of_thought=cot) for item in items
    ]
    outputs = model.chat(conversations, GenerationConfig(max_new_tokens=task.max_new_tokens, temperature=0.0))
    return [
        _with_subject(score_generation(item, c, o, chain_of_thought=cot), item)
        for item, c, o in zip(items, conversations, outputs, strict=True)
    ]


def _extract_entities(model: Any, task: TaskSpec, sentences: list[EntitySentence]) -> list[dict[str, Any]]:
    from medllm.models import GenerationConfig

    assert task.entity_type is not None and task.entity_label is not None
    conversations = [entity_messages(sentence, task.entity_label) for sentence in sentences]
    outputs = model.chat(conversations, GenerationConfig(max_new_tokens=task.max_new_tokens, temperature=0.0))
    entries = []
    for sentence, messages, output in zip(sentences, conversations, outputs, strict=True):
        entries.append({**score_entities(sentence, task.entity_type, output), "prompt": messages})
    return entries


def metrics(entries: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    """Accuracy (and its standard error) over the logged samples; generation adds the parse rate."""
    n = len(entries)
    out: dict[str, Any] = {"n": n}
    keys = ["acc"] + (["acc_norm"] if mode == "loglikelihood" else [])
    for key in keys:
        p = sum(e[key] for e in entries) / n if n else float("nan")
        out[key] = p
        out[f"{key}_stderr"] = math.sqrt(p * (1 - p) / (n - 1)) if n > 1 else float("nan")
    if mode == "generate":
        out["unparseable"] = sum(not e["parsed"] for e in entries)
    return out


def by_subject(items: list[MCQItem], entries: list[dict[str, Any]], mode: str) -> dict[str, dict[str, Any]]:
    """Accuracy per subject (MMLU's anatomy, MedMCQA's subject names ...) where the items name two or more.

    The task's own ``acc`` stays the mean over all items (lm-eval's size-weighted group score); this is
    the breakdown papers report next to it. Subjects come from the items, so runs logged before samples
    carried a subject get the breakdown too.
    """
    subject_of = {item.id: item.subject for item in items if item.subject}
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        subject = subject_of.get(entry["id"])
        if subject:
            groups.setdefault(subject, []).append(entry)
    if len(groups) < 2:
        return {}
    return {subject: metrics(groups[subject], mode) for subject in sorted(groups)}


#: task options added after sample logs existed, with their defaults (see _SampleLog's key)
_LATER_OPTIONS: dict[str, Any] = {"fewshot_sampler": "random"}


class _SampleLog:
    """A task's per-sample JSONL; entries carry a settings key so a run with other settings starts afresh."""

    def __init__(self, path: Path, model: str, task: TaskSpec, settings: dict[str, Any]) -> None:
        # Options added since runs were first logged stay out of the key at their default, so those runs resume.
        unset = {name for name, default in _LATER_OPTIONS.items() if getattr(task, name, default) == default}
        if settings.get("num_fewshot") == 0:
            unset.add("fewshot_sampler")  # no examples: the sampler changes nothing
        task_fields = task.model_dump(mode="json", exclude=unset)
        blob = json.dumps({"model": model, "task": task_fields, **settings}, sort_keys=True)
        self.key = hashlib.sha256(blob.encode()).hexdigest()[:16]
        self.path = path
        if path.exists() and any(e.get("run_key") != self.key for e in self._lines()):
            path.unlink()
        if path.exists():
            _drop_partial_last_line(path)
        self.done = {e["id"] for e in self._lines()}

    def _lines(self) -> Iterator[dict[str, Any]]:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    yield json.loads(line)
                except ValueError:
                    continue  # a line cut short by an interrupted run: that sample is scored again

    def read(self) -> list[dict[str, Any]]:
        return list(self._lines())

    def write(self, entries: list[dict[str, Any]]) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            for entry in entries:
                handle.write(json.dumps({**entry, "run_key": self.key}, ensure_ascii=False) + "\n")
                self.done.add(entry["id"])


def _drop_partial_last_line(path: Path) -> None:
    """Cut a last line an interrupted write left without its newline, so appends start on a fresh line."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
