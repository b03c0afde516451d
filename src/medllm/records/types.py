"""The one data model every stage reads and writes.

Four record kinds: :class:`Conversation`, :class:`PreferencePair`, :class:`MCQItem` and
:class:`KBEntry`. Each carries provenance (``source``, ``license``, ``language``) so a training
mix or an evaluation report can always say where every row came from.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from medllm.records.errors import Reason, RecordError

ROLES = ("system", "user", "assistant")
Role = Literal["system", "user", "assistant"]
OptionLetter = Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]


class _Model(BaseModel):
    # strict: a number where text belongs is a data error, never silently stringified.
    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


class Message(_Model):
    """One turn of a conversation."""

    role: str
    content: str

    @field_validator("role")
    @classmethod
    def _known_role(cls, role: str) -> str:
        if role not in ROLES:
            raise PydanticCustomError(
                "unknown_role",
                "unknown role '{role}' (expected one of system, user, assistant)",
                {"role": role},
            )
        return role

    @field_validator("content")
    @classmethod
    def _non_empty(cls, content: str) -> str:
        if not content.strip():
            raise PydanticCustomError("empty_turn", "empty message content")
        return content


class Record(_Model):
    """Fields shared by every record kind."""

    id: str | None = None
    source: str | None = None
    language: str | None = None
    license: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


def _check_turns(messages: list[Message]) -> list[Message]:
    if not messages:
        raise PydanticCustomError("empty_turn", "no messages")
    return messages


class Conversation(Record):
    """A dialogue: optional system prompt, then user and assistant turns."""

    kind: Literal["conversation"] = "conversation"
    messages: list[Message]

    _non_empty = field_validator("messages")(_check_turns)

    @property
    def system(self) -> str | None:
        return self.messages[0].content if self.messages[0].role == "system" else None

    def to_openai(self) -> list[dict[str, str]]:
        return [{"role": m.role, "content": m.content} for m in self.messages]

    def sft_problem(self) -> tuple[str, str] | None:
        """Why this conversation is not usable as SFT data, as ``(field, message)``, or None.

        A conversation must have a user turn, and its first turn after any system prompt must be
        the user's: an assistant that speaks first answers nothing, so training on it teaches the
        model to talk unprompted (reason ``no_user_turn``).
        """
        first = next((i for i, m in enumerate(self.messages) if m.role != "system"), None)
        if first is None or not any(m.role == "user" for m in self.messages):
            return "messages", "no user turn"
        if self.messages[first].role != "user":
            role = self.messages[first].role
            return f"messages.{first}.role", f"the first turn after the system prompt is the {role}'s"
        return None


class PreferencePair(Record):
    """A prompt with a preferred and a dispreferred completion (TRL's conversational format)."""

    kind: Literal["preference"] = "preference"
    prompt: list[Message]
    chosen: list[Message]
    rejected: list[Message]
    chosen_score: float | None = None
    rejected_score: float | None = None

    _non_empty = field_validator("prompt", "chosen", "rejected")(_check_turns)

    @field_validator("chosen", "rejected")
    @classmethod
    def _completion_is_assistant(cls, messages: list[Message]) -> list[Message]:
        if messages[0].role != "assistant":
            raise PydanticCustomError("invalid_value", "a completion must start with an assistant turn")
        return messages

    @field_validator("chosen_score", "rejected_score", mode="before")
    @classmethod
    def _int_score_is_float(cls, value: Any) -> Any:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


class MCQItem(Record):
    """A multiple-choice question with lettered options and one or more correct letters."""

    kind: Literal["mcq"] = "mcq"
    question: str
    options: dict[OptionLetter, str]
    answer: list[OptionLetter]
    context: list[str] = Field(default_factory=list)
    explanation: str | None = None
    subject: str | None = None

    @field_validator("answer", mode="before")
    @classmethod
    def _single_letter(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> MCQItem:
        if not self.question.strip():
            raise PydanticCustomError("empty_turn", "empty question")
        letters = list(self.options)
        expected = [chr(ord("A") + i) for i in range(len(letters))]
        if len(letters) < 2 or letters != expected:
            raise PydanticCustomError(
                "invalid_value",
                "options must be lettered A, B, C ... in order, at least two; got {got}",
                {"got": letters},
            )
        if not self.answer or any(a not in self.options for a in self.answer):
            raise PydanticCustomError(
                "invalid_value",
                "answer {answer} is not among the options {letters}",
                {"answer": self.answer, "letters": letters},
            )
        return self


class KBEntry(Record):
    """A disease knowledge-base entry (ChatDoctor's disease database)."""

    kind: Literal["kb_entry"] = "kb_entry"
    name: str
    symptoms: list[str] = Field(default_factory=list)
    tests: list[str] = Field(default_factory=list)
    medications: list[str] = Field(default_factory=list)
    description: str | None = None


class Document(Record):
    """Plain text for continued pre-training (articles, encyclopedia text, notes)."""

    kind: Literal["document"] = "document"
    text: str

    @field_validator("text")
    @classmethod
    def _non_empty(cls, text: str) -> str:
        if not text.strip():
            raise PydanticCustomError("empty_turn", "empty text")
        return text


class EntitySentence(Record):
    """A tokenised sentence with IOB tags (NCBI-disease, BC5CDR) for entity-extraction evaluation."""

    kind: Literal["entities"] = "entities"
    tokens: list[str]
    tags: list[str]

    @model_validator(mode="after")
    def _aligned(self) -> EntitySentence:
        if not self.tokens:
            raise PydanticCustomError("empty_turn", "no tokens")
        if len(self.tokens) != len(self.tags):
            raise PydanticCustomError(
                "invalid_value", "{n} tokens but {m} tags", {"n": len(self.tokens), "m": len(self.tags)}
            )
        bad = [t for t in self.tags if t != "O" and not re.match(r"^[BI]-\S+$", t)]
        if bad:
            raise PydanticCustomError("invalid_value", "tag {tag} is not O, B-X or I-X", {"tag": bad[0]})
        return self

    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans as (first token, end token exclusive, type); a stray I- opens a new span."""
        spans: list[tuple[int, int, str]] = []
        start, kind = None, None
        for i, tag in enumerate([*self.tags, "O"]):
            prefix, _, label = tag.partition("-")
            if start is not None and (prefix != "I" or label != kind):
                spans.append((start, i, kind))
                start, kind = None, None
            if prefix == "B" or (prefix == "I" and start is None):
                start, kind = i, label
        return spans


AnyRecord = Annotated[
    Conversation | PreferencePair | MCQItem | KBEntry | Document | EntitySentence, Field(discriminator="kind")
]
RECORD_TYPES: dict[str, type[Record]] = {
    "conversation": Conversation,
    "preference": PreferencePair,
    "mcq": MCQItem,
    "kb_entry": KBEntry,
    "document": Document,
    "entities": EntitySentence,
}

_REASON_BY_PYDANTIC_TYPE = {
    "missing": Reason.MISSING_FIELD,
    "unknown_role": Reason.UNKNOWN_ROLE,
    "empty_turn": Reason.EMPTY_TURN,
    "invalid_value": Reason.INVALID_VALUE,
    "extra_forbidden": Reason.INVALID_VALUE,
    "string_pattern_mismatch": Reason.INVALID_VALUE,
    "literal_error": Reason.INVALID_VALUE,
    "union_tag_invalid": Reason.INVALID_VALUE,
    "union_tag_not_found": Reason.MISSING_FIELD,
}


def record_error_from_validation(error: ValidationError, prefix: str = "") -> RecordError:
    """Turn pydantic's first error into a :class:`RecordError` with a named reason and field path."""
    first = error.errors(include_url=False)[0]
    loc = ".".join(str(p) for p in first["loc"])
    field = f"{prefix}.{loc}".strip(".") if prefix else loc
    reason = _REASON_BY_PYDANTIC_TYPE.get(first["type"], Reason.WRONG_TYPE)
    where = f"field {field!r}: " if field else ""
    extra = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return RecordError(reason, f"{where}{first['msg']}{extra}", field or None)


def build(record_type: type[Record], data: dict[str, Any], prefix: str = "") -> Record:
    """Validate ``data`` into ``record_type``, raising :class:`RecordError` on bad data."""
    try:
        return record_type.model_validate(data)
    except ValidationError as error:
        raise record_error_from_validation(error, prefix) from None
