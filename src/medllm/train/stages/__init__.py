"""Stage types, by the name a recipe gives them. Each module imports TRL only when its stage runs."""

from __future__ import annotations

import dataclasses
import importlib

from medllm.io.issues import DataError
from medllm.train.recipe import StageSpec
from medllm.train.stages.base import Stage, StageContext, StageResult

#: stage type -> "module:Class"
STAGES: dict[str, str] = {
    "pretrain": "medllm.train.stages.sft:PretrainStage",
    "sft": "medllm.train.stages.sft:SFTStage",
    "reward": "medllm.train.stages.preference:RewardStage",
    "dpo": "medllm.train.stages.preference:DPOStage",
    "orpo": "medllm.train.stages.preference:ORPOStage",
    "kto": "medllm.train.stages.preference:KTOStage",
    "grpo": "medllm.train.stages.online:GRPOStage",
    "rloo": "medllm.train.stages.online:RLOOStage",
    "ppo": "medllm.train.stages.online:PPOStage",
    "rejection_sampling": "medllm.train.stages.rejection:RejectionSamplingStage",
}


def stage_class(stage_type: str) -> type[Stage]:
    module, _, name = STAGES[stage_type].partition(":")
    return getattr(importlib.import_module(module), name)


def check_args(spec: StageSpec) -> None:
    """Every ``args`` key must be a field of the stage's TRL config (typos fail before training starts).

    Raises:
        DataError: names the unknown key and the config class.
    """
    cls = stage_class(spec.type)
    if cls.unavailable:
        raise DataError(cls.unavailable)
    config = cls.config_cls()
    fields = {f.name for f in dataclasses.fields(config)}
    unknown = sorted(set(spec.args) - fields)
    if unknown:
        raise DataError(f"args: {', '.join(map(repr, unknown))} not a setting of {config.__name__}")


def new_stage(spec: StageSpec, context: StageContext) -> Stage:
    """The stage object that trains ``spec`` (recipes are checked with :func:`check_args` first)."""
    check_args(spec)
    return stage_class(spec.type)(spec, context)


__all__ = ["STAGES", "Stage", "StageContext", "StageResult", "check_args", "new_stage", "stage_class"]
