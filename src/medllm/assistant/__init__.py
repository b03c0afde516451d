"""The consultation assistant: emergency triage first, follow-up questions, retrieval, grounded answers.

::

    from medllm.assistant import Assistant
    from medllm.knowledge import KnowledgeBase
    from medllm.models import load_model

    assistant = Assistant(load_model("smollm2-135m-instruct"), KnowledgeBase.open("kb/chatdoctor"))
    turn = assistant.respond([{"role": "user", "content": "I have had a fever and a cough for 3 days, I'm 30"}])
    print(turn.text())

The CLI (``medllm triage``, ``medllm ask``, ``medllm chat``) and the server use this same API.
"""

from medllm.assistant.answer import LIMITS, Citation
from medllm.assistant.intake import Intake, assess
from medllm.assistant.language import detect_language
from medllm.assistant.pipeline import Assistant, AssistantConfig, Retriever, validate_conversation
from medllm.assistant.triage import Locale, TriageLevel, TriageReason, TriageResult, triage, triage_many
from medllm.assistant.types import AssistantInputError, Passage, TurnEvent, TurnResult

__all__ = [
    "LIMITS",
    "Assistant",
    "AssistantConfig",
    "AssistantInputError",
    "Citation",
    "Intake",
    "Locale",
    "Passage",
    "Retriever",
    "TriageLevel",
    "TriageReason",
    "TriageResult",
    "TurnEvent",
    "TurnResult",
    "assess",
    "detect_language",
    "triage",
    "triage_many",
    "validate_conversation",
]
