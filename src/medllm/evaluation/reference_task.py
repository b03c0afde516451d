"""Similarity to a reference answer: ChatDoctor's iCliniq protocol, with ROUGE-L, BLEU and embedding cosine.

ChatDoctor (Li et al., 2023, "ChatDoctor: A Medical Chat Model Fine-Tuned on a Large Language Model
Meta-AI (LLaMA) Using Medical Domain Knowledge", Cureus 15(6): e40895, arXiv:2303.14070) put iCliniq
patients' questions to the model and compared its answers with the answers real physicians gave on
iCliniq, by BERTScore precision, recall and F1. This task keeps the protocol (the model answers the
question, its answer is scored against the reference, no judge) with three measures (see
:mod:`medllm.evaluation.similarity`):

- ``rouge_l``: ROUGE-L F1 in [0, 1] (words; CJK characters one by one), the headline: it needs no model
  and treats English and Chinese alike;
- ``bleu``: sacreBLEU sentence BLEU in [0, 100] (tokenizer ``13a``, ``zh`` for Chinese records), and
  ``corpus_bleu`` over the task;
- ``embedding_cosine``: cosine of sentence embeddings (default all-MiniLM-L6-v2, an English model that
  reads at most 256 word pieces; ``embedding_truncated`` and ``embedding_unknown_rate`` say how much of
  the text it could not see or did not know).

Similarity to one reference is a weak proxy for quality: a correct answer worded differently scores low,
and a fluent answer that copies the reference's wording while getting a dose wrong scores high. N-gram
overlap of long answers mostly measures style: on 200 iCliniq items, gpt-4's answer to a *different*
question scores ROUGE-L 0.12 and BLEU 1.9 against the reference, more than SmolLM2-135M's answers to the
right question (0.10 and 1.1 on 8 items); only the embedding cosine tells them apart (0.17 against 0.58).
Read these numbers next to a judged task (``pairwise``, ``rubric``), not instead of one.

The reference is the record's last assistant turn (``reference_from: last_turn``), or a text field of
its metadata (``reference_from: metadata.reference_answer`` for DISC-MedLLM's CMD sample), in which
case the model answers the whole conversation.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Literal

from pydantic import Field

from medllm.evaluation.context import RunContext, chat
from medllm.evaluation.similarity import (
    BleuTokenizer,
    bleu_signature,
    bleu_tokenizer,
    corpus_bleu,
    embedding_model_name,
    embedding_similarity,
    rouge_l_f1,
    sentence_bleu,
)
from medllm.evaluation.tasks import TaskBase, load_conversations
from medllm.io.issues import IssueLog
from medllm.records import Conversation

ROLES: tuple[str, ...] = ()
REPORTED = ("rouge_l", "bleu", "corpus_bleu", "embedding_cosine")

#: per-item scores whose mean and standard error the task reports.
ITEM_SCORES = ("rouge_l", "bleu", "embedding_cosine")


class Spec(TaskBase):
    """A reference-similarity task.

    Attributes:
        reference_from: ``last_turn`` (the conversation's last assistant turn is the reference; the model
            answers the turns before it) or ``metadata.KEY`` (the reference is ``metadata[KEY]``; the
            model answers the whole conversation, which must end with a user turn).
        bleu_tokenize: ``auto`` (``zh`` for records in Chinese, else ``13a``; a record without a language
            is judged by its reference text), or ``13a`` / ``zh`` for every item.
        embedding_model: a sentence-transformers folder (absolute, or relative to the working directory) or
            hub id (which needs a network) instead of the packaged all-MiniLM-L6-v2; use a multilingual
            model for non-English tasks.
    """

    type: Literal["reference"]
    reference_from: str = Field("last_turn", pattern=r"^(last_turn|metadata\.[A-Za-z0-9_]+)$")
    bleu_tokenize: Literal["auto", "13a", "zh"] = "auto"
    embedding_model: str | None = None


def load(spec: Spec, split: str | None) -> tuple[list[Conversation], IssueLog]:
    """The conversations with a usable reference and a user turn to answer (others are counted as bad rows)."""
    from medllm.evaluation.runner import unique_ids

    issues = IssueLog()
    items = []
    for record in load_conversations(spec, split, issues):
        problem = _unusable(spec, record)
        if problem:
            issues.counts[problem] += 1
        else:
            items.append(record)
    return unique_ids(items), issues


def prompt_and_reference(spec: Spec, item: Conversation) -> tuple[list[dict[str, str]], str]:
    """What the model is asked (OpenAI-style messages) and the answer it is compared with."""
    messages = [m.model_dump(include={"role", "content"}) for m in item.messages]
    if spec.reference_from == "last_turn":
        return messages[:-1], item.messages[-1].content
    return messages, item.metadata[_metadata_key(spec)]


def run(context: RunContext, spec: Spec, items: list[Conversation]) -> list[dict[str, Any]]:
    """Answer each question greedily, then score the answer against its reference three ways."""
    pairs = [prompt_and_reference(spec, item) for item in items]
    outputs = chat(context.model, [prompt for prompt, _ in pairs], spec.max_new_tokens)
    references = [reference for _, reference in pairs]
    embedded = embedding_similarity(outputs, references, spec.embedding_model)
    entries = []
    for index, (item, output, reference) in enumerate(zip(items, outputs, references, strict=True)):
        tokenize = _tokenizer_for(spec, item, reference)
        entries.append(
            {
                "id": item.id,
                "language": item.language,
                "prompt": pairs[index][0],
                "output": output,
                "reference": reference,
                "rouge_l": rouge_l_f1(output, reference),
                "bleu": sentence_bleu(output, reference, tokenize),
                "bleu_tokenize": tokenize,
                "embedding_cosine": embedded.cosine[index],
                "embedding_truncated": embedded.truncated[index],
                "embedding_unknown_rate": embedded.unknown_rate[index],
            }
        )
    return entries


def metrics(spec: Spec, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Means (with standard errors over items) of the per-item scores, corpus BLEU, and the measures' limits."""
    out: dict[str, Any] = {
        "n": len(entries),
        "reference": spec.dataset or (spec.path.name if spec.path else None),
        "reference_from": spec.reference_from,
    }
    for key in ITEM_SCORES:
        out[key], out[f"{key}_stderr"] = mean_and_stderr([e[key] for e in entries])
    out.update(_corpus_bleu(entries))
    out["embedding_model"] = embedding_model_name(spec.embedding_model)
    out["embedding_truncated"] = sum(e["embedding_truncated"] for e in entries)
    out["embedding_unknown_rate"] = mean_and_stderr([e["embedding_unknown_rate"] for e in entries])[0]
    out["empty_outputs"] = sum(not e["output"].strip() for e in entries)
    return out


def mean_and_stderr(values: list[float]) -> tuple[float, float]:
    """The mean and its standard error (sample standard deviation over sqrt(n)); NaN where undefined."""
    n = len(values)
    if n == 0:
        return float("nan"), float("nan")
    mean = sum(values) / n
    if n == 1:
        return mean, float("nan")
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(variance / n)


def _corpus_bleu(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Corpus BLEU per tokenizer; ``corpus_bleu`` is NaN when a task mixes tokenizers (their counts do not pool)."""
    groups: dict[BleuTokenizer, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        groups[entry["bleu_tokenize"]].append(entry)
    by_tokenizer = {
        tokenize: corpus_bleu([e["output"] for e in group], [e["reference"] for e in group], tokenize)
        for tokenize, group in sorted(groups.items())
    }
    out: dict[str, Any] = {
        "corpus_bleu": next(iter(by_tokenizer.values())) if len(by_tokenizer) == 1 else float("nan"),
        "bleu_signature": {tokenize: bleu_signature(tokenize) for tokenize in by_tokenizer},
    }
    if len(by_tokenizer) > 1:
        out["corpus_bleu_by_tokenizer"] = by_tokenizer
    return out


def _tokenizer_for(spec: Spec, item: Conversation, reference: str) -> BleuTokenizer:
    if spec.bleu_tokenize != "auto":
        return spec.bleu_tokenize
    return bleu_tokenizer(item.language, reference)


def _metadata_key(spec: Spec) -> str:
    return spec.reference_from.removeprefix("metadata.")


def _unusable(spec: Spec, record: Conversation) -> str | None:
    """Why a record cannot be scored, as a bad-row reason; None when it can."""
    roles = [m.role for m in record.messages]
    if spec.reference_from == "last_turn":
        if len(roles) >= 2 and roles[-1] == "assistant" and roles[-2] == "user":
            return None
        return "no reference answer after a user turn"
    if roles[-1] != "user":
        return "conversation does not end with a user turn"
    reference = record.metadata.get(_metadata_key(spec))
    if not isinstance(reference, str) or not reference.strip():
        return f"no reference answer in {spec.reference_from}"
    return None
