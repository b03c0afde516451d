"""``medllm triage``, ``medllm ask`` and ``medllm chat``: the consultation assistant from the terminal.

Progress and notes go to stderr; answers and JSON to stdout, so every command can be piped.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import typer

from medllm.cli._common import console, fail, print_json

logger = logging.getLogger(__name__)

ModelOpt = typer.Option(..., "--model", "-m", help="Built-in name, model folder, hub id, http(s) URL or llamacpp:FILE.")
KBOpt = typer.Option(None, "--kb", help="A knowledge base folder (`medllm kb build`) to ground answers in.")
LocaleOpt = typer.Option(
    None,
    "--locale",
    help="Where the user is, for the emergency number: en-US (911), en-GB (999), zh-CN (120), zh-TW ...",
)


def triage_command(
    message: str | None = typer.Argument(None, help="The message to triage ('-' reads it from stdin)."),
    input_file: Path | None = typer.Option(
        None, "--input", "-i", help="JSON Lines file ('-' for stdin): one message per line, triaged in order."
    ),
    field: str = typer.Option("text", "--field", help="The field of each --input line that holds the message."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one object per --input line)."),
    locale: str | None = LocaleOpt,
) -> None:
    """Emergency triage by rules (no model): emergency, urgent or routine, with the red flags that decided it."""
    from medllm.assistant.triage import Locale, TriageLevel, emergency_instruction, triage, urgent_instruction

    if input_file is not None:
        if message is not None:
            fail("give either a message or --input, not both")
        _triage_file(input_file, field)
        return
    if message is None:
        fail("give a message to triage, or --input FILE.jsonl")
    text = sys.stdin.read() if message == "-" else message
    if not text.strip():
        fail("empty message: nothing to triage")
    result = triage(text)
    if as_json:
        print_json(result.to_dict())
        return
    try:
        where = Locale.parse(locale, result.language)
    except ValueError as error:
        fail(str(error))
    where = Locale(result.language, where.region)
    color = {TriageLevel.EMERGENCY: "bold red", TriageLevel.URGENT: "bold yellow"}.get(result.level, "green")
    from medllm.cli._common import out

    out.print(f"[{color}]{result.level.label.upper()}[/]", highlight=False)
    for reason in result.reasons:
        note = f" ({reason.note})" if reason.note else ""
        out.print(f"- {reason.label}{note}: {', '.join(reason.evidence)}", highlight=False, markup=False)
    if result.level is TriageLevel.EMERGENCY:
        out.print(emergency_instruction(result, where), highlight=False, markup=False)
    elif result.level is TriageLevel.URGENT:
        out.print(urgent_instruction(result, where), highlight=False, markup=False)


def _triage_file(path: Path, field: str) -> None:
    """One JSON object per input line, in order; a bad line gets an error object with its line number."""
    from medllm.assistant.triage import triage

    handle = sys.stdin.buffer if str(path) == "-" else None
    if handle is None:
        if not path.is_file():
            fail(f"{path}: no such file")
        handle = path.open("rb")
    counts: dict[str, int] = {}
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            record = _line_record(raw, number, field, str(path))
            if "error" not in record:
                result = triage(record.pop("_text"))
                record.update(result.to_dict())
                counts[result.level.label] = counts.get(result.level.label, 0) + 1
            else:
                counts["error"] = counts.get("error", 0) + 1
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    console.print(f"[dim]triaged {sum(counts.values())} lines: {summary or 'none'}[/]", highlight=False)


def _line_record(raw: bytes, number: int, field: str, path: str) -> dict[str, Any]:
    where = f"{path}:{number}"
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return {"line": number, "error": f"{where}: not UTF-8 ({error.reason} at byte {error.start})"}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return {"line": number, "error": f"{where}: not JSON ({error.msg})"}
    if not isinstance(data, dict):
        return {"line": number, "error": f"{where}: expected a JSON object, found {type(data).__name__}"}
    value = data.get(field)
    if not isinstance(value, str):
        problem = "missing" if value is None else f"not text ({type(value).__name__})"
        return {"line": number, "error": f"{where}: field {field!r} is {problem}"}
    if not value.strip():
        return {"line": number, "error": f"{where}: field {field!r} is empty"}
    record: dict[str, Any] = {"line": number, "_text": value}
    if "id" in data:
        record["id"] = data["id"]
    return record


def _load_assistant(model: str, kb: Path | None, config: Any) -> Any:
    """The knowledge base first (a damaged folder fails before minutes of model loading), then the model."""
    from medllm.assistant import Assistant
    from medllm.knowledge import KBError, KnowledgeBase
    from medllm.models import ModelError, load_model

    knowledge = None
    if kb is not None:
        try:
            knowledge = KnowledgeBase.open(kb)
        except KBError as error:
            fail(str(error))
    if not model.startswith(("http://", "https://")) and not logging.getLogger().isEnabledFor(logging.INFO):
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    try:
        chat_model = load_model(model, on_status=lambda m: console.print(f"[dim]{m}[/]", highlight=False))
    except ModelError as error:
        fail(str(error))
    return Assistant(chat_model, knowledge, config)


def _config(**overrides: Any) -> Any:
    from medllm.assistant import AssistantConfig

    return AssistantConfig(**{k: v for k, v in overrides.items() if v is not None})


def ask(
    message: str = typer.Argument(..., help="What to ask ('-' reads it from stdin)."),
    model: str = ModelOpt,
    kb: Path | None = KBOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the structured result as JSON."),
    locale: str | None = LocaleOpt,
    k: int = typer.Option(3, "-k", min=1, max=20, help="Passages given to the model."),
    mode: str = typer.Option("hybrid", "--mode", help="Retrieval: bm25, dense or hybrid."),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=4096),
    followup: bool = typer.Option(True, "--followup/--no-followup", help="Ask what is missing before advising."),
) -> None:
    """One turn of the assistant: triage, follow-up questions or a grounded answer with citations."""
    from medllm.assistant import AssistantInputError
    from medllm.assistant.triage import Locale

    text = sys.stdin.read() if message == "-" else message
    if mode not in ("bm25", "dense", "hybrid"):
        fail(f"--mode {mode!r}: use bm25, dense or hybrid")
    try:
        Locale.parse(locale, "en")
    except ValueError as error:
        fail(str(error))
    config = _config(k=k, mode=mode, max_new_tokens=max_new_tokens, followup=followup, locale=locale)
    try:
        from medllm.assistant import validate_conversation

        validate_conversation([{"role": "user", "content": text}])
    except AssistantInputError as error:
        fail(str(error))
    assistant = _load_assistant(model, kb, config)
    conversation = [{"role": "user", "content": text}]
    try:
        if as_json:
            print_json(assistant.respond(conversation).to_dict())
        else:
            _print_turn(assistant, conversation)
    except AssistantInputError as error:
        fail(str(error))
    except Exception as error:  # a model or server failure: one line, traceback with -v
        logger.debug("ask failed", exc_info=True)
        fail(f"{type(error).__name__}: {error}")


def _print_turn(assistant: Any, conversation: list[dict[str, str]]) -> Any:
    """Stream one turn to stdout: preface first, then questions or the answer, then sources, note and limits."""
    result = None
    streamed = False
    for event in assistant.stream(conversation):
        if event.type == "preface":
            _write(event.text + "\n\n")
        elif event.type == "followup":
            intro = (
                "为了给出有用的建议，我需要先了解几点："
                if "？" in event.text
                else "To give you useful advice, I need a few details first:"
            )
            _write(intro + "\n" + "\n".join(f"- {q}" for q in event.text.split("\n")) + "\n")
        elif event.type == "delta":
            streamed = True
            _write(event.text)
        elif event.type == "done":
            result = event.result
    if result is None:
        return None
    if streamed:
        _write("\n")
    tail = [result.sources_block(), result.note, result.limits]
    _write("\n" + "\n\n".join(t for t in tail if t) + "\n")
    return result


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def chat(
    model: str = ModelOpt,
    kb: Path | None = KBOpt,
    locale: str | None = LocaleOpt,
    k: int = typer.Option(3, "-k", min=1, max=20, help="Passages given to the model."),
    mode: str = typer.Option("hybrid", "--mode", help="Retrieval: bm25, dense or hybrid."),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=4096),
) -> None:
    """A terminal chat with the assistant. Commands: /reset, /sources, /quit. Works in tmux or with a pipe."""
    from medllm.assistant import AssistantInputError

    if mode not in ("bm25", "dense", "hybrid"):
        fail(f"--mode {mode!r}: use bm25, dense or hybrid")
    assistant = _load_assistant(model, kb, _config(k=k, mode=mode, max_new_tokens=max_new_tokens, locale=locale))
    console.print(
        "[dim]medllm chat: type a message; /sources shows the last sources, /reset starts over, /quit ends. "
        "Not a doctor: in an emergency call your local emergency number.[/]",
        highlight=False,
    )
    conversation: list[dict[str, str]] = []
    last = None
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input("you> " if interactive else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            _write("\n")
            break
        command = line.strip()
        if not command:
            continue
        if command in ("/quit", "/exit", "/q"):
            break
        if command == "/reset":
            conversation, last = [], None
            _write("(conversation cleared)\n")
            continue
        if command == "/sources":
            _write(_sources_text(last) + "\n")
            continue
        if command.startswith("/"):
            _write(f"unknown command {command}: use /reset, /sources or /quit\n")
            continue
        conversation.append({"role": "user", "content": line})
        _write("assistant> " if interactive else "")
        try:
            last = _print_turn(assistant, conversation)
        except AssistantInputError as error:
            conversation.pop()
            console.print(f"[bold red]error:[/] {error}", highlight=False)
            continue
        except Exception as error:
            conversation.pop()
            logger.debug("chat turn failed", exc_info=True)
            console.print(f"[bold red]error:[/] {type(error).__name__}: {error}", highlight=False)
            continue
        if last is not None:
            conversation.append({"role": "assistant", "content": last.text()})
        _write("\n")


def _sources_text(result: Any) -> str:
    if result is None or not result.passages:
        return "(no sources in the last answer)"
    lines = []
    for p in result.passages:
        lines.append(f"[{p.n}] {p.name} ({p.source}, {p.id}, score {p.score:.3f})\n    {p.text[:400]}")
    return "\n".join(lines)
