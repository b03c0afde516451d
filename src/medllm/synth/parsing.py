"""Parsers for teacher replies: self-instruct task lists, patient-doctor dialogues, labelled sections.

The task parser fixes AlpaCare's leak. AlpaCare splits a reply only on ``###``; when the teacher
starts the next task with ``2. Type:`` and no ``###`` (its own sample generations show it in 7 of 12
rows), everything up to the end of the reply lands in the previous task's ``input``. Here a task also
ends where a numbered ``N. Type:`` header or a line starting ``Type:`` begins, so each task's fields
come only from its own block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TASK_KEYS = ("type", "topic", "view", "difficulty", "instruction", "input")
_NO_INPUT = {"", "<noinput>", "<no input>", "noinput", "none", "n/a", "na"}
# Where a task begins: a ### separator, a numbered "N. Type:" header anywhere (the leak), or "Type:" opening a line.
_TASK_START = re.compile(r"#{3,}|(?<![\w])\d{1,3}\s*[.)]\s*Type\s*:|(?m:^[ \t]*Type\s*:)", re.IGNORECASE)
_HEADER = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s*)?Type\s*:", re.IGNORECASE)
_KEY = {key: re.compile(rf"(?:^|(?<=[\s,;]))\"?{key}\"?\s*:", re.IGNORECASE) for key in TASK_KEYS}


@dataclass(frozen=True)
class ParsedTask:
    """One generated task; ``input`` is None when the task needs none (``<noinput>``)."""

    instruction: str
    input: str | None
    type: str | None = None
    topic: str | None = None
    view: str | None = None
    difficulty: str | None = None


def _clean(value: str) -> str:
    value = value.strip().rstrip(",").strip()
    # Teachers quote values inconsistently ('"<noinput>"', a lone opening quote): drop quotes at the ends.
    if value.startswith('"'):
        value = value[1:]
    if value.endswith('"'):
        value = value[:-1]
    return value.strip()


def _fields(block: str) -> dict[str, str]:
    """The task fields of one block, each value running to the next key (keys taken in their fixed order)."""
    found: list[tuple[int, int, str]] = []
    start = 0
    for key in TASK_KEYS:
        match = _KEY[key].search(block, start)
        if match is None:
            continue
        found.append((match.start(), match.end(), key))
        start = match.end()
    values: dict[str, str] = {}
    for i, (_, value_start, key) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(block)
        values[key] = _clean(block[value_start:end])
    return values


def split_task_blocks(reply: str) -> list[str]:
    """The reply cut into one text block per task (separators and headers kept at the block starts)."""
    text = reply.replace("\r\n", "\n").strip()
    # A chat reply to AlpaCare's prompt continues after "N. Type:", so it opens with the type's value.
    if text and not _HEADER.match(text.lstrip("#").lstrip()):
        text = "Type: " + text
    cuts = sorted({0, *(m.start() for m in _TASK_START.finditer(text))})
    blocks = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [b.strip().lstrip("#").strip() for b in blocks if b.strip().lstrip("#").strip()]


def parse_tasks(reply: str, *, truncated: bool = False) -> tuple[list[ParsedTask], list[tuple[str, str]]]:
    """Parse a self-instruct reply into tasks.

    Args:
        reply: the teacher's text.
        truncated: the reply was cut at ``max_tokens``; its last task is then incomplete and dropped.

    Returns:
        The tasks, and the rejected blocks as ``(reason, block)``: ``no_instruction`` or ``truncated_task``.
    """
    blocks = split_task_blocks(reply)
    rejected: list[tuple[str, str]] = []
    if truncated and blocks:
        rejected.append(("truncated_task", blocks.pop()))
    tasks: list[ParsedTask] = []
    for block in blocks:
        values = _fields(block)
        instruction = re.sub(r"\s+", " ", values.get("instruction", "")).strip()
        if not instruction:
            rejected.append(("no_instruction", block))
            continue
        raw_input = values.get("input", "")
        task_input = None if raw_input.strip().strip('"').lower() in _NO_INPUT else raw_input
        tasks.append(
            ParsedTask(
                instruction=instruction,
                input=task_input,
                type=values.get("type") or None,
                topic=values.get("topic") or None,
                view=values.get("view") or None,
                difficulty=values.get("difficulty") or None,
            )
        )
    return tasks, rejected


_TURN = re.compile(r"^[ \t*]*(patient|doctor)[ \t*]*:[ \t*]*", re.IGNORECASE | re.MULTILINE)


def parse_dialogue(reply: str) -> list[tuple[str, str]]:
    """``Patient:`` / ``Doctor:`` turns as ``(speaker, text)`` in order; text before the first turn is ignored.

    Consecutive turns of one speaker are merged, so the result always alternates.
    """
    parts = _TURN.split(reply.replace("\r\n", "\n"))
    turns: list[tuple[str, str]] = []
    for speaker, text in zip(parts[1::2], parts[2::2], strict=True):
        speaker, text = speaker.lower(), text.strip()
        if not text:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1] = (speaker, turns[-1][1] + "\n" + text)
        else:
            turns.append((speaker, text))
    return turns


def parse_sections(reply: str, labels: tuple[str, ...]) -> dict[str, str]:
    """Sections that open with ``Label:`` at a line start (for example ``Question:`` and ``Answer:``)."""
    pattern = re.compile(rf"^[ \t*#]*({'|'.join(map(re.escape, labels))})[ \t*]*:[ \t]*", re.IGNORECASE | re.MULTILINE)
    parts = pattern.split(reply.replace("\r\n", "\n"))
    found: dict[str, str] = {}
    for label, text in zip(parts[1::2], parts[2::2], strict=True):
        key = label.lower()
        if key not in found and text.strip():
            found[key] = text.strip()
    return found
