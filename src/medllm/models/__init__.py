"""Every model medllm talks to, behind one interface (``ChatModel``), and the built-in models.

Backends (transformers, OpenAI-compatible HTTP, llama.cpp) live in their own modules and import their
heavy dependencies only when used; ``load_model`` picks one from a spec string.
"""

from medllm.models.base import ChatModel, GenerationConfig, LoglikelihoodResult, Message, ModelError
from medllm.models.builtin import BUILTINS, BuiltinModel
from medllm.models.registry import list_models, load_model, load_tokenizer, model_folder

__all__ = [
    "BUILTINS",
    "BuiltinModel",
    "ChatModel",
    "GenerationConfig",
    "LoglikelihoodResult",
    "Message",
    "ModelError",
    "list_models",
    "load_model",
    "load_tokenizer",
    "model_folder",
]
