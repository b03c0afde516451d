"""Prompt templates (versions, user overrides, cache keys) and the fact extractor behind the checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from medllm.synth.facts import compare_facts, extract_facts, mentions, negated
from medllm.synth.templates import TemplateSet, shipped_templates
from medllm.synth.types import Sampling, SynthError, TeacherRequest


def test_every_shipped_template_has_a_version_and_renders() -> None:
    templates = TemplateSet()
    assert set(shipped_templates()) >= {"self_instruct_tasks", "kb_dialogue", "rewrite_reply", "mcq_to_qa"}
    messages = templates.get("rewrite_reply").render(reply="Take 5 mg.", question="")
    assert [m["role"] for m in messages] == ["system", "user"] and "Take 5 mg." in messages[1]["content"]
    assert templates.get("mcq_to_qa").id == "mcq_to_qa@1"
    with pytest.raises(SynthError, match="undefined"):
        templates.get("rewrite_reply").render(question="x")


def test_user_override_and_its_version_change_the_cache_key(tmp_path: Path) -> None:
    (tmp_path / "rewrite_reply.jinja").write_text("{#- version: 2-local -#}\n<<<user>>>\nRewrite: {{ reply }}\n")
    shipped, mine = TemplateSet().get("rewrite_reply"), TemplateSet(tmp_path).get("rewrite_reply")
    assert mine.id == "rewrite_reply@2-local"
    assert mine.render(reply="x", question="") == [{"role": "user", "content": "Rewrite: x"}]
    sampling = Sampling()
    key = TeacherRequest.of(mine.render(reply="x"), sampling, mine.id).key("m")
    assert key != TeacherRequest.of(mine.render(reply="x"), sampling, shipped.id).key("m")
    assert key != TeacherRequest.of(mine.render(reply="x"), Sampling(temperature=0.1), mine.id).key("m")
    assert key != TeacherRequest.of(mine.render(reply="x"), sampling, mine.id).key("other-model")
    (tmp_path / "mcq_to_qa.jinja").write_text("<<<user>>>\nno version line\n")
    with pytest.raises(SynthError, match="version"):
        TemplateSet(tmp_path).get("mcq_to_qa")


def test_facts() -> None:
    facts = extract_facts("Start amoxicillin 500 mg TDS, get a CBC and a chest X-ray; this looks like pneumonia.")
    assert facts.drugs == {"amoxicillin"} and facts.doses == {"500mg"}
    assert facts.tests == {"cbc", "x-ray"} and facts.diagnoses == {"pneumonia"}
    assert compare_facts(
        "Do an EKG. Take ibuprofen 400 mg.", "Please get an electrocardiogram and take ibuprofen 400mg."
    ) == ({}, {})
    dropped, added = compare_facts("Take metformin 500 mg.", "Take metformin 1000 mg.")
    assert dropped == {"doses": ["500mg"]} and added == {"doses": ["1000mg"]}
    assert mentions("Your ECG and depression screening are due", "Depression screen (Depression screening)")
    assert negated("You don't need an electrocardiogram.", "Electrocardiogram")
    assert not negated("You need an electrocardiogram, not a CT.", "Electrocardiogram")
