"""The de-identifier the rule tests share: the default one, built once per test session (spaCy loads once)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def deid():
    pytest.importorskip("presidio_analyzer")
    from medllm.deid import default_deidentifier

    return default_deidentifier()
