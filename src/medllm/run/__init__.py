"""Whole-recipe runs (``medllm run``): data, training, evaluation, knowledge base and report from one YAML file."""

from medllm.run.recipe import RunRecipe, StepSpec, load_run_recipe
from medllm.run.runner import check_gpu_steps, run

__all__ = ["RunRecipe", "StepSpec", "check_gpu_steps", "load_run_recipe", "run"]
