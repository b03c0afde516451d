"""Kill and resume: a training process killed (SIGKILL) mid-run resumes from its last checkpoint and ends
with the same model as a run that was never interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from safetensors.torch import load_file

pytestmark = pytest.mark.usefixtures("mirror")

MEDLLM = [sys.executable, "-m", "medllm.cli.main"]


def _recipe(path: Path, model: str) -> Path:
    recipe = {
        "model": model,
        "seed": 3,
        "stages": [
            {
                "name": "sft",
                "type": "sft",
                "data": {"train": [{"dataset": "chatdoctor-5k", "cap": 200}], "max_validation": 16},
                "args": {
                    "learning_rate": 3e-3,
                    "max_length": 256,
                    "per_device_train_batch_size": 8,
                    "max_steps": 24,
                    "save_steps": 4,
                    "logging_steps": 1,
                },
            }
        ],
    }
    path.write_text(yaml.safe_dump(recipe))
    return path


def _train(recipe: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MEDLLM, "train", str(recipe), "--output", str(output), *extra],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_killed_run_resumes_to_the_same_model(tmp_path: Path, tiny_path: str) -> None:
    recipe = _recipe(tmp_path / "recipe.yaml", tiny_path)
    reference = _train(recipe, tmp_path / "reference")
    assert reference.returncode == 0, reference.stderr[-2000:]

    output = tmp_path / "killed"
    checkpoints = output / "sft" / "checkpoints"
    process = subprocess.Popen(
        [*MEDLLM, "train", str(recipe), "--output", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not (checkpoints / "checkpoint-8" / "trainer_state.json").exists():
        assert process.poll() is None, "training ended before it could be killed"
        assert time.monotonic() < deadline, "no checkpoint-8 within 300 s"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (output / "sft" / "model").exists(), "the run finished before the kill"

    resumed = _train(recipe, output, "--resume")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "resuming from" in resumed.stderr and "checkpoint-" in resumed.stderr

    expected = load_file(tmp_path / "reference" / "sft" / "model" / "model.safetensors")
    actual = load_file(output / "sft" / "model" / "model.safetensors")
    assert expected.keys() == actual.keys()
    for name, tensor in expected.items():
        assert (actual[name] - tensor).abs().max().item() < 1e-5, name
