"""Training the real SmolLM2-135M-Instruct (slow: minutes on 2 CPU cores; ``make test-all`` runs them).

The fast tests use tiny-random-llama; these check the same properties on the embedded real model and its
own chat template (no ``{% generation %}`` markers): packed dialogues do not see each other, LoRA SFT on
ChatDoctor lowers the held-out loss, and the exported card names the model's hub id.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.train.conftest import train_stages

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("mirror")]

MODEL = "smollm2-135m-instruct"


def test_smollm2_packed_rows_give_the_unpacked_held_out_loss(tmp_path: Path) -> None:
    from medllm.models import model_folder
    from medllm.train.data import load_stage_data
    from medllm.train.recipe import DataSpec, StageSpec
    from medllm.train.stages import StageContext, new_stage

    folder = model_folder(MODEL)
    data = load_stage_data(
        DataSpec.model_validate({"train": [{"dataset": "chatdoctor-5k", "cap": 40}], "max_validation": 12}),
        "sft",
        seed=0,
        holdout=0.3,
    )
    losses = {}
    for packing in (False, True):
        args = {"packing": packing, "max_length": 1024, "per_device_eval_batch_size": 64, "report_to": "none"}
        spec = StageSpec.model_validate(
            {"type": "sft", "data": {"train": [{"dataset": "chatdoctor-5k"}]}, "args": args}
        )
        stage = new_stage(spec, StageContext(model=folder, base_model=MODEL, output_dir=tmp_path / str(packing)))
        tokenizer = stage.load_tokenizer()
        train, validation = stage.build_datasets(data, tokenizer)
        trainer = stage.build_trainer(stage.load_model(), tokenizer, stage.config, train, validation, None)
        if packing:
            assert len(trainer.eval_dataset) < len(validation)
        losses[packing] = trainer.evaluate()["eval_loss"]
    assert losses[True] == pytest.approx(losses[False], abs=1e-4)


def test_smollm2_lora_sft_lowers_held_out_loss_and_names_the_hub_id(tmp_path: Path) -> None:
    summary = train_stages(
        tmp_path,
        MODEL,
        {
            "type": "sft",
            "peft": {"r": 8, "alpha": 16},
            "data": {"train": [{"dataset": "chatdoctor-5k", "cap": 120}], "max_validation": 16},
            "args": {
                "max_steps": 15,
                "per_device_train_batch_size": 4,
                "max_length": 512,
                "learning_rate": 2e-4,
                "logging_steps": 5,
                "save_strategy": "no",
            },
        },
        holdout=0.15,
    )
    stage = summary["stages"][0]
    assert stage["metrics_after"]["eval_loss"] < stage["metrics_before"]["eval_loss"] - 0.05
    card = (Path(stage["model"]) / "README.md").read_text()
    assert "base_model: HuggingFaceTB/SmolLM2-135M-Instruct" in card and "/.cache/" not in card
    assert "The base model's weights are licensed Apache-2.0" in card
