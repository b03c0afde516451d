"""Training: continued pre-training, SFT, reward models, DPO/ORPO/KTO, GRPO/RLOO and rejection sampling.

A YAML recipe (:mod:`medllm.train.recipe`) lists stages that run in order on TRL, PEFT and
transformers (:mod:`medllm.train.stages`); :func:`run_recipe` runs them and exports each stage's model.
"""

from medllm.train.recipe import DataSpec, PeftSpec, SourceRef, StageSpec, TrainRecipe, load_recipe, parse_recipe
from medllm.train.runner import run_recipe
from medllm.train.templates import NAMED_TEMPLATES, assistant_spans, tokenize_conversation

__all__ = [
    "NAMED_TEMPLATES",
    "DataSpec",
    "PeftSpec",
    "SourceRef",
    "StageSpec",
    "TrainRecipe",
    "assistant_spans",
    "load_recipe",
    "parse_recipe",
    "run_recipe",
    "tokenize_conversation",
]
