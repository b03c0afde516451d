"""Chunks are measured in MiniLM word pieces, cut between words, prefer sentence ends and overlap."""

from __future__ import annotations

import itertools

import pytest

from medllm.knowledge.chunking import ChunkSettings, count_tokens, split_text

TEXT = " ".join(f"Sentence {i} says that fever number {i} lasts {i} days." for i in range(60))


def test_short_text_is_one_chunk() -> None:
    assert split_text("  Fever and cough.  ", ChunkSettings(64, 16)) == ["Fever and cough."]
    assert split_text("   ", ChunkSettings(64, 16)) == []


def test_chunks_fit_and_cover_the_text() -> None:
    settings = ChunkSettings(48, 12)
    chunks = split_text(TEXT, settings)
    assert len(chunks) > 5
    assert all(count_tokens(c) <= 48 for c in chunks)
    assert chunks[0].startswith("Sentence 0 ") and chunks[-1].endswith("lasts 59 days.")
    # Every chunk is a slice of the text, and every sentence survives whole in some chunk.
    assert all(c in TEXT for c in chunks)
    for i in range(60):
        sentence = f"Sentence {i} says that fever number {i} lasts {i} days."
        assert any(sentence in c for c in chunks), i


def test_cuts_prefer_sentence_ends() -> None:
    chunks = split_text(TEXT, ChunkSettings(48, 12))
    assert all(c.endswith(".") for c in chunks)


def test_consecutive_chunks_overlap() -> None:
    chunks = split_text(TEXT, ChunkSettings(48, 12))
    for first, second in itertools.pairwise(chunks):
        tail = first.split()[-3:]
        assert " ".join(tail) in second, (first, second)
    no_overlap = split_text(TEXT, ChunkSettings(48, 0))
    assert len(no_overlap) < len(chunks)
    assert " ".join(no_overlap) == TEXT  # without overlap, chunks tile the text exactly


def test_chinese_text_is_cut() -> None:
    chinese = "偏头痛是一种常见的头痛。" * 30
    chunks = split_text(chinese, ChunkSettings(32, 8))
    assert len(chunks) > 3 and all(count_tokens(c) <= 32 for c in chunks)


@pytest.mark.parametrize(("tokens", "overlap"), [(4, 0), (600, 0), (64, 40), (64, -1)])
def test_bad_settings_are_refused(tokens: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        ChunkSettings(tokens, overlap)
