"""Test-wide settings: offline, a persistent test cache inside the checkout, the shared data mirror."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Any hub call fails here anyway; make it fail fast. Set before transformers is imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
# Built models (tiny-random-llama, the converted SmolLM2) are cached across runs of one checkout.
os.environ.setdefault("MEDLLM_CACHE", str(REPO / ".cache" / "medllm-test"))
_default_mirror = REPO.parent / "shared" / "datasets"
if not os.environ.get("MEDLLM_DATA_MIRROR") and _default_mirror.is_dir():
    os.environ["MEDLLM_DATA_MIRROR"] = str(_default_mirror)


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The read-only public data mirror; tests that read real files skip when it is absent."""
    path = Path(os.environ.get("MEDLLM_DATA_MIRROR", ""))
    if not path.is_dir():
        pytest.skip("no data mirror: set MEDLLM_DATA_MIRROR to ../shared/datasets")
    return path


@pytest.fixture(scope="session")
def tiny_path() -> str:
    """The folder of ``tiny-random-llama`` (seed 0), built once per test cache."""
    from medllm.models import model_folder

    return model_folder("tiny-random-llama")
