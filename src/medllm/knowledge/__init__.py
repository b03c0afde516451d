"""Knowledge bases for grounded answers: build from sources, search with BM25, MiniLM or both, gate by relevance.

::

    from medllm.knowledge import KnowledgeBase, build_kb

    build_kb(["chatdoctor-kb"], "kb/chatdoctor")
    kb = KnowledgeBase.open("kb/chatdoctor")
    found = kb.retrieve("I have a fever and a stiff neck", k=5)
    passages = found.hits if found.relevant else []

The on-disk format, the CLI (``medllm kb``), the gate and the benchmark are described in docs/knowledge.md.
"""

from medllm.knowledge.build import BM25_PARAMS, add_to_kb, build_kb
from medllm.knowledge.chunking import DEFAULT_CHUNK_TOKENS, DEFAULT_OVERLAP, ChunkSettings
from medllm.knowledge.encoder import Encoder, MiniLMEncoder, default_encoder
from medllm.knowledge.gate import DEFAULT_THRESHOLDS, GATE_SCORE
from medllm.knowledge.kb import MAX_QUERY_CHARS, MODES, RRF_K, KnowledgeBase
from medllm.knowledge.store import FORMAT_VERSION
from medllm.knowledge.types import Chunk, KBError, Retrieval, SearchHit

__all__ = [
    "BM25_PARAMS",
    "DEFAULT_CHUNK_TOKENS",
    "DEFAULT_OVERLAP",
    "DEFAULT_THRESHOLDS",
    "FORMAT_VERSION",
    "GATE_SCORE",
    "MAX_QUERY_CHARS",
    "MODES",
    "RRF_K",
    "Chunk",
    "ChunkSettings",
    "Encoder",
    "KBError",
    "KnowledgeBase",
    "MiniLMEncoder",
    "Retrieval",
    "SearchHit",
    "add_to_kb",
    "build_kb",
    "default_encoder",
]
