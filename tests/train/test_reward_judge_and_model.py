"""The ``judge`` and ``reward_model`` rewards: scripted judges, a locally built reward model, and what an
unparseable verdict does (no reward, counted, warned, left out of the advantage)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
import torch

from medllm.io.issues import DataError
from medllm.testing import FakeOpenAIServer
from medllm.train.recipe import RewardFunctionSpec
from medllm.train.rewards import (
    JointRewards,
    build_rewards,
    judge_reward,
    load_reward_model,
    parse_score,
    reward_model_scores,
    score_completions,
)
from tests.train.conftest import TINY_ARGS, train_stages

PROMPTS = [[{"role": "user", "content": "I have a fever and a stiff neck."}]] * 3
COMPLETIONS = [
    [{"role": "assistant", "content": "Go to the emergency department now."}],
    [{"role": "assistant", "content": "Drink water."}],
    [{"role": "assistant", "content": "Rest."}],
]
REFERENCES = ["Fever with a stiff neck can be meningitis: go to the emergency department now."] * 3


def _answer(body: dict[str, Any]) -> str:
    """A scripted judge: grades by the answer it is shown; one verdict has no score in it."""
    prompt = body["messages"][-1]["content"]
    answer = prompt.split("Answer to grade:\n", 1)[1]
    if "emergency" in answer:
        return "Score: 9"
    if "Drink water" in answer:
        return "The answer is unsafe."  # no number: unparseable
    return "3"


def test_parse_score_reads_scores_and_refuses_the_rest() -> None:
    assert parse_score("Score: 7") == 0.7
    assert parse_score("score=10, because ...") == 1.0
    assert parse_score("  4 out of 10") == 0.4
    assert parse_score("The answer is unsafe.") is None
    assert parse_score("Score: 0") is None  # outside 1-10
    assert parse_score("") is None


def test_judge_reward_counts_and_warns_about_unparseable_verdicts(caplog: pytest.LogCaptureFixture) -> None:
    # caplog listens on the root logger; a CLI test earlier in the session may have stopped "medllm"
    # records propagating there, so listen on the module's logger itself.
    rewards_logger = logging.getLogger("medllm.train.rewards")
    rewards_logger.disabled = False
    rewards_logger.addHandler(caplog.handler)
    try:
        _judge_and_check(caplog)
    finally:
        rewards_logger.removeHandler(caplog.handler)


def _judge_and_check(caplog: pytest.LogCaptureFixture) -> None:
    logged: list[tuple[str, float]] = []
    with FakeOpenAIServer(reply=_answer) as server, caplog.at_level(logging.WARNING, "medllm.train.rewards"):
        judge = judge_reward(server.base_url)
        scores = judge(PROMPTS, COMPLETIONS, reference=REFERENCES, log_metric=lambda n, v: logged.append((n, v)))
        requests = [r.body for r in server.requests if r.path.endswith("/chat/completions")]
    assert scores == [0.9, None, 0.3]  # never 0 for a verdict that could not be read
    assert judge.counts.verdicts == 3 and judge.counts.unparseable == 1
    assert logged == [("judge/unparseable", pytest.approx(1 / 3))]
    assert "1 of 3 verdicts had no score" in caplog.text and "The answer is unsafe." in caplog.text
    # The judge saw the question, the physician's reference and the answer, greedily. The verdicts are
    # asked concurrently, so the server's arrival order is not the batch order: find the request by answer.
    assert len(requests) == 3
    shown_requests = [r for r in requests if "Answer to grade:\nGo to the emergency" in r["messages"][0]["content"]]
    assert len(shown_requests) == 1
    shown = shown_requests[0]["messages"][0]["content"]
    assert "stiff neck" in shown and "meningitis" in shown
    assert all(r.get("temperature") == 0.0 for r in requests)


def test_a_failed_verdict_empties_every_reward_of_that_sample() -> None:
    """TRL leaves a sample out of the advantage only when every reward is None for it."""
    with FakeOpenAIServer(reply=_answer) as server:
        specs = [
            RewardFunctionSpec(type="judge", model=server.base_url),
            RewardFunctionSpec(type="length", min_words=1, max_words=50),
        ]
        funcs, processing = build_rewards(specs, {})
        assert processing == [None, None] and [f.__name__ for f in funcs] == ["judge", "length"]
        columns = {"reference": REFERENCES, "answer": [""] * 3, "letters": [""] * 3}
        judged = funcs[0](prompts=PROMPTS, completions=COMPLETIONS, **columns)
        lengths = funcs[1](prompts=PROMPTS, completions=COMPLETIONS, **columns)
        assert judged == [0.9, None, 0.3] and lengths == [1.0, None, 1.0]
        calls = len([r for r in server.requests if r.path.endswith("/chat/completions")])
        assert calls == 3  # the second column came from the same scoring of the batch
        # Rejection sampling: the unscorable reply has no total, so it can never be kept as the best.
        totals = score_completions(funcs, processing, [1.0, 0.5], PROMPTS, COMPLETIONS, **columns)
        assert totals == [pytest.approx(1.4), None, pytest.approx(0.8)]


def test_joint_rewards_keep_not_applicable_apart_from_failed() -> None:
    """``None`` from a reward that does not apply (no gold letter) stays in its column only."""

    def gate(prompts: list, completions: list, **_: Any) -> list:
        return [1.0, None, 1.0]

    gate.leaves_out_unscored = True  # type: ignore[attr-defined]

    def optional(prompts: list, completions: list, **_: Any) -> list:
        return [None, 0.5, 0.5]

    joint = JointRewards([gate, optional])
    assert joint.score(["p"] * 3, ["a", "b", "c"]) == [[1.0, None, 1.0], [None, None, 0.5]]


@pytest.fixture(scope="module")
def reward_model_dir(tmp_path_factory: pytest.TempPathFactory, tiny_path: str) -> str:
    """A reward model built locally: tiny-random-llama's body with a scalar head (random, seeded)."""
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    folder = tmp_path_factory.mktemp("reward_model")
    torch.manual_seed(0)
    config = AutoConfig.from_pretrained(tiny_path, num_labels=1)
    model = AutoModelForSequenceClassification.from_config(config)
    tokenizer = AutoTokenizer.from_pretrained(tiny_path)
    model.config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


def test_reward_model_scores_do_not_depend_on_batch_padding(reward_model_dir: str) -> None:
    model, tokenizer = load_reward_model(reward_model_dir, {})
    batch = reward_model_scores(model, tokenizer, PROMPTS, COMPLETIONS)
    alone = [reward_model_scores(model, tokenizer, [p], [c])[0] for p, c in zip(PROMPTS, COMPLETIONS, strict=True)]
    assert batch == pytest.approx(alone, abs=1e-5)
    assert len(set(batch)) == 3  # the scalar head reads each conversation, not a constant
    # By the name of an earlier reward stage, too; anything else is refused with the names there are.
    model2, _ = load_reward_model("rm", {"rm": reward_model_dir})
    assert reward_model_scores(model2, tokenizer, PROMPTS, COMPLETIONS) == pytest.approx(batch)
    with pytest.raises(DataError, match="neither an earlier reward stage \\(rm\\) nor a model folder"):
        load_reward_model("missing", {"rm": reward_model_dir})


def test_reward_model_goes_to_trl_as_a_model_and_scores_rejection_samples(reward_model_dir: str) -> None:
    funcs, processing = build_rewards([RewardFunctionSpec(type="reward_model", model=reward_model_dir)], {})
    assert isinstance(funcs[0], torch.nn.Module) and processing[0] is not None
    totals = score_completions(funcs, processing, [2.0], PROMPTS, COMPLETIONS)
    expected = reward_model_scores(funcs[0], processing[0], PROMPTS, COMPLETIONS)
    assert totals == pytest.approx([2 * score for score in expected])


ONLINE_ARGS = {
    **TINY_ARGS,
    "learning_rate": 1e-2,
    "max_completion_length": 8,
    "num_generations": 4,
    "per_device_train_batch_size": 8,
    "max_steps": 2,
    "beta": 0.0,
}
ONLINE_DATA = {"train": [{"dataset": "chatdoctor-5k", "cap": 16}], "validation": "none"}


@pytest.mark.usefixtures("mirror")
def test_rloo_with_a_judge_that_never_scores_leaves_the_policy_unchanged(tmp_path: Path, tiny_path: str) -> None:
    """Every verdict unparseable: every sample is left out of the advantage, though the length reward
    could score it, so the policy does not move (a reward of 0 would have let the length reward train it)."""
    from safetensors.torch import load_file

    with FakeOpenAIServer(reply="I cannot grade this.") as server:
        rewards = [{"type": "judge", "model": server.base_url}, {"type": "length", "min_words": 40, "max_words": 80}]
        train_stages(
            tmp_path, tiny_path, {"type": "rloo", "data": ONLINE_DATA, "rewards": rewards, "args": ONLINE_ARGS}
        )
    history = json.loads((tmp_path / "01-rloo" / "log_history.json").read_text())
    assert [h["judge/unparseable"] for h in history if "judge/unparseable" in h] == [1.0, 1.0]
    before = load_file(str(Path(tiny_path) / "model.safetensors"))
    after = load_file(str(tmp_path / "01-rloo" / "model" / "model.safetensors"))
    assert all(torch.equal(before[name], after[name]) for name in before)


@pytest.mark.usefixtures("mirror")
def test_rloo_trains_on_a_reward_model(tmp_path: Path, tiny_path: str, reward_model_dir: str) -> None:
    """TRL runs the reward model itself (tokenised with its own chat template): one step, a finite reward."""
    import math

    rewards = [{"type": "reward_model", "model": reward_model_dir}]
    args = {**ONLINE_ARGS, "max_steps": 1}
    train_stages(tmp_path, tiny_path, {"type": "rloo", "data": ONLINE_DATA, "rewards": rewards, "args": args})
    history = json.loads((tmp_path / "01-rloo" / "log_history.json").read_text())
    scored = [h["reward"] for h in history if "reward" in h]
    assert len(scored) == 1 and math.isfinite(scored[0]) and scored[0] != 0.0
