"""Every stage type on tiny-random-llama with mirrored data: it runs, and moves the model the expected way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from tests.train.conftest import TINY_ARGS, train_stages, write_reply_preferences

pytestmark = pytest.mark.usefixtures("mirror")

SFT_DATA = {"train": [{"dataset": "chatdoctor-5k", "cap": 240}], "max_validation": 32}


def _only(summary: dict[str, Any]) -> dict[str, Any]:
    assert len(summary["stages"]) == 1
    return summary["stages"][0]


@pytest.fixture(scope="module")
def preferences(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(write_reply_preferences(tmp_path_factory.mktemp("prefs") / "pairs.jsonl", 200))


def _history(stage_dir: Path) -> list[dict[str, Any]]:
    return json.loads((stage_dir / "log_history.json").read_text())


def test_sft_lowers_held_out_loss_and_exports_a_standalone_model(tmp_path: Path, tiny_path: str) -> None:
    summary = train_stages(
        tmp_path,
        tiny_path,
        {"type": "sft", "data": SFT_DATA, "args": {**TINY_ARGS, "learning_rate": 3e-3, "max_length": 256}},
    )
    stage = _only(summary)
    assert stage["metrics_after"]["eval_loss"] < stage["metrics_before"]["eval_loss"] - 1.0
    assert stage["data"]["train"] + stage["data"]["validation"] == 240 and stage["data"]["validation"] > 0
    exported = Path(stage["model"])
    assert exported == tmp_path / "01-sft" / "model" and summary["final_model"] == str(exported)
    # A plain transformers folder with the training chat template, a model card and the recipe.
    tokenizer = AutoTokenizer.from_pretrained(exported)
    assert tokenizer.chat_template == AutoTokenizer.from_pretrained(tiny_path).chat_template
    card = (exported / "README.md").read_text()
    # tiny-random-llama has no hub id: no base_model, and the card names it, not its cache folder.
    assert "base_model" not in card and "`tiny-random-llama` (built by medllm)" in card and "eval_loss" in card
    assert "| [chatdoctor-5k](https://github.com/Kent0n-Li/ChatDoctor) | train |" in card
    assert "Apache-2.0; research use only; no commercial or clinical use" in card
    assert "![Training and held-out loss](loss.png)" in card and (exported / "loss.png").is_file()
    assert "chatdoctor-5k" in (exported / "recipe.yaml").read_text()
    # Nothing exported names a path of this machine (the run folder, the model cache, the checkout).
    for file in exported.iterdir():
        if file.suffix in (".md", ".json", ".yaml", ".jinja"):
            text = file.read_text()
            assert str(tmp_path) not in text and tiny_path not in text and "/work/" not in text, file.name
    assert {p.name for p in (tmp_path / "01-sft" / "plots").iterdir()} == {"loss.png", "learning_rate.png"}
    assert (tmp_path / "plots" / "held_out_loss.png").is_file()
    from medllm.models import GenerationConfig, load_model

    with load_model(str(exported), device="cpu") as model:
        reply = model.chat([[{"role": "user", "content": "I have a headache."}]], GenerationConfig(max_new_tokens=8))
    assert isinstance(reply[0], str)


def test_lora_sft_merges_into_a_plain_model(tmp_path: Path, tiny_path: str) -> None:
    summary = train_stages(
        tmp_path,
        tiny_path,
        {
            "type": "sft",
            "data": SFT_DATA,
            "peft": {"r": 8, "alpha": 16},
            "args": {**TINY_ARGS, "learning_rate": 1e-2, "max_length": 256},
        },
    )
    stage = _only(summary)
    assert stage["metrics_after"]["eval_loss"] < stage["metrics_before"]["eval_loss"]
    assert (tmp_path / "01-sft" / "adapter" / "adapter_config.json").exists()
    merged = AutoModelForCausalLM.from_pretrained(stage["model"])
    assert not any("lora" in name for name in merged.state_dict())
    base = AutoModelForCausalLM.from_pretrained(tiny_path)
    changed = [n for n, p in merged.named_parameters() if not torch.equal(p, base.state_dict()[n])]
    assert changed and all("proj" in n for n in changed)  # only adapted linear layers moved
    assert "LORA (r=8, alpha=16, merged)" in (Path(stage["model"]) / "README.md").read_text()


def test_pretrain_lowers_held_out_loss_on_text(tmp_path: Path, tiny_path: str) -> None:
    stage = _only(
        train_stages(
            tmp_path,
            tiny_path,
            {
                "type": "pretrain",
                "data": {"train": [{"dataset": "medicalgpt-pretrain"}], "max_validation": 16},
                "args": {**TINY_ARGS, "learning_rate": 3e-3, "max_length": 128},
            },
            holdout=0.1,
        )
    )
    assert stage["metrics_after"]["eval_loss"] < stage["metrics_before"]["eval_loss"] - 1.0


def test_reward_model_beats_chance_on_held_out_pairs(tmp_path: Path, tiny_path: str, preferences: str) -> None:
    summary = train_stages(
        tmp_path,
        tiny_path,
        {
            "type": "reward",
            "data": {"train": [{"path": preferences}]},
            "args": {**TINY_ARGS, "learning_rate": 1e-3, "max_length": 512},
        },
        holdout=0.1,
    )
    stage = _only(summary)
    assert stage["data"]["validation"] >= 10
    assert stage["metrics_after"]["eval_accuracy"] >= 0.9
    assert stage["metrics_after"]["eval_margin"] > stage["metrics_before"]["eval_margin"]
    # The policy passes through; the reward model is its own folder with a scalar head.
    assert summary["final_model"] == tiny_path
    from transformers import AutoModelForSequenceClassification

    assert AutoModelForSequenceClassification.from_pretrained(stage["reward_model"]).config.num_labels == 1


@pytest.mark.parametrize("kind", ["dpo", "kto"])
def test_dpo_and_kto_raise_the_chosen_rejected_margin(
    tmp_path: Path, tiny_path: str, preferences: str, kind: str
) -> None:
    stage = _only(
        train_stages(
            tmp_path,
            tiny_path,
            {
                "type": kind,
                "data": {"train": [{"path": preferences}]},
                "args": {**TINY_ARGS, "learning_rate": 1e-3, "max_length": 512, "max_steps": 10},
            },
            holdout=0.1,
        )
    )
    before, after = stage["metrics_before"], stage["metrics_after"]
    assert before["eval_rewards/margins"] == pytest.approx(0.0, abs=1e-6)  # policy == reference at the start
    assert after["eval_rewards/margins"] > 1.0


def test_orpo_lowers_held_out_loss(tmp_path: Path, tiny_path: str, preferences: str) -> None:
    stage = _only(
        train_stages(
            tmp_path,
            tiny_path,
            {
                "type": "orpo",
                "data": {"train": [{"path": preferences}]},
                "args": {**TINY_ARGS, "learning_rate": 1e-3, "max_length": 512},
            },
            holdout=0.1,
        )
    )
    assert stage["metrics_after"]["eval_loss"] < stage["metrics_before"]["eval_loss"] - 1.0


# Reward: more words per completion (up to 40), a dense signal a 1.5M model can follow in a few steps.
ONLINE = {
    "data": {"train": [{"dataset": "chatdoctor-5k", "cap": 64}], "validation": "none"},
    "rewards": [{"type": "length", "min_words": 40, "max_words": 80}],
}
ONLINE_ARGS = {
    **TINY_ARGS,
    "learning_rate": 1e-2,
    "max_completion_length": 16,
    "num_generations": 8,
    "per_device_train_batch_size": 16,
    "max_steps": 20,
}


@pytest.mark.parametrize(("kind", "extra"), [("grpo", {}), ("rloo", {"beta": 0.0, "normalize_advantages": True})])
def test_online_rl_raises_the_reward(tmp_path: Path, tiny_path: str, kind: str, extra: dict[str, Any]) -> None:
    train_stages(tmp_path, tiny_path, {"type": kind, **ONLINE, "args": {**ONLINE_ARGS, **extra}})
    rewards = [h["reward"] for h in _history(tmp_path / f"01-{kind}") if "reward" in h]
    assert len(rewards) == 20
    assert sum(rewards[-5:]) / 5 > sum(rewards[:5]) / 5 + 0.03


def test_rejection_sampling_keeps_the_best_sample_and_learns_it(tmp_path: Path, tiny_path: str) -> None:
    stage = _only(
        train_stages(
            tmp_path,
            tiny_path,
            {
                "type": "rejection_sampling",
                "data": {"train": [{"dataset": "chatdoctor-5k", "cap": 24}], "max_validation": 8},
                "rewards": [{"type": "reference_overlap"}],
                "num_samples": 4,
                "sample_max_new_tokens": 24,
                "args": {**TINY_ARGS, "learning_rate": 1e-2, "max_length": 256, "num_train_epochs": 3},
            },
        )
    )
    samples = [json.loads(line) for line in (tmp_path / "01-rejection_sampling" / "samples.jsonl").open()]
    assert len(samples) == stage["data"]["train"] and all(len(s["replies"]) == 4 for s in samples)
    for sample in samples:
        assert sample["kept"] == [max(range(4), key=lambda i: sample["scores"][i])]
    losses = [h["loss"] for h in _history(tmp_path / "01-rejection_sampling") if "loss" in h]
    assert losses[-1] < losses[0] - 1.0


def test_stages_chain_and_resume_reuses_finished_stages(tmp_path: Path, tiny_path: str, preferences: str) -> None:
    from medllm.train import parse_recipe, run_recipe

    recipe = parse_recipe(
        {
            "model": tiny_path,
            "seed": 0,
            "stages": [
                {"name": "sft", "type": "sft", "data": SFT_DATA, "args": {**TINY_ARGS, "max_steps": 3}},
                {
                    "name": "dpo",
                    "type": "dpo",
                    "data": {"train": [{"path": preferences}], "validation": "none"},
                    "args": {**TINY_ARGS, "max_steps": 2, "max_length": 512},
                },
            ],
        }
    )
    summary = run_recipe(recipe, tmp_path)
    sft = summary["stages"][0]
    assert sft["model"] == str(tmp_path / "sft" / "model")
    dpo_recipe = json.loads((tmp_path / "dpo" / "model" / "medllm_stage.json").read_text())
    assert dpo_recipe["name"] == "dpo" and summary["final_model"] == str(tmp_path / "dpo" / "model")
    dpo_card = (tmp_path / "dpo" / "model" / "README.md").read_text()
    assert "from the model of stage `sft`" in dpo_card and str(tmp_path) not in dpo_card
    stamp = (tmp_path / "dpo" / "model" / "model.safetensors").stat().st_mtime_ns
    messages: list[str] = []
    again = run_recipe(recipe, tmp_path, resume=True, on_status=messages.append)
    assert again["stages"] == summary["stages"]
    assert sum("reusing the finished stage" in m for m in messages) == 2
    assert (tmp_path / "dpo" / "model" / "model.safetensors").stat().st_mtime_ns == stamp
    # --stage reruns only that stage, from the exported model of the one before.
    run_recipe(recipe, tmp_path, only="dpo", on_status=messages.append)
    assert (tmp_path / "dpo" / "model" / "model.safetensors").stat().st_mtime_ns != stamp
