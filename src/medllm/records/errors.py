"""Why a row was rejected: one closed vocabulary shared by every reader, converter and CLI."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Reasons a row can be rejected. Their string values appear in reports and rejects files."""

    BAD_JSON = "bad_json"
    TRUNCATED_LAST_LINE = "truncated_last_line"
    INVALID_UTF8 = "invalid_utf8"
    ROW_TOO_LARGE = "row_too_large"
    NOT_AN_OBJECT = "not_an_object"
    UNKNOWN_FORMAT = "unknown_format"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    UNKNOWN_ROLE = "unknown_role"
    EMPTY_TURN = "empty_turn"
    INVALID_VALUE = "invalid_value"
    NO_USER_TURN = "no_user_turn"


class RecordError(ValueError):
    """A single row could not be turned into a record.

    Args:
        reason: the closed-vocabulary reason.
        message: a human-readable explanation naming the offending field or value.
        field: dotted path of the offending field, when known (``messages.2.role``).
    """

    def __init__(self, reason: Reason, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.reason = Reason(reason)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.reason.value}: {self.message}"
