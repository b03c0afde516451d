"""Multiple-choice prompts and answer-letter extraction from free text.

Extraction tries, in order, the explicit statements models are prompted to make ("The answer is (C)",
"Answer: C", "答案是C"), then a letter alone on the first line or in parentheses, then an option's full
text quoted in the answer. It returns None rather than guess, so unparseable answers can be counted.
"""

from __future__ import annotations

import re

from medllm.records import MCQItem

INSTRUCTION = "Answer with the letter of the correct option, in the form: The answer is (X)."

_EXPLICIT = (
    r"(?:the\s+)?(?:correct\s+|final\s+|best\s+)?answer\s*(?:is|:)\s*(?:option\s*)?[\(\[]?\s*([A-Z])\b",
    r"答案(?:是|为|：|:)\s*[\(（]?\s*([A-Z])",
    r"option\s*[\(\[]?([A-Z])[\)\]]?\s+is\s+(?:the\s+)?correct",
)


def mcq_prompt(item: MCQItem, *, instruction: str = INSTRUCTION) -> str:
    """The question, its context passages, lettered options and the answer instruction, as one user turn."""
    parts = [*item.context, item.question, *(f"({letter}) {text}" for letter, text in item.options.items())]
    return "\n".join([*parts, "", instruction]).strip()


def extract_choice(text: str, letters: list[str] | tuple[str, ...]) -> str | None:
    """The option letter an answer states, or None when it states none of ``letters`` unambiguously."""
    allowed = set(letters)
    for pattern in _EXPLICIT:
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            letter = match.group(1).upper()
            if letter in allowed:
                return letter
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    alone = re.fullmatch(r"\s*[\(\[]?([A-Z])[\)\].:]?\s*", first_line)
    if alone and alone.group(1) in allowed:
        return alone.group(1)
    bracketed = {m for m in re.findall(r"\(([A-Z])\)", text) if m in allowed}
    if len(bracketed) == 1:
        return bracketed.pop()
    return None
