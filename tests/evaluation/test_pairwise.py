"""AlpaCare's pairwise protocol: both orders, ties as half, unparseable verdicts counted, resumable logs."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from medllm.evaluation.pairwise import model_score, parse_verdict
from medllm.evaluation.runner import evaluate
from medllm.evaluation.tasks import _parse, builtin_tasks
from medllm.io.issues import DataError
from medllm.models import load_model
from medllm.testing import FakeOpenAIServer


def _prompt_of(body: dict[str, Any]) -> str:
    return body["messages"][-1]["content"]


def _task(path: Path, **extra: Any) -> Any:
    return _parse({"name": "pw", "type": "pairwise", "path": str(path), "max_new_tokens": 8, **extra}, "test")


@pytest.fixture()
def references(tmp_path: Path) -> Path:
    path = tmp_path / "refs.jsonl"
    rows = [
        {"instruction": f"Question {i}: what should I do about symptom {i}?", "output": f"REFERENCE-{i}"}
        for i in range(6)
    ]
    rows.insert(3, {"instruction": "a question without a reference answer", "output": ""})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Output (a)", "a"),
        ("output (B)", "b"),
        ("Output a is better.", "a"),
        ("(b)", "b"),
        ("Tie", "tie"),
        ("It's a tie.", "tie"),
        ("I cannot decide", None),
        ("", None),
    ],
)
def test_verdicts_are_parsed(text: str, verdict: str | None) -> None:
    assert parse_verdict(text) == verdict


def test_scores_follow_the_position_of_the_model() -> None:
    assert model_score("a", "a") == 1.0 and model_score("a", "b") == 0.0
    assert model_score("tie", "a") == 0.5 and model_score(None, "a") is None


def _judge_by_content(body: dict[str, Any]) -> str:
    """Prefers whichever output is the model's answer ("MODEL"), except on item 2: a tie; item 4: gibberish."""
    prompt = _prompt_of(body)
    if "Question 2" in prompt:
        return "Tie"
    if "Question 4" in prompt:
        return "no idea"
    output_a = prompt.split("## Output (a):")[1].split("## Output (b):")[0]
    return "Output (a)" if "MODEL" in output_a else "Output (b)"


def test_protocol_with_a_judge_that_prefers_the_model(references: Path, tmp_path: Path) -> None:
    with (
        FakeOpenAIServer(reply=lambda body: "MODEL answer") as model_server,
        FakeOpenAIServer(reply=_judge_by_content) as judge_server,
    ):
        model, judge = load_model(model_server.base_url), load_model(judge_server.base_url)
        summary = evaluate(model, [_task(references)], tmp_path / "run", judge=judge)
        result = summary["tasks"]["pw"]
        judge_prompts = [_prompt_of(r.body) for r in judge_server.requests_to("/chat/completions")]
    # 6 answered items, the row without a reference answer counted, not judged.
    assert result["n"] == 6 and sum(result["bad_rows"].values()) == 1
    assert result["judgments"] == 12 and len(judge_prompts) == 12
    # 4 items won in both orders (8 wins), item 2 tied twice, item 4 unparseable twice.
    assert (result["wins"], result["ties"], result["losses"], result["unparseable"]) == (8, 2, 0, 2)
    assert result["win_rate"] == pytest.approx((8 + 0.5 * 2) / 10)
    assert result["win_rate_strict"] == pytest.approx((8 + 0.5 * 2) / 12)
    assert result["position_consistency"] == 1.0
    samples = [json.loads(line) for line in (tmp_path / "run" / "samples_pw.jsonl").open()]
    first = samples[0]
    assert [j["order"] for j in first["judgments"]] == ["model_first", "reference_first"]
    # The exact strings sent: the model's answer is (a) in the first order and (b) in the second.
    assert "## Output (a):\nMODEL answer\n" in first["judgments"][0]["prompt"]
    assert "## Output (b):\nMODEL answer\n" in first["judgments"][1]["prompt"]
    assert first["judgments"][0]["prompt"] in judge_prompts


def test_a_judge_that_always_picks_the_first_output_scores_one_half(references: Path, tmp_path: Path) -> None:
    with (
        FakeOpenAIServer(reply=lambda body: "MODEL answer") as model_server,
        FakeOpenAIServer(reply=lambda body: "Output (a)") as judge_server,
    ):
        model, judge = load_model(model_server.base_url), load_model(judge_server.base_url)
        result = evaluate(model, [_task(references)], tmp_path / "run", judge=judge)["tasks"]["pw"]
    assert result["win_rate"] == 0.5 and result["position_consistency"] == 0.0
    assert (result["wins"], result["losses"]) == (6, 6)


def test_a_rerun_resumes_and_sends_nothing_twice(references: Path, tmp_path: Path) -> None:
    with (
        FakeOpenAIServer(reply=lambda body: "MODEL answer") as model_server,
        FakeOpenAIServer(reply=lambda body: "Tie") as judge_server,
    ):
        model, judge = load_model(model_server.base_url), load_model(judge_server.base_url)
        evaluate(model, [_task(references)], tmp_path / "run", judge=judge, limit=3)
        sent = len(judge_server.requests_to("/chat/completions"))
        summary = evaluate(model, [_task(references)], tmp_path / "run", judge=judge)
        assert len(judge_server.requests_to("/chat/completions")) == sent + 2 * 3
    assert summary["tasks"]["pw"]["n"] == 6 and summary["tasks"]["pw"]["win_rate"] == 0.5


def test_a_judged_task_without_a_judge_fails_before_any_work(references: Path, tmp_path: Path) -> None:
    with FakeOpenAIServer(reply="x") as server:
        with pytest.raises(DataError, match="--judge"):
            evaluate(load_model(server.base_url), [_task(references)], tmp_path / "run")
        assert server.requests_to("/chat/completions") == []


@pytest.mark.usefixtures("mirror")
def test_builtin_alpacare_task_runs_with_local_models(tmp_path: Path) -> None:
    """The mirrored iCliniq references, a local model answering and judging: the numbers mean nothing at this
    size, but every item gets two judgments and each is parsed or counted."""
    tiny = load_model("tiny-random-llama")
    spec = builtin_tasks()["alpacare_icliniq_gpt4"].model_copy(update={"max_new_tokens": 8})
    result = evaluate(tiny, [spec], tmp_path / "run", judge=tiny, limit=2)["tasks"]["alpacare_icliniq_gpt4"]
    assert result["n"] == 2 and result["judgments"] == 4
    assert result["wins"] + result["ties"] + result["losses"] + result["unparseable"] == 4
    assert result["reference"] == "gpt-4" and result["judge"] == "tiny-random-llama"
    assert math.isnan(result["win_rate"]) or 0 <= result["win_rate"] <= 1
