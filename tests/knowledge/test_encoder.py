"""The packaged MiniLM, for real: the one test that loads it (about 10 s on 2 cores)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from medllm.knowledge import KnowledgeBase, build_kb, default_encoder
from medllm.knowledge.encoder import MINILM_DIM, MINILM_NAME
from tests.knowledge.conftest import write_jsonl


def test_minilm_dense_search_and_single_query_path(tmp_path: Path) -> None:
    docs = [
        {"id": "mi", "title": "Myocardial infarction", "text": "Blockage of a coronary artery kills heart muscle."},
        {"id": "derm", "title": "Eczema", "text": "Itchy, dry and inflamed patches of skin."},
        {"id": "gi", "title": "Gastroenteritis", "text": "Diarrhoea and vomiting from a gut infection."},
    ]
    result = build_kb([write_jsonl(tmp_path / "docs.jsonl", docs)], tmp_path / "kb")  # the default encoder
    kb = KnowledgeBase.open(tmp_path / "kb")
    assert kb.stats()["embedding"]["model"] == MINILM_NAME and kb.stats()["embedding"]["dim"] == MINILM_DIM
    assert result["chunks"] == 3
    # No word in common with the document: only the dense side can find it.
    found = kb.retrieve("heart attack", k=3, mode="dense")
    assert found.hits[0].doc_id == "docs.jsonl:mi" and 0.3 < found.relevance <= 1.0
    assert kb.search("my skin is itchy", k=1, mode="hybrid")[0].doc_id == "docs.jsonl:derm"
    encoder = default_encoder()
    texts = ["I have a fever and a stiff neck", "stomach cramps after meals, what could it be?"]
    batch = encoder.encode(texts)
    singles = np.vstack([encoder.encode([t]) for t in texts])
    assert batch.shape == (2, MINILM_DIM) and batch.dtype == np.float32
    np.testing.assert_allclose(singles, batch, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
