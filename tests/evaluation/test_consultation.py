"""Multi-turn consultations and DISC re-judging: turn order, who sees what, DISC's prompt and score format."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from medllm.evaluation.consultation import clean_patient_reply
from medllm.evaluation.dialogue_judge import spearman
from medllm.evaluation.disc_judge import PROMPT_CMB_CLIN, PROMPT_CMD_CMID, judge_prompt, read_scores
from medllm.evaluation.runner import evaluate
from medllm.evaluation.tasks import _parse, builtin_tasks
from medllm.models import load_model
from medllm.testing import FakeOpenAIServer

SCORES = "```\nProactivity: 4\nAccuracy: 3\nHelpfulness: 5\nLinguistic Quality: 4\n```"


def _last(body: dict[str, Any]) -> str:
    return body["messages"][-1]["content"]


@pytest.fixture()
def cases(tmp_path: Path) -> Path:
    """Three English cases in medllm's own format: the opening question, the hidden case in metadata."""
    path = tmp_path / "cases.jsonl"
    rows = [
        {
            "kind": "conversation",
            "id": f"case-{i}",
            "language": "en",
            "messages": [{"role": "user", "content": f"Opening question {i}"}],
            "metadata": {"case": f"Hidden notes {i}: fever for 3 days."},
        }
        for i in range(3)
    ]
    doctor_first = [{"role": "assistant", "content": "a doctor speaking first"}]
    rows.append({"kind": "conversation", "id": "bad", "messages": doctor_first})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _task(path: Path, **extra: Any) -> Any:
    spec = {"name": "consult", "type": "consultation", "path": str(path), "format": "medllm", **extra}
    return _parse(spec, "test")


def test_turns_alternate_and_each_model_sees_its_part(cases: Path, tmp_path: Path) -> None:
    def doctor(body: dict[str, Any]) -> str:
        return f"Doctor reply {len(body['messages']) // 2 + 1}"

    def patient_or_judge(body: dict[str, Any]) -> str:
        prompt = _last(body)
        if prompt.startswith("You are a professional, impartial, and strict scorer."):
            return "nothing useful" if "Opening question 2" in prompt else SCORES
        return "Patient: Here is my answer.\n\nDoctor: (the patient model went on)"

    with FakeOpenAIServer(reply=doctor) as doctor_server, FakeOpenAIServer(reply=patient_or_judge) as other:
        model, judge = load_model(doctor_server.base_url), load_model(other.base_url)
        result = evaluate(model, [_task(cases, turns=3)], tmp_path / "run", judge=judge)["tasks"]["consult"]
        doctor_calls = [r.body["messages"] for r in doctor_server.requests_to("/chat/completions")]
        patient_prompts = [_last(r.body) for r in other.requests_to("/chat/completions")]
    assert result["n"] == 3 and sum(result["bad_rows"].values()) == 1
    # 3 doctor turns each; the patient speaks between them (2 per case); one judgment per case.
    assert len(doctor_calls) == 9 and len(patient_prompts) == 3 * 2 + 3
    assert result["patient"] == result["judge"]  # the judge plays the patient when --patient is not given
    # The doctor sees the conversation as chat turns, never the hidden notes.
    assert [m["role"] for m in doctor_calls[-1]] == ["user", "assistant", "user", "assistant", "user"]
    assert not any("Hidden notes" in m["content"] for call in doctor_calls for m in call)
    # The patient sees the hidden notes and the transcript so far.
    first = next(p for p in patient_prompts if "Opening question 0" in p)  # requests run concurrently
    assert "Hidden notes 0: fever for 3 days." in first and "Doctor: Doctor reply 1" in first
    samples = {s["id"]: s for s in map(json.loads, (tmp_path / "run" / "samples_consult.jsonl").open())}
    transcript = samples["case-0"]["transcript"]
    assert [t["role"] for t in transcript] == ["patient", "doctor"] * 3
    assert transcript[2]["content"] == "Here is my answer."  # label and the invented doctor line removed
    assert samples["case-0"]["judge_prompt"] == judge_prompt(transcript, "cmd")
    assert samples["case-0"]["scores"] == {"proactivity": 4, "accuracy": 3, "helpfulness": 5, "linguistic_quality": 4}
    assert samples["case-2"]["scores"] is None
    assert result["unparseable"] == 1
    assert (result["proactivity"], result["accuracy"], result["overall"]) == (4.0, 3.0, 4.0)


def test_a_silent_patient_ends_the_consultation_early(cases: Path, tmp_path: Path) -> None:
    def patient_or_judge(body: dict[str, Any]) -> str:
        return SCORES if "strict scorer" in _last(body) else "  "

    with FakeOpenAIServer(reply="Tell me more.") as doctor, FakeOpenAIServer(reply=patient_or_judge) as other:
        result = evaluate(
            load_model(doctor.base_url), [_task(cases)], tmp_path / "run", judge=load_model(other.base_url)
        )["tasks"]["consult"]
    assert result["ended_early"] == 3 and result["doctor_turns"] == 1.0 and result["overall"] == 4.0


def test_patient_replies_are_cleaned() -> None:
    assert clean_patient_reply("患者：我没有做过检查。") == "我没有做过检查。"
    assert clean_patient_reply('"I have had it for two days."') == "I have had it for two days."
    assert clean_patient_reply("\n\n") == ""


@pytest.mark.usefixtures("mirror")
def test_disc_prompt_is_reproduced_for_every_published_score(mirror: Path) -> None:
    """All 1,879 GPT-4 judge prompts DISC published are rebuilt from the dialogues: 1,278 byte for byte; the other
    601 (five models' CMD files) differ only by a blank line DISC put after "[start of conversation]"."""
    dialogues = {}
    for path in (mirror / "disc-medllm/eval/dialogues").glob("*.json"):
        for row in json.loads(path.read_text(encoding="utf-8")):
            dialogues[(row["model"], row["source"], row["id"])] = row
    exact = blank = 0
    for path in (mirror / "disc-medllm/eval/gpt4_scores").glob("*/*.jsonl"):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            benchmark = "cmb-clin" if row["source"] == "CMB-clin" else row["source"].lower()
            built = judge_prompt(dialogues[(row["model"], row["source"], row["id"])]["conversation"], benchmark)
            exact += built == row["prompt"]
            blank += built.replace("conversation]\n", "conversation]\n\n", 1) == row["prompt"]
            assert read_scores(row["scores"]) is not None
    assert (exact, blank) == (1278, 601)
    assert PROMPT_CMB_CLIN != PROMPT_CMD_CMID


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Proactivity: 2\nAccuracy: 3\nHelpfulness: 4\nLinguistic Quality: 5", [2, 3, 4, 5]),
        ("Here are my scores:\n```\nProactivity: 1\nAccuracy: 1\nHelpfulness: 1\nLinguistic Quality: 2\n```", None),
        ("```\nProactivity: 4\nAccuracy: 4\nHelpfulness: 4\nLinguistic Quality: 4\n```\nThanks", [4, 4, 4, 4]),
        ("Proactivity: 6\nAccuracy: 3\nHelpfulness: 4\nLinguistic Quality: 5", None),
        ("Proactivity: 4\nAccuracy: 3", None),
    ],
)
def test_score_format(text: str, expected: list[int] | None) -> None:
    scores = read_scores(text)
    if text.startswith("Here are"):  # text before the fence is fine: the fenced block is read
        assert scores == {"proactivity": 1, "accuracy": 1, "helpfulness": 1, "linguistic_quality": 2}
        return
    assert (list(scores.values()) if scores else None) == expected


@pytest.mark.usefixtures("mirror")
def test_rejudging_with_a_judge_that_copies_gpt4_correlates_perfectly(tmp_path: Path, mirror: Path) -> None:
    published = {}
    for path in (mirror / "disc-medllm/eval/gpt4_scores").glob("*/*.jsonl"):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            published[row["prompt"].replace("conversation]\n\n", "conversation]\n", 1)] = row["scores"]

    def copy_gpt4(body: dict[str, Any]) -> str:
        return published[_last(body)]

    spec = builtin_tasks()["disc_rejudge"].model_copy(update={"benchmarks": ["cmid"]})
    with FakeOpenAIServer(reply="unused") as model, FakeOpenAIServer(reply=copy_gpt4) as judge:
        result = evaluate(
            load_model(model.base_url), [spec], tmp_path / "run", judge=load_model(judge.base_url), limit=90
        )["tasks"]["disc_rejudge"]
        assert model.requests_to("/chat/completions") == []  # re-judging never calls the evaluated model
    assert result["n"] == 90 and result["unparseable"] == 0
    assert result["judge_total"] == result["reference_total"]
    for criterion in ("proactivity", "accuracy", "helpfulness", "linguistic_quality"):
        rho = result[f"spearman_{criterion}"]
        assert math.isnan(rho) or rho == pytest.approx(1.0)
    assert result["spearman_mean"] == pytest.approx(1.0)
    assert len(result["systems"]) == 6 and result["system_spearman"] == pytest.approx(1.0)


def test_spearman() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert math.isnan(spearman([1, 2], [1, 2])) and math.isnan(spearman([3, 3, 3], [1, 2, 3]))


@pytest.mark.usefixtures("mirror")
def test_builtin_consultation_runs_with_local_models(tmp_path: Path) -> None:
    """CMB-Clin with a local doctor, patient and judge: the protocol runs end to end (scores mean nothing here)."""
    tiny = load_model("tiny-random-llama")
    spec = builtin_tasks()["disc_consult_cmid"].model_copy(
        update={"max_new_tokens": 8, "turns": 2, "patient_max_new_tokens": 8, "judge_max_new_tokens": 8}
    )
    result = evaluate(tiny, [spec], tmp_path / "run", judge=tiny, limit=2)["tasks"]["disc_consult_cmid"]
    assert result["n"] == 2 and result["judge"] == result["patient"] == "tiny-random-llama"
    sample = json.loads((tmp_path / "run" / "samples_disc_consult_cmid.jsonl").open().readline())
    assert sample["transcript"][0]["role"] == "patient" and sample["benchmark"] == "cmid"
    assert sample["judge_prompt"].startswith(PROMPT_CMD_CMID)
