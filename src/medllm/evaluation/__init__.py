"""Evaluation pieces shared with training: exam prompts and answer extraction, reference-overlap metrics."""

from medllm.evaluation.answers import extract_choice, extract_choices, mcq_prompt
from medllm.evaluation.reference import rouge_l_f1, words

__all__ = ["extract_choice", "extract_choices", "mcq_prompt", "rouge_l_f1", "words"]
