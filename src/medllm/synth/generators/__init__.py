"""The generators, by CLI name; each module is imported only when its generator is used."""

from __future__ import annotations

import importlib

from medllm.synth.generators.base import Generator
from medllm.synth.types import SynthError

GENERATORS: dict[str, str] = {
    "self-instruct": "medllm.synth.generators.self_instruct:SelfInstruct",
    "kb-dialogues": "medllm.synth.generators.kb_dialogues:KBDialogues",
    "rewrite": "medllm.synth.generators.rewrite:Rewrite",
    "mcq-to-qa": "medllm.synth.generators.mcq_to_qa:MCQToQA",
    "preferences": "medllm.synth.generators.preferences:Preferences",
}


def get_generator(name: str, params: dict[str, str] | None = None) -> Generator:
    """The generator called ``name``, configured with ``params``.

    Raises:
        SynthError: unknown name or parameter.
    """
    if name not in GENERATORS:
        raise SynthError(f"unknown generator {name!r} (known: {', '.join(GENERATORS)})")
    module, _, attribute = GENERATORS[name].partition(":")
    cls = getattr(importlib.import_module(module), attribute)
    return cls(params)


__all__ = ["GENERATORS", "Generator", "get_generator"]
