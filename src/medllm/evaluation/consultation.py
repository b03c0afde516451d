"""Multi-turn consultations with a simulated patient, scored by a judge on DISC-MedLLM's four criteria.

DISC-MedLLM (Bao et al., 2023, section 5.2) had an LLM play the patient of each CMB-Clin, CMD and
CMID sample for a fixed number of turns, then had GPT-4 score the doctor 1-5 on proactivity,
accuracy, helpfulness and linguistic quality. Here any model plays the patient (``--patient``,
default the judge) and any model judges (``--judge``) with DISC's own prompt.

The patient opens with the sample's first question. After each doctor reply it answers from the case
description the doctor cannot see (CMB-Clin's ``case``; CMD and CMID have only the question), so a
doctor that asks the right follow-up questions learns more. DISC did not publish its patient prompt;
the one here is medllm's (it tells the patient to answer only from the case and never to invent
results). A patient reply that is empty after cleaning ends that consultation early; it is counted.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import Field

from medllm.evaluation.context import RunContext, chat, user
from medllm.evaluation.disc_judge import CRITERIA, judge_prompt, read_scores
from medllm.evaluation.tasks import TaskBase, load_conversations
from medllm.io.issues import IssueLog
from medllm.records import Conversation

ROLES = ("judge", "patient")
REPORTED = ("overall", *CRITERIA)
CHUNK = 16

PATIENT_PROMPT_ZH = """你在扮演一位在线问诊的患者（或患者家属），正在和医生对话。
{case}
对话到目前为止：
{transcript}

请以患者的身份写出你的下一句话：
- 医生问到的，按照病情资料如实回答；资料里没有的，就说不清楚或没有做过，不要编造症状或检查结果。
- 医生没有提问时，围绕自己的病情提出一个你最关心的问题。
- 只写患者说的话，一到三句；不要替医生回答，不要自己下诊断。"""

PATIENT_PROMPT_EN = """You are playing a patient (or a patient's relative) in an online consultation with a doctor.
{case}
The conversation so far:
{transcript}

Write the patient's next message:
- Answer what the doctor asked truthfully from the case notes; if the notes do not say, say you do not know or \
have not had that test. Never invent symptoms or results.
- If the doctor asked nothing, ask the one question you care about most next.
- Write only what the patient says, one to three sentences; do not answer for the doctor or diagnose yourself."""

_CASE_INTRO = {
    "zh": "你的病情资料如下（医生看不到，被问到时才说出相应内容）：\n{case}\n",
    "en": "Your case notes (the doctor cannot see them; reveal a detail only when asked about it):\n{case}\n",
}
_SPEAKERS = {"zh": {"patient": "患者", "doctor": "医生"}, "en": {"patient": "Patient", "doctor": "Doctor"}}
# A patient model often labels its line ("患者：", "Patient:") or quotes it.
_LABEL = re.compile(r"^\s*(?:患者|病人|家属|patient)\s*[:：]\s*", re.IGNORECASE)


class Spec(TaskBase):
    """A consultation task.

    Attributes:
        turns: doctor replies per consultation (DISC's published dialogues have 3).
        benchmark: which DISC prompt the judge gets (``cmb-clin`` or ``cmd``/``cmid``); default from the
            records' source (``disc/cmb-clin`` ...), else ``cmd``.
        case_field: the metadata field holding what the patient knows but has not said.
        system_prompt: an optional system prompt for the evaluated doctor model.
    """

    type: Literal["consultation"]
    turns: int = Field(3, ge=1, le=20)
    benchmark: Literal["cmb-clin", "cmd", "cmid"] | None = None
    case_field: str = "case"
    system_prompt: str | None = None
    patient_max_new_tokens: int = Field(128, gt=0)
    judge_max_new_tokens: int = Field(48, gt=0)


def load(spec: Spec, split: str | None) -> tuple[list[Conversation], IssueLog]:
    """Conversations whose first turn is the patient's opening question (others are counted, not used)."""
    from medllm.evaluation.runner import unique_ids

    issues = IssueLog()
    records = load_conversations(spec, split, issues)
    items = []
    for record in records:
        first = next((m for m in record.messages if m.role != "system"), None)
        if first is None or first.role != "user" or not first.content.strip():
            issues.counts["no opening patient question"] += 1
            continue
        items.append(record)
    return unique_ids(items), issues


def patient_prompt(item: Conversation, transcript: list[dict[str, str]], case_field: str) -> str:
    """What the patient model is asked before each of its turns."""
    language = "zh" if (item.language or "").startswith("zh") else "en"
    case = item.metadata.get(case_field)
    speakers = _SPEAKERS[language]
    lines = "\n".join(f"{speakers[turn['role']]}: {turn['content']}" for turn in transcript)
    template = PATIENT_PROMPT_ZH if language == "zh" else PATIENT_PROMPT_EN
    intro = _CASE_INTRO[language].format(case=case) if isinstance(case, str) and case.strip() else ""
    return template.format(case=intro, transcript=lines)


def clean_patient_reply(text: str) -> str:
    """The patient's words: the first non-empty paragraph, without a speaker label or wrapping quotes."""
    for paragraph in text.strip().split("\n\n"):
        words = _LABEL.sub("", paragraph.strip()).strip().strip('"“”「」')
        # A patient model that goes on to write the doctor's line: keep only its own part.
        words = re.split(r"\n\s*(?:医生|doctor)\s*[:：]", words, flags=re.IGNORECASE)[0].strip()
        if words:
            return words
    return ""


def run(context: RunContext, spec: Spec, items: list[Conversation]) -> list[dict[str, Any]]:
    """Run every consultation turn by turn (batched across items), then judge each transcript."""
    patient = context.role("patient", spec.name)
    judge = context.role("judge", spec.name)
    transcripts = [[{"role": "patient", "content": _opening(item)}] for item in items]
    patient_prompts: list[list[str]] = [[] for _ in items]
    open_items = list(range(len(items)))
    for turn in range(spec.turns):
        replies = chat(context.model, [_doctor_view(transcripts[i], spec) for i in open_items], spec.max_new_tokens)
        for index, reply in zip(open_items, replies, strict=True):
            transcripts[index].append({"role": "doctor", "content": reply.strip()})
        if turn == spec.turns - 1:
            break
        prompts = [patient_prompt(items[i], transcripts[i], spec.case_field) for i in open_items]
        answers = chat(patient, [user(p) for p in prompts], spec.patient_max_new_tokens)
        still_open = []
        for index, prompt, answer in zip(open_items, prompts, answers, strict=True):
            patient_prompts[index].append(prompt)
            words = clean_patient_reply(answer)
            if words:
                transcripts[index].append({"role": "patient", "content": words})
                still_open.append(index)
        open_items = still_open
    benchmarks = [spec.benchmark or _benchmark_of(item) for item in items]
    judge_prompts = [judge_prompt(t, b) for t, b in zip(transcripts, benchmarks, strict=True)]
    verdicts = chat(judge, [user(p) for p in judge_prompts], spec.judge_max_new_tokens)
    return [
        {
            "id": item.id,
            "transcript": transcript,
            "doctor_turns": sum(t["role"] == "doctor" for t in transcript),
            "ended_early": sum(t["role"] == "doctor" for t in transcript) < spec.turns,
            "patient_prompts": prompts,
            "benchmark": benchmark,
            "judge_prompt": judge_text,
            "raw": verdict,
            "scores": read_scores(verdict),
        }
        for item, transcript, prompts, benchmark, judge_text, verdict in zip(
            items, transcripts, patient_prompts, benchmarks, judge_prompts, verdicts, strict=True
        )
    ]


def metrics(spec: Spec, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean score per criterion (with standard error) over the judged consultations, and their mean."""
    parsed = [e["scores"] for e in entries if e["scores"] is not None]
    out: dict[str, Any] = {
        "n": len(entries),
        "unparseable": len(entries) - len(parsed),
        "ended_early": sum(e["ended_early"] for e in entries),
        "doctor_turns": sum(e["doctor_turns"] for e in entries) / len(entries) if entries else float("nan"),
    }
    for criterion in CRITERIA:
        values = [float(s[criterion]) for s in parsed]
        out[criterion], out[f"{criterion}_stderr"] = _mean_stderr(values)
    means = [out[c] for c in CRITERIA]
    out["overall"] = sum(means) / len(means) if parsed else float("nan")
    return out


def _opening(item: Conversation) -> str:
    return next(m.content for m in item.messages if m.role != "system")


def _doctor_view(transcript: list[dict[str, str]], spec: Spec) -> list[dict[str, str]]:
    roles = {"patient": "user", "doctor": "assistant"}
    messages = [{"role": roles[t["role"]], "content": t["content"]} for t in transcript]
    return ([{"role": "system", "content": spec.system_prompt}] if spec.system_prompt else []) + messages


def _benchmark_of(item: Conversation) -> str:
    source = (item.source or "").lower()
    return "cmb-clin" if "cmb" in source else "cmid" if "cmid" in source else "cmd"


def _mean_stderr(values: list[float]) -> tuple[float, float]:
    n = len(values)
    if not n:
        return float("nan"), float("nan")
    mean = sum(values) / n
    if n < 2:
        return mean, float("nan")
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(variance / n)
