"""``medllm serve``: an OpenAI-compatible server for the raw model and the assistant, safe by default.

::

    from medllm.models import load_model
    from medllm.serve import ServeSettings, ServerState, create_app, engine_for

    state = ServerState(engine_for(load_model("tiny-random-llama")), ServeSettings())
    app = create_app(state)  # any ASGI server; `medllm serve` runs it with uvicorn

Limits, keys, metrics and the store are described in ``docs/serving.md``.
"""

from medllm.serve.app import create_app
from medllm.serve.engine import ChatModelEngine, Engine, TransformersEngine, engine_for, resolve_spec
from medllm.serve.errors import APIError
from medllm.serve.keys import KeyFileError, KeyStore, add_key, list_keys, revoke_key
from medllm.serve.runtime import ServerState
from medllm.serve.server import ServerThread, run_server
from medllm.serve.settings import ASSISTANT_MODEL, ServeSettings

__all__ = [
    "ASSISTANT_MODEL",
    "APIError",
    "ChatModelEngine",
    "Engine",
    "KeyFileError",
    "KeyStore",
    "ServeSettings",
    "ServerState",
    "ServerThread",
    "TransformersEngine",
    "add_key",
    "create_app",
    "engine_for",
    "list_keys",
    "resolve_spec",
    "revoke_key",
    "run_server",
]
