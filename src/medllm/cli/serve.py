"""``medllm serve``: the OpenAI-compatible server for a model and the assistant (docs/serving.md).

Every check that needs no model (address, keys, engine, store, flags) runs before the model loads, so
a mistake costs a second, not a model load.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from medllm.cli._common import console, fail
from medllm.cli.assistant import KBOpt, LocaleOpt, ModelOpt

logger = logging.getLogger(__name__)


def serve(
    model: str = ModelOpt,
    kb: Path | None = KBOpt,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback needs --api-keys.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    api_keys: Annotated[
        Path | None,
        typer.Option("--api-keys", help="Keys file from `medllm keys add`: every route but /health needs a key."),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="transformers, vllm (GPU, optional extra) or llamacpp (optional extra).")
    ] = ("transformers"),
    max_concurrency: Annotated[int, typer.Option(min=1, max=256, help="Requests generating at once.")] = 8,
    batching: Annotated[
        bool,
        typer.Option(
            "--batching/--no-batching",
            help="transformers engine: generate the requests running at once in one batch "
            "(--no-batching: one generate call per request; with --max-concurrency 1, one at a time).",
        ),
    ] = True,
    max_queue: Annotated[int, typer.Option(min=0, max=10_000, help="Requests allowed to wait; more get 503.")] = 32,
    rate_limit: Annotated[
        int, typer.Option(min=0, help="Requests per minute per key (per address without keys); 0: none.")
    ] = 0,
    max_body_bytes: Annotated[int, typer.Option(min=1024, help="Largest request body; more gets 413.")] = 1_048_576,
    max_new_tokens_limit: Annotated[int, typer.Option(min=1, help="Most tokens one request may generate.")] = 512,
    over_limit: Annotated[str, typer.Option(help="A max_tokens over the limit: clamp it, or reject (400).")] = "clamp",
    request_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request, queueing included.")] = 120.0,
    store: Annotated[
        str | None,
        typer.Option("--store", help="Keep conversations: a SQLAlchemy URL such as sqlite:///runs/chats.db."),
    ] = None,
    retention_days: Annotated[float, typer.Option(min=0.001, help="Days a stored conversation is kept.")] = 30.0,
    log_content: Annotated[bool, typer.Option("--log-content", help="Log de-identified message text.")] = False,
    model_name: Annotated[str | None, typer.Option(help="The name clients use for the raw model.")] = None,
    locale: str | None = LocaleOpt,
) -> None:
    """Serve MODEL and the assistant (`medllm-assistant`) over an OpenAI-compatible API."""
    from medllm.models import ModelError
    from medllm.serve import KeyFileError, KeyStore, ServeSettings, resolve_spec
    from medllm.serve.server import is_loopback

    if not is_loopback(host) and api_keys is None:
        fail(
            f"--host {host} is reachable from other machines: give --api-keys FILE (medllm keys add), or bind 127.0.0.1"
        )
    try:
        settings = ServeSettings(
            max_concurrency=max_concurrency,
            max_queue=max_queue,
            rate_limit=rate_limit,
            max_body_bytes=max_body_bytes,
            max_new_tokens_limit=max_new_tokens_limit,
            over_limit=over_limit,
            request_timeout=request_timeout,
            log_content=log_content,
            retention_days=retention_days,
        )
        spec = resolve_spec(model, engine)
    except (ValueError, ModelError) as error:
        fail(escape(str(error)))  # escape: "medllm[gpu]" is not console markup
    keys = None
    if api_keys is not None:
        if not api_keys.exists():
            fail(f"{api_keys}: no such keys file; create one with `medllm keys add NAME --keys-file {api_keys}`")
        try:
            keys = KeyStore(api_keys)
        except KeyFileError as error:
            fail(str(error))
    log = _request_log(log_content)
    conversations = _open_store(store, retention_days) if store else None
    batch_size = max_concurrency if batching and engine == "transformers" else 0
    if engine == "vllm":
        state = _vllm_state(spec, kb, locale, model_name, settings, keys, conversations, log)
    else:
        state = _state(spec, kb, locale, model_name, settings, keys, conversations, log, batch_size)
    from medllm.serve import create_app, run_server

    logging.getLogger("medllm.serve").setLevel(logging.INFO)
    console.print(
        f"[dim]serving {state.engine.name} and medllm-assistant on http://{host}:{port}/v1 "
        f"({'keys required' if keys else 'no keys'}; {max_concurrency} at once"
        f"{', batched' if state.engine.batching else ''}, queue {max_queue})[/]",
        highlight=False,
    )
    run_server(create_app(state), host, port)


def _request_log(log_content: bool) -> Any:
    from medllm.serve.requestlog import RequestLog

    try:
        return RequestLog(log_content)
    except RuntimeError as error:
        fail(escape(str(error)))


def _open_store(url: str, retention_days: float) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from medllm.serve.store import ConversationStore

    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        return ConversationStore(url, retention_days)
    except (SQLAlchemyError, ValueError, ImportError) as error:
        fail(f"--store {url}: {str(error).splitlines()[0]}")


def _state(
    spec: str,
    kb: Path | None,
    locale: str | None,
    model_name: str | None,
    settings: Any,
    keys: Any,
    store: Any,
    log: Any,
    batch_size: int,
) -> Any:
    """Load the knowledge base and model the way `medllm ask` does, and wrap them for serving."""
    from medllm.assistant.triage import Locale
    from medllm.cli.assistant import _config, _load_assistant
    from medllm.serve import ServerState, engine_for

    try:
        Locale.parse(locale, "en")
    except ValueError as error:
        fail(str(error))
    assistant = _load_assistant(spec, kb, _config(locale=locale))
    return ServerState(
        engine_for(assistant.model, model_name, batch_size=batch_size),
        settings,
        keys=keys,
        store=store,
        kb=assistant.kb,
        assistant_config=assistant.config,
        log=log,
    )


def _vllm_state(
    spec: str,
    kb: Path | None,
    locale: str | None,
    model_name: str | None,
    settings: Any,
    keys: Any,
    store: Any,
    log: Any,
) -> Any:
    """The same server in front of vLLM's engine (it batches the requests running at once itself)."""
    from medllm.assistant.triage import Locale
    from medllm.cli.assistant import _config
    from medllm.knowledge import KBError, KnowledgeBase
    from medllm.models import ModelError
    from medllm.serve import ServerState
    from medllm.serve.vllm_engine import VLLMEngine

    try:
        Locale.parse(locale, "en")
    except ValueError as error:
        fail(str(error))
    config = _config(locale=locale)
    knowledge = None
    if kb is not None:
        try:
            knowledge = KnowledgeBase.open(kb)
        except KBError as error:
            fail(str(error))
    try:
        engine = VLLMEngine(spec, model_name, max_batch=settings.max_concurrency)
    except ModelError as error:
        fail(escape(str(error)))
    return ServerState(engine, settings, keys=keys, store=store, kb=knowledge, assistant_config=config, log=log)
