"""Fixtures of the synth tests (helpers live in ``_helpers``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synth._helpers import write_mcq_file


@pytest.fixture()
def mcq_file(tmp_path: Path) -> Path:
    return write_mcq_file(tmp_path / "mcq.jsonl", 12)
