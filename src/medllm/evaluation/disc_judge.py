"""DISC-MedLLM's judge: four criteria scored 1-5 on a patient-doctor conversation (Bao et al., 2023).

The prompts are DISC-MedLLM's own (FudanDISC/DISC-MedLLM, Apache-2.0), reproduced byte for byte from
the GPT-4 score files they published (``eval/gpt4_scores``), typos included ("anc", "diagonosis"), so
a judge's scores here can be compared with their GPT-4 scores. CMB-Clin cases use the first prompt;
CMD and CMID add a sentence giving full proactivity marks when a question needs no follow-up. The
conversation goes between ``[start of conversation]`` and ``[end of conversation]`` as ``patient: ...`` /
``doctor: ...`` lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from medllm.formats.cases import parse_scores
from medllm.records.errors import RecordError

CRITERIA = ("proactivity", "accuracy", "helpfulness", "linguistic_quality")

PROMPT_CMB_CLIN = (
    "You are a professional, impartial, and strict scorer. Below is a conversation between a patient and "
    "an AI doctor. Based on the 4 criteria below, rate the doctor's performance on a scale of 1-5 for "
    "each of the 4 items based on the conversation. Only provide the scores without explanations.\n"
    "Proactivity: The doctor can proactively anc clearly request the patient to provide more information "
    "about the symptoms, physical examination results and medical history when the information is "
    "insufficient, actively guiding the patient through the consultation process.\n"
    "Accuracy: The diagonosis or advice provided by the doctor is accurate and has no factual errors. "
    "Conclusions are not made arbitrarily.\n"
    "Helpfulness: The doctor's responses provide the patient with clear, instructive and practical "
    "assistance, specifically addressing the patient's concerns.\n"
    "Linguistic Quality: The conversation is logical. The doctor correctly understands the patient's "
    "semantics, and the expression is smooth and natural.\n"
    "\n"
    "Please ensure that you do not let the length of the text influence your judgment, do not have a "
    "preference for any AI assistant names that might appear in the dialogue, do not let irrelevant "
    "linguistic habits in the conversation influence your judgment, and strive to remain objective. Your "
    "scoring should be strict enough and do not give a perfect score easily.\n"
    "Please output the scoring results in the following format:\n"
    "```\n"
    "Proactivity: x\n"
    "Accuracy: x\n"
    "Helpfulness: x\n"
    "Linguistic Quality: x\n"
    "```\n"
    "\n"
)

PROMPT_CMD_CMID = (
    "You are a professional, impartial, and strict scorer. Below is a conversation between a patient and "
    "an AI doctor. Based on the 4 criteria below, rate the doctor's performance on a scale of 1-5 for "
    "each of the 4 items based on the conversation. Only provide the scores without explanations.\n"
    "Proactivity: The doctor can proactively and clearly request the patient to provide more information "
    "about the symptoms, physical examination results, and medical history when the information is "
    "insufficient, actively guiding the patient through the consultation process. However, if the "
    "patient's inquiry during the conversation is clear, direct, and unrelated to personal health "
    "conditions, making proactivity less relevant to the evaluation, a full score of five should be "
    "given.\n"
    "Accuracy: The diagonosis or advice provided by the doctor is accurate and has no factual errors. "
    "Conclusions are not made arbitrarily.\n"
    "Helpfulness: The doctor's responses provide the patient with clear, instructive and practical "
    "assistance, specifically addressing the patient's concerns.\n"
    "Linguistic Quality: The conversation is logical. The doctor correctly understands the patient's "
    "semantics, and the expression is smooth and natural.\n"
    "\n"
    "Please ensure that you do not let the length of the text influence your judgment, do not have a "
    "preference for any AI assistant names that might appear in the dialogue, do not let irrelevant "
    "linguistic habits in the conversation influence your judgment, and strive to remain objective. Your "
    "scoring should be strict enough and do not give a perfect score easily.\n"
    "Please output the scoring results in the following format:\n"
    "```\n"
    "Proactivity: x\n"
    "Accuracy: x\n"
    "Helpfulness: x\n"
    "Linguistic Quality: x\n"
    "```\n"
    "\n"
)


def judge_prompt(turns: Sequence[dict[str, str]], benchmark: str) -> str:
    """DISC's prompt for a conversation of ``{"role": "patient"|"doctor", "content"}`` turns."""
    head = PROMPT_CMB_CLIN if benchmark == "cmb-clin" else PROMPT_CMD_CMID
    transcript = "\n".join(f"{turn['role']}: {turn['content']}" for turn in turns)
    return f"{head}[start of conversation]\n{transcript}\n[end of conversation]"


def read_scores(text: str) -> dict[str, Any] | None:
    """The four scores a judge wrote (``Proactivity: 4`` lines, code fences allowed), or None when unreadable."""
    block = text.strip()
    if "```" in block:  # the prompt shows the format in a fence; judges often answer in one
        inside = block.split("```")
        block = next((part for part in inside[1::2] if ":" in part), inside[0])
    wanted = [line for line in block.splitlines() if line.strip()]
    try:
        return parse_scores("\n".join(wanted))
    except RecordError:
        return None
