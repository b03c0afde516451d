"""A reproducible corpus of medical instructions with planted near-duplicates, for ROUGE-L filter tests and benchmarks.

Real instruction-like texts from the registry (AlpaCare's seeds and MedInstruct test set, MedMCQA
questions, ChatDoctor and iCliniq patient questions, each cut to ``max_words``), followed by variants
of them with random word deletions, substitutions and swaps at rates spread between 5% and 60%, so
their ROUGE-L against the original falls on both sides of 0.7. Needs the registry datasets (the
mirror named by ``MEDLLM_DATA_MIRROR``, or the cache).
"""

from __future__ import annotations

import random

from medllm.records.types import Conversation, MCQItem

_SOURCES = ("alpacare-seed", "medinstruct-test", "medmcqa-dev", "chatdoctor-5k", "alpacare-ref-icliniq-gpt-4")


def real_instructions(max_words: int = 40) -> list[str]:
    """Instruction-like texts from the registry datasets, in a fixed order, duplicates removed."""
    from medllm.datasets import iter_records
    from medllm.io import IssueLog

    texts: dict[str, None] = {}
    for name in _SOURCES:
        for record in iter_records(name, on_issue=IssueLog(), progress=False):
            if isinstance(record, MCQItem):
                text = record.question
            elif isinstance(record, Conversation):
                # Alpaca-style rows join a fixed instruction and the patient's text: keep the last part.
                text = [m.content for m in record.messages if m.role == "user"][-1].split("\n\n")[-1]
            else:
                continue
            words = text.split()[:max_words]
            if words:
                texts[" ".join(words)] = None
    return list(texts)


def instruction_corpus(n: int, *, seed: int = 0, max_words: int = 40) -> list[str]:
    """``n`` texts: real instructions first (up to ``n``), then perturbed copies, all shuffled by ``seed``."""
    rng = random.Random(seed)
    real = real_instructions(max_words)
    vocabulary = sorted({w for text in real[:2000] for w in text.split()})
    texts = real[:n]
    while len(texts) < n:
        words = rng.choice(real).split()
        rate = rng.uniform(0.05, 0.6)
        edited: list[str] = []
        for word in words:
            roll = rng.random()
            if roll < rate / 3:
                continue  # delete
            if roll < 2 * rate / 3:
                edited.append(rng.choice(vocabulary))  # substitute
            elif roll < rate and edited:
                edited.insert(len(edited) - 1, word)  # swap with the previous word
            else:
                edited.append(word)
        texts.append(" ".join(edited) or rng.choice(vocabulary))
    rng.shuffle(texts)
    return texts
