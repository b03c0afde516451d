"""Multiple-choice prompts and answer-letter extraction from free text.

Extraction tries, in order, the explicit statements models are prompted to make ("The answer is (C)",
"Answer: C", "答案是C", "正确答案为 C", "故选C"), then a letter alone on the first line or in
parentheses, then an option's full text quoted in the answer. It returns None rather than guess, so
unparseable answers can be counted. :func:`extract_choices` reads the set of letters a multi-answer
question (多项选择题) is answered with ("答案是ABD", "The answers are A and C").

Items in Chinese (``language`` starting with ``zh``) are prompted in Chinese, asking for "答案是(X)".
"""

from __future__ import annotations

import re

from medllm.records import MCQItem

INSTRUCTION = "Answer with the letter of the correct option, in the form: The answer is (X)."
INSTRUCTION_MULTI = (
    "More than one option is correct. Answer with the letters of all correct options, in the form: The answer is (XY)."
)
INSTRUCTION_ZH = "请选出正确答案，并以“答案是(X)”的格式回答。"
INSTRUCTION_ZH_MULTI = "本题有多个正确答案，请选出全部正确答案，并以“答案是(XY)”的格式回答。"
# Chain of thought: reason first, then the same answer statement, so the same extraction reads it.
COT_PREFIX = "Think step by step, then finish with your answer. "
COT_PREFIX_ZH = "请先逐步分析，最后给出答案。"

# Fullwidth letters (Ｃ) are read as their ASCII forms.
_FULLWIDTH = str.maketrans(
    {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)} | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
)

_EXPLICIT = (
    r"(?:the\s+)?(?:correct\s+|final\s+|best\s+)?answer\s*(?:is|:)\s*(?:option\s*)?[\(\[]?\s*([A-Z])\b",
    r"答案\s*(?:应该|应当|应)?\s*(?:是|为|选|：|:)\s*(?:选?项)?\s*[\(（]?\s*([A-Z])",
    r"option\s*[\(\[]?([A-Z])[\)\]]?\s+is\s+(?:the\s+)?correct",
    r"(?:故|所以|因此|应该|应当|应)\s*选(?:择)?\s*(?:选项)?\s*[\(（]?\s*([A-Z])(?![A-Za-z])",
    r"(?<![不未没])选(?:择)?\s*[\(（]?\s*([A-Z])(?![A-Za-z])",
)

# A run of answer letters: "ABD", "A, C", "A、B、D", "A and C", "(A)(C)"; letters are capitals only here, so
# the "a" of "and" or of a following word is never read as a letter.
_RUN = r"([A-Z](?:[ \t]*(?:[,，、/&;；+()（）]+|and|和|与|及|以及)?[ \t]*[A-Z])*)(?![A-Za-z])"
_EXPLICIT_MULTI = (
    r"(?i:(?:the\s+)?(?:correct\s+|final\s+|best\s+)?answers?)\s*(?:(?i:is|are)|:)\s*(?:(?i:options?)\s*)?[\(\[]?\s*"
    + _RUN,
    r"答案\s*(?:应该|应当|应)?\s*(?:是|为|选|：|:)\s*(?:选?项)?\s*[\(（]?\s*" + _RUN,
    r"(?:故|所以|因此|应该|应当|应)\s*选(?:择)?\s*(?:选项)?\s*[\(（]?\s*" + _RUN,
    r"(?<![不未没])选(?:择)?\s*[\(（]?\s*" + _RUN,
)
_ALONE_MULTI = re.compile(r"\s*[\(\[（]?" + _RUN + r"[\)\]）]?[.。:：]?\s*")


def is_chinese(item: MCQItem) -> bool:
    """Whether the item is prompted in Chinese: its ``language`` starts with ``zh`` (``zh``, ``zh-CN``, ...)."""
    return (item.language or "").lower().startswith("zh")


def instruction_for(item: MCQItem, *, chain_of_thought: bool = False) -> str:
    """The answer instruction for an item: in its language, asking for all letters when several are correct,
    asking for the reasoning first with ``chain_of_thought``."""
    multi = len(item.answer) > 1
    if is_chinese(item):
        return (COT_PREFIX_ZH if chain_of_thought else "") + (INSTRUCTION_ZH_MULTI if multi else INSTRUCTION_ZH)
    return (COT_PREFIX if chain_of_thought else "") + (INSTRUCTION_MULTI if multi else INSTRUCTION)


def answer_statement(item: MCQItem) -> str:
    """The answer as the instruction asks for it ("The answer is (B).", "答案是(ACD)。"), for few-shot examples."""
    letters = "".join(item.answer)
    return f"答案是({letters})。" if is_chinese(item) else f"The answer is ({letters})."


def mcq_prompt(item: MCQItem, *, instruction: str | None = None) -> str:
    """The question, its context passages, lettered options and the answer instruction, as one user turn.

    The instruction defaults to :func:`instruction_for` the item (Chinese for Chinese items).
    """
    parts = [*item.context, item.question, *(f"({letter}) {text}" for letter, text in item.options.items())]
    return "\n".join([*parts, "", instruction or instruction_for(item)]).strip()


def extract_choice(text: str, letters: list[str] | tuple[str, ...], *, last: bool = False) -> str | None:
    """The option letter an answer states, or None when it states none of ``letters`` unambiguously.

    With ``last`` (chain-of-thought answers, which may weigh options before concluding), the last
    explicit statement in the text wins instead of the first kind of statement found.
    """
    allowed = set(letters)
    text = text.translate(_FULLWIDTH)
    if last:
        stated = [
            (match.start(), match.group(1).upper())
            for pattern in _EXPLICIT
            for match in re.finditer(pattern, text, flags=re.IGNORECASE)
            if match.group(1).upper() in allowed
        ]
        if stated:
            return max(stated)[1]
    for pattern in _EXPLICIT:
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            letter = match.group(1).upper()
            if letter in allowed:
                return letter
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    alone = re.fullmatch(r"\s*[\(\[（]?([A-Z])[\)\]）.:。：]?\s*", first_line)
    if alone and alone.group(1) in allowed:
        return alone.group(1)
    bracketed = {m for m in re.findall(r"[\(（]([A-Z])[\)）]", text) if m in allowed}
    if len(bracketed) == 1:
        return bracketed.pop()
    return None


def extract_choices(text: str, letters: list[str] | tuple[str, ...], *, last: bool = False) -> list[str] | None:
    """The set of option letters an answer states, sorted ("答案是BDA" -> ["A", "B", "D"]); None when none.

    For multi-answer questions. Explicit statements come first ("答案是ABD", "答案：A、C", "故选AC",
    "The answers are A and C"), then a first line holding only letters ("ACD", "A, C"), then the single
    letter :func:`extract_choice` finds. A statement naming a letter outside ``letters`` is skipped; when
    every statement does, the answer is None.
    """
    allowed = set(letters)
    text = text.translate(_FULLWIDTH)

    def chosen(run: str) -> list[str] | None:
        found = sorted(set(re.findall(r"[A-Z]", run)))
        return found if found and set(found) <= allowed else None

    stated = False
    matches = [match for pattern in _EXPLICIT_MULTI for match in re.finditer(pattern, text)]
    if last:  # chain of thought: the conclusion is the last statement
        matches.sort(key=lambda match: -match.start())
    for match in matches:
        stated = True
        result = chosen(match.group(1))
        if result:
            return result
    if stated:  # what it stated names no offered option: no guess from the rest of the text
        return None
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    alone = _ALONE_MULTI.fullmatch(first_line)
    if alone and (result := chosen(alone.group(1))):
        return result
    single = extract_choice(text, letters, last=last)
    return [single] if single else None
