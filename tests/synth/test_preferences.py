"""``preferences``: sampled answers scored by the judge rubric or a reward model, to chosen/rejected pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medllm.records.types import Conversation, PreferencePair
from medllm.synth import run_synth
from medllm.synth.scoring import RewardModelScorer, parse_verdict
from medllm.synth.types import SynthError
from medllm.testing import FakeOpenAIServer
from tests.synth._helpers import answer_quality, fast_config, scripted_reply

CHAT = "/chat/completions"


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _conversations(tmp_path: Path) -> Path:
    def row(question: str, reply: str | None = None) -> dict:
        turns = [{"role": "user", "content": question}]
        return {"messages": turns + ([{"role": "assistant", "content": reply}] if reply else [])}

    rows = [
        row("I have had a dry cough for three days.", "Drink fluids; see a GP if it lasts."),
        row("My ankle is swollen after a fall.", "Rest, ice, and get an X-ray."),
        row("NOGRADE: what is a normal resting heart rate?", "60 to 100 beats a minute."),
        row("Is ibuprofen safe with my blood pressure tablets?"),
    ]
    path = tmp_path / "prompts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_parse_verdict_reads_only_a_score_in_range() -> None:
    assert parse_verdict("Clear and safe.\nScore: 8") == 8.0
    assert parse_verdict("**Score:** 7/10") == 7.0
    assert parse_verdict("The rubric says Score: N.\nScore: 6.5") == 6.5  # the last one counts
    assert parse_verdict("9") == 9.0
    for unreadable in ("Good answer.", "Score: 11", "Score: 0", "I'd give it a nine", ""):
        assert parse_verdict(unreadable) is None, unreadable


def test_judge_pairs_and_unparseable_verdicts(tmp_path: Path) -> None:
    out = tmp_path / "pref"
    with FakeOpenAIServer(reply=scripted_reply) as server:
        config = fast_config(
            generator="preferences", input=str(_conversations(tmp_path)), teacher=server.base_url, out=str(out)
        )
        result = run_synth(config)
        bodies = [r.body for r in server.requests_to(CHAT)]
        rerun = run_synth(config)
        resent = len(server.requests_to(CHAT)) - len(bodies)
    samples = [b for b in bodies if "Answer to grade:" not in b["messages"][-1]["content"]]
    verdicts = [b for b in bodies if "Answer to grade:" in b["messages"][-1]["content"]]
    assert len(samples) == 16 and len(verdicts) == 16  # 4 prompts x 4 samples, each graded once
    # Each sample has its own seed; the judge runs greedy with the rubric's version in the cache key.
    assert len({b["seed"] for b in samples}) == 16 and {b["temperature"] for b in verdicts} == {0.0}
    # The NOGRADE prompt's four verdicts hold no score: each is reported with its text, none scored 0.
    assert result.dropped["unparseable_verdict"] == 4 and result.dropped["too_few_scored"] == 1
    rejects = _read(out / "rejects.jsonl")
    unparseable = [r for r in rejects if r["reason"] == "unparseable_verdict"]
    assert all(r["verdict"] == "I cannot grade this answer." for r in unparseable)
    assert result.ledger["runs"][-1]["dropped"]["unparseable_verdict"] == 4
    quality = {b["seed"]: answer_quality(b) for b in samples}
    records = _read(out / "records.jsonl")
    assert len(records) + result.dropped.get("low_margin", 0) == 3
    for record in records:
        pair = PreferencePair.model_validate(record)
        synth = record["metadata"]["synth"]
        scores = {int(k): v for k, v in synth["scores"].items()}
        assert pair.chosen_score == max(scores.values()) > pair.rejected_score == min(scores.values())
        assert synth["sampling"]["seed"] != synth["rejected_sampling"]["seed"]
        assert pair.chosen_score == quality[synth["sampling"]["seed"]]
        assert pair.chosen[0].content.startswith(f"Answer with seed {synth['sampling']['seed']} ")
        assert synth["templates"] == ["preferences_answer@1", "preferences_judge@1"]
        assert synth["scorer"] == {"type": "judge", "rubric": "preferences_judge@1"}
        assert [m.role for m in pair.prompt] == ["user"]  # the sampling system prompt is not in the pair
    # The reference reply is shown to the judge when the input has one.
    shown = [b for b in verdicts if "A physician's reply" in b["messages"][-1]["content"]]
    assert len(shown) == 12
    # A rerun sends nothing and writes the same records.
    assert resent == 0 and rerun.ledger["runs"][-1]["cache_hits"] == 32
    assert _read(out / "records.jsonl") == records


def test_best_output_min_score_and_a_failed_sample(tmp_path: Path) -> None:
    source = _conversations(tmp_path)
    with FakeOpenAIServer(reply=scripted_reply) as server:
        server.fail_next(1, status=400, path=CHAT)  # the first sample of the first prompt is refused
        best = run_synth(
            fast_config(
                generator="preferences",
                input=str(source),
                teacher=server.base_url,
                out=str(tmp_path / "best"),
                params={"output": "best", "samples": "3", "min_margin": "0.5"},
            )
        )
        assert best.teacher_failed == 1
        before = len(server.requests_to(CHAT))
        again = run_synth(
            fast_config(
                generator="preferences",
                input=str(source),
                teacher=server.base_url,
                out=str(tmp_path / "best"),
                params={"output": "best", "samples": "3", "min_margin": "0.5"},
            )
        )
        retried = server.requests_to(CHAT)[before:]
        floor = run_synth(
            fast_config(
                generator="preferences",
                input=str(source),
                teacher=server.base_url,
                out=str(tmp_path / "floor"),
                cache=str(tmp_path / "best" / "cache.sqlite"),
                params={"output": "best", "samples": "3", "min_margin": "0.5", "min_score": "10.5"},
            )
        )
    # The rerun sends the refused sample and the three verdicts of that prompt, nothing else.
    assert len(retried) == 4 and again.teacher_failed == 0
    for record in _read(tmp_path / "best" / "records.jsonl"):
        conversation = Conversation.model_validate(record)
        assert [m.role for m in conversation.messages] == ["user", "assistant"]
        assert conversation.id.startswith("preferences-best-")
    assert floor.kept == 0 and floor.ledger["runs"][-1]["requests"] == 0
    assert floor.dropped.get("below_min_score", 0) == again.kept


def test_bad_settings_fail_before_any_request(tmp_path: Path, tiny_path: str) -> None:
    with FakeOpenAIServer(reply=scripted_reply) as server:
        for params, message in (
            ({"scorer": "votes"}, "scorer must be one of"),
            ({"samples": "1"}, "at least 2"),
            ({"scorer": "reward-model"}, "needs --param reward_model"),
            ({"scorer": "reward-model", "reward_model": str(tmp_path / "none")}, "no such model folder"),
            ({"scorer": "reward-model", "reward_model": tiny_path}, "not a sequence-classification model"),
            ({"min_margin": "big"}, "not a number"),
        ):
            config = fast_config(
                generator="preferences",
                input=str(_conversations(tmp_path)),
                teacher=server.base_url,
                out=str(tmp_path / "o"),
                params=params,
            )
            with pytest.raises(SynthError, match=message):
                run_synth(config)
        assert server.requests_to(CHAT) == []


@pytest.fixture(scope="module")
def reward_model(tmp_path_factory: pytest.TempPathFactory, tiny_path: str) -> Path:
    """A sequence-classification model on tiny-random-llama's backbone, saved the way a reward stage exports one.

    Its score head is random (no training): the test checks the wiring, not the model's taste.
    """
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder = tmp_path_factory.mktemp("reward") / "model"
    tokenizer = AutoTokenizer.from_pretrained(tiny_path)
    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_pretrained(tiny_path, num_labels=1)
    model.config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_reward_model_scores_the_samples(tmp_path: Path, reward_model: Path) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    out = tmp_path / "rm"
    source = _conversations(tmp_path)
    long_prompt = {"messages": [{"role": "user", "content": "my symptoms are " + "pain " * 1100}]}
    source.write_text(source.read_text() + json.dumps(long_prompt) + "\n")  # past the model's 1,024 positions
    with FakeOpenAIServer(reply=scripted_reply) as server:
        result = run_synth(
            fast_config(
                generator="preferences",
                input=str(source),
                teacher=server.base_url,
                out=str(out),
                params={"scorer": "reward-model", "reward_model": str(reward_model), "samples": "3"},
            )
        )
        bodies = [r.body for r in server.requests_to(CHAT)]
    assert len(bodies) == 15 and not any("Answer to grade" in b["messages"][-1]["content"] for b in bodies)
    assert result.kept + result.dropped.get("low_margin", 0) == 4
    # The long prompt's answers cannot be scored whole: reported, not truncated into another text's score.
    assert result.dropped["too_long_for_reward_model"] == 3 and result.dropped["too_few_scored"] == 1
    assert result.kept >= 3  # random rewards of three different answers tie only by accident
    # Scores recomputed here with transformers directly: the chat template over prompt + answer, last token's logit.
    tokenizer = AutoTokenizer.from_pretrained(reward_model)
    model = AutoModelForSequenceClassification.from_pretrained(reward_model).eval()
    for record in _read(out / "records.jsonl"):
        pair = PreferencePair.model_validate(record)
        synth = record["metadata"]["synth"]
        assert synth["scorer"]["type"] == "reward_model" and len(synth["scorer"]["sha256"]) == 64
        assert synth["templates"] == ["preferences_answer@1"]
        prompt = [m.model_dump() for m in pair.prompt]
        for side, expected in ((pair.chosen, pair.chosen_score), (pair.rejected, pair.rejected_score)):
            text = tokenizer.apply_chat_template([*prompt, side[0].model_dump()], tokenize=False)
            ids = tokenizer(text, return_tensors="pt", add_special_tokens=False)
            with torch.no_grad():
                assert model(**ids).logits[0, 0].item() == pytest.approx(expected, abs=1e-4)
        assert pair.chosen_score == pytest.approx(max(synth["scores"].values()), abs=1e-5)
        assert pair.rejected_score == pytest.approx(min(synth["scores"].values()), abs=1e-5)


def test_reward_model_scorer_refuses_a_causal_lm(tiny_path: str) -> None:
    with pytest.raises(SynthError, match="ForCausalLM"):
        RewardModelScorer(tiny_path)


def test_pairs_load_as_dpo_training_data(tmp_path: Path) -> None:
    from medllm.train.data import load_stage_data
    from medllm.train.recipe import DataSpec

    out = tmp_path / "pref"
    with FakeOpenAIServer(reply=scripted_reply) as server:
        result = run_synth(
            fast_config(
                generator="preferences", input=str(_conversations(tmp_path)), teacher=server.base_url, out=str(out)
            )
        )
    data = load_stage_data(DataSpec(train=[{"path": out / "records.jsonl"}], validation="none"), "dpo", seed=0)
    assert len(data.train) == result.kept and all(isinstance(r, PreferencePair) for r in data.train)


@pytest.mark.slow
def test_a_reward_model_trained_by_medllm_train_picks_the_full_reply(
    tmp_path: Path, tiny_path: str, mirror: Path
) -> None:
    """End to end: `medllm train` learns "a whole doctor's reply beats its first sentence", then ranks samples.

    The scripted teacher answers each prompt's first sample with the doctor's whole reply and its second
    with that reply's first sentence; prompts are ChatDoctor dialogues the reward model never saw.
    """
    import re
    import threading

    from medllm.datasets import iter_records
    from medllm.train import parse_recipe, run_recipe
    from tests.train.conftest import TINY_ARGS, write_reply_preferences

    pairs = write_reply_preferences(tmp_path / "pairs.jsonl", 200)
    seen = {json.loads(line)["prompt"] for line in pairs.read_text().splitlines()}
    recipe = {
        "model": tiny_path,
        "seed": 0,
        "stages": [
            {
                "type": "reward",
                "data": {"train": [{"path": str(pairs)}]},
                "args": {**TINY_ARGS, "learning_rate": 1e-3, "max_length": 512},
            }
        ],
    }
    summary = run_recipe(parse_recipe(recipe), tmp_path / "train")
    reward_model = summary["stages"][0]["reward_model"]
    replies: dict[str, str] = {}
    for record in iter_records("chatdoctor-5k"):
        question, reply = record.messages[-2].content.strip(), record.messages[-1].content
        if record.messages[-2].content in seen or len(question) > 400 or len(reply) > 600:
            continue
        if len(re.split(r"(?<=[.!?])\s+", reply.strip())) >= 3:
            replies[question] = reply.strip()
        if len(replies) == 30:
            break
    source = tmp_path / "prompts.jsonl"
    source.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q}]}) + "\n" for q in replies))
    answered: set[str] = set()
    lock = threading.Lock()

    def reply(body: dict) -> str:
        question = body["messages"][-1]["content"]
        with lock:
            first = question not in answered
            answered.add(question)
        full = replies[question]
        return full if first else re.split(r"(?<=[.!?])\s+", full)[0]

    with FakeOpenAIServer(reply=reply) as server:
        result = run_synth(
            fast_config(
                generator="preferences",
                input=str(source),
                teacher=server.base_url,
                out=str(tmp_path / "pref"),
                concurrency=1,
                params={"scorer": "reward-model", "reward_model": reward_model, "samples": "2"},
            )
        )
    kept = [PreferencePair.model_validate(r) for r in _read(tmp_path / "pref" / "records.jsonl")]
    right = sum(p.chosen[0].content == replies[p.prompt[-1].content] for p in kept)
    print(f"reward model chose the whole reply in {right} of {len(kept)} pairs; dropped {result.dropped}")
    assert result.teacher_failed == 0 and len(kept) == 30 and right >= 27
