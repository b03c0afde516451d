"""Emergency triage: rules and patterns, English and Chinese, no model needed.

``triage(text)`` returns a :class:`TriageResult` with the level (``emergency``, ``urgent`` or
``routine``), the red flags that set it (each with its source) and the reply language.
``emergency_instruction`` gives the fixed text that must open the reply to an emergency.
"""

from medllm.assistant.triage.emergency import Locale, emergency_instruction, urgent_instruction
from medllm.assistant.triage.engine import triage, triage_many
from medllm.assistant.triage.levels import TriageLevel, TriageReason, TriageResult
from medllm.assistant.triage.rules import RULES, Rule
from medllm.assistant.triage.sources import NUMBER_SOURCES, SOURCES

__all__ = [
    "NUMBER_SOURCES",
    "RULES",
    "SOURCES",
    "Locale",
    "Rule",
    "TriageLevel",
    "TriageReason",
    "TriageResult",
    "emergency_instruction",
    "triage",
    "triage_many",
    "urgent_instruction",
]
