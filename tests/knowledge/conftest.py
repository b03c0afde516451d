"""Shared fixtures: a fast, deterministic stand-in for the MiniLM, and small source files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from pytest import MonkeyPatch

from medllm.knowledge.analyzer import analyze


class HashEncoder:
    """Bag of BM25 terms hashed into 64 signed dimensions, normalised; counts what it encodes.

    Texts sharing terms get a positive cosine, so dense search is meaningful on toy data, and the
    MiniLM's ~10 s load is paid by one test only.
    """

    name = "test/hash-encoder"
    dim = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in analyze(text):
                digest = hashlib.md5(term.encode()).digest()
                out[row, digest[0] % self.dim] += 1.0 if digest[1] % 2 else -1.0
            if not out[row].any():
                out[row, 0] = 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def encoder() -> HashEncoder:
    return HashEncoder()


@pytest.fixture
def default_is_hash(monkeypatch: MonkeyPatch) -> Iterator[HashEncoder]:
    """Make the hash encoder the default one (for the CLI, which cannot be handed an encoder)."""
    enc = HashEncoder()
    monkeypatch.setattr("medllm.knowledge.build.default_encoder", lambda: enc)
    monkeypatch.setattr("medllm.knowledge.kb.default_encoder", lambda: enc)
    yield enc


ENTRIES = [
    {
        "kind": "kb_entry",
        "id": "1",
        "source": "toy-kb",
        "name": "Migraine",
        "symptoms": ["Headache", "Nausea", "Sensitivity to light"],
        "tests": ["Neurological exam"],
        "medications": ["Sumatriptan"],
        "description": "Migraine is a primary headache disorder with recurrent attacks of throbbing pain.",
    },
    {
        "kind": "kb_entry",
        "id": "2",
        "source": "toy-kb",
        "name": "Asthma",
        "symptoms": ["Wheezing", "Shortness of breath", "Cough"],
        "tests": ["Spirometry"],
        "medications": ["Albuterol"],
        "description": "Asthma is a long-term inflammatory disease of the airways of the lungs.",
    },
    {
        "kind": "kb_entry",
        "id": "3",
        "source": "toy-kb",
        "name": "Gastritis",
        "symptoms": ["Stomach pain", "Vomiting", "Bloating"],
        "tests": ["Upper endoscopy"],
        "medications": ["Omeprazole"],
    },
]


def write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def entries_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "entries.jsonl", ENTRIES)


@pytest.fixture
def docs_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "sub").mkdir(parents=True)
    (folder / "flu.md").write_text(
        "# Influenza\n\nInfluenza causes fever, chills and muscle aches.\n", encoding="utf-8"
    )
    (folder / "sub" / "sprain_care.txt").write_text("Rest, ice, compression and elevation help an ankle sprain.\n")
    (folder / "zh.md").write_text("# 偏头痛\n\n偏头痛是一种常见的头痛，常伴有恶心和畏光。\n", encoding="utf-8")
    (folder / ".hidden.md").write_text("# Hidden\n\nnever indexed\n")
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder
