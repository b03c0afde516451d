"""Data-parallel training with two CPU processes (gloo), launched the way a cluster job is: torchrun."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.usefixtures("mirror")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_two_process_ddp_trains_and_exports_once(tmp_path: Path, tiny_path: str) -> None:
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        yaml.safe_dump(
            {
                "model": tiny_path,
                "seed": 0,
                "stages": [
                    {
                        "name": "sft",
                        "type": "sft",
                        "data": {"train": [{"dataset": "chatdoctor-5k", "cap": 128}], "max_validation": 16},
                        "args": {
                            "learning_rate": 3e-3,
                            "max_length": 256,
                            "per_device_train_batch_size": 4,
                            "logging_steps": 1,
                            "save_strategy": "no",
                        },
                    }
                ],
            }
        )
    )
    output = tmp_path / "run"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    command = [
        sys.executable, "-m", "torch.distributed.run",
        "--nproc_per_node", "2", "--master_addr", "127.0.0.1", "--master_port", str(_free_port()),
        "-m", "medllm.cli.main", "train", str(recipe), "--output", str(output), "--json",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    stage = json.loads((output / "sft" / "DONE").read_text())["result"]
    history = json.loads((output / "sft" / "log_history.json").read_text())
    train_rows = stage["data"]["train"]
    # Two processes of 4 rows each: one optimizer step covers 8 rows, so an epoch takes half the steps.
    steps = max(h["step"] for h in history)
    assert steps == -(-train_rows // 8), (steps, train_rows)
    assert stage["metrics_after"]["eval_loss"] < stage["metrics_before"]["eval_loss"]
    assert (output / "sft" / "model" / "model.safetensors").exists()


def test_exactly_one_cpu_process_is_the_main_one(tmp_path: Path) -> None:
    """On a machine without an accelerator, a bare ``PartialState()`` makes every torchrun process main."""
    script = tmp_path / "ranks.py"
    script.write_text(
        "import json, os\n"
        "from medllm.train.runner import process_state\n"
        "state = process_state()\n"
        "rank = os.environ['RANK']\n"
        "row = [rank, state.process_index, state.num_processes, state.is_main_process]\n"
        "with open(os.path.join(os.path.dirname(__file__), f'rank{rank}.json'), 'w') as out:\n"
        "    out.write(json.dumps(row))\n"
    )  # one file per rank: the ranks' lines on a shared stdout can interleave
    command = [
        sys.executable, "-m", "torch.distributed.run",
        "--nproc_per_node", "2", "--master_addr", "127.0.0.1", "--master_port", str(_free_port()), str(script),
    ]  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads((tmp_path / f"rank{rank}.json").read_text()) for rank in (0, 1)]
    assert rows == [["0", 0, 2, True], ["1", 1, 2, False]]
