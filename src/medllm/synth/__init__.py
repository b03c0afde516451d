"""Teacher-LLM data synthesis: generators that turn seed data into training records through a teacher model.

The teacher client (:mod:`medllm.synth.client`) bounds concurrency, honours rate limits, retries
transient failures and caches every reply (:mod:`medllm.synth.cache`); the ledger counts requests,
retries, tokens and cost (:mod:`medllm.synth.ledger`); prompts are versioned Jinja templates
(:mod:`medllm.synth.templates`). Run one with :func:`run_synth` or ``medllm synth NAME``.
"""

from medllm.synth.generators import GENERATORS, get_generator
from medllm.synth.rouge import RougePool, filter_texts, rouge_tokens
from medllm.synth.runner import SynthConfig, SynthResult, run_synth
from medllm.synth.types import Sampling, SynthError, TeacherFailed, TeacherRequest, TeacherResponse

__all__ = [
    "GENERATORS",
    "RougePool",
    "Sampling",
    "SynthConfig",
    "SynthError",
    "SynthResult",
    "TeacherFailed",
    "TeacherRequest",
    "TeacherResponse",
    "filter_texts",
    "get_generator",
    "rouge_tokens",
    "run_synth",
]
