"""``load_model``: one entry point from a model spec string to a ``ChatModel``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from medllm.models.base import ChatModel, ModelError
from medllm.models.builtin import BUILTINS

LLAMACPP_PREFIX = "llamacpp:"
# owner/name as the Hugging Face hub spells repository ids.
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def load_model(spec: str, **kwargs: Any) -> ChatModel:
    """Load a model from a spec string.

    Specs, tried in this order:

    - a built-in name (``medllm models list``): ``smollm2-135m-instruct``, ``tiny-random-llama``;
    - ``http://...`` or ``https://...``: an OpenAI-compatible server (``model=`` picks the model name);
    - ``llamacpp:/path/model.gguf``: a gguf file run by llama.cpp (optional extra);
    - a local folder with a transformers model;
    - a Hugging Face hub id (``owner/name``), loaded with transformers.

    Args:
        spec: the model spec.
        **kwargs: passed to the backend (for example ``device``, ``dtype``, ``batch_size`` for local
            models; ``model``, ``api_key``, ``timeout`` for HTTP; ``seed`` for ``tiny-random-llama``;
            ``on_status`` for the built-ins).

    Returns:
        The loaded model.

    Raises:
        ModelError: when the spec matches nothing or the backend fails to load it.
    """
    spec = spec.strip()
    if spec in BUILTINS:
        return BUILTINS[spec].load(**kwargs)
    on_status = kwargs.pop("on_status", None)
    say = on_status or (lambda message: None)
    if spec.startswith(("http://", "https://")):
        from medllm.models.openai_backend import OpenAIModel

        say(f"using the OpenAI-compatible server at {spec}")
        return OpenAIModel(spec, **kwargs)
    if spec.startswith(LLAMACPP_PREFIX):
        from medllm.models.llamacpp_backend import LlamaCppModel

        say(f"loading {spec[len(LLAMACPP_PREFIX) :]} with llama.cpp ...")
        return LlamaCppModel(spec[len(LLAMACPP_PREFIX) :], **kwargs)
    path = Path(spec).expanduser()
    if path.suffix == ".gguf" and path.is_file():
        raise ModelError(f"{spec} is a gguf file: load it with llama.cpp as 'llamacpp:{spec}'")
    if path.is_dir() or (_HUB_ID.match(spec) and not path.exists()):
        from medllm.models.transformers_backend import TransformersModel

        say(f"loading {spec} with transformers ...")
        return TransformersModel.from_pretrained(path if path.is_dir() else spec, **kwargs)
    raise ModelError(
        f"unknown model {spec!r}: use a built-in name ({', '.join(BUILTINS)}), a local model folder, "
        "a hub id (owner/name), an http(s):// server URL, or llamacpp:/path/model.gguf"
    )


def list_models() -> list[dict[str, Any]]:
    """The built-in models: name, description, parameter count, licence, whether and where cached."""
    return [model.to_dict() for model in BUILTINS.values()]


def model_folder(spec: str) -> str:
    """What transformers' ``from_pretrained`` takes for a local model spec: a folder, or a hub id.

    A built-in that has not been built yet is built once (that loads its weights this one time).

    Raises:
        ModelError: the spec names a remote server or a llama.cpp file, which have no weights to load here.
    """
    spec = spec.strip()
    if spec in BUILTINS:
        builtin = BUILTINS[spec]
        if not builtin.is_cached():
            builtin.load()
        return str(builtin.cache_path())
    if spec.startswith(("http://", "https://", LLAMACPP_PREFIX)):
        raise ModelError(f"{spec}: a remote or llama.cpp model has no local tokenizer or weights to load")
    path = Path(spec).expanduser()
    return str(path) if path.is_dir() else spec


def load_tokenizer(spec: str) -> Any:
    """The tokenizer of a local model spec (built-in name, local folder or hub id), without its weights.

    Raises:
        ModelError: the spec names a remote server, or no tokenizer can be loaded from it.
    """
    from transformers import AutoTokenizer

    source = model_folder(spec)
    try:
        return AutoTokenizer.from_pretrained(source)
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot load a tokenizer from {spec!r}: {error}") from None
