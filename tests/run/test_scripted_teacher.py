"""The smoke-test teacher answers each synthesis generator and judge in the format its parser reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medllm.run import load_run_recipe, run
from medllm.run.scripted_teacher import SCRIPTED_MODEL, reply_to, scripted_teacher


def _ask(prompt: str) -> str:
    return reply_to({"model": SCRIPTED_MODEL, "messages": [{"role": "user", "content": prompt}]})


def test_judge_replies_parse_with_each_judges_own_parser() -> None:
    from medllm.evaluation import diagnosis, disc_judge, pairwise, rubric
    from medllm.train import rewards

    verdict = _ask(pairwise.JUDGE_PROMPT.format(instruction="Q?", output_a="A one.", output_b="B two."))
    assert pairwise.parse_verdict(verdict) in ("a", "b", "tie")
    turns = [{"role": "patient", "content": "I cough."}, {"role": "doctor", "content": "Since when?"}]
    scores = disc_judge.read_scores(_ask(disc_judge.judge_prompt(turns, "cmd")))
    assert scores is not None and all(1 <= scores[c] <= 5 for c in disc_judge.CRITERIA)
    grader = rubric.GRADER_TEMPLATE.replace("<<conversation>>", "user: hi").replace("<<rubric_item>>", "[5] Asks.")
    assert rubric.parse_grade(_ask(grader)) is not None
    match = _ask(diagnosis.JUDGE_PROMPT.format(diagnosis="Gout", prediction="Gouty arthritis"))
    assert diagnosis.parse_judgement(match) is not None
    grade = _ask(rewards.JUDGE_PROMPT.format(question="Q?", reference="R.", answer="A."))
    assert rewards.parse_score(grade) is not None
    assert "I am not sure" in _ask("... Write the patient's next message:\n- Answer what the doctor asked")


def test_replies_depend_only_on_the_request() -> None:
    prompt = "Write a conversation between a patient and a doctor with 3 exchanges\n\nDisease: Gout\n"
    assert _ask(prompt) == _ask(prompt)


@pytest.mark.parametrize(
    ("generator", "source", "limit"),
    [
        ("self-instruct", "alpacare-seed", 3),
        ("kb-dialogues", "chatdoctor-kb-mini", 3),
        ("rewrite", "chatdoctor-5k", 2),
        ("mcq-to-qa", "medmcqa-dev", 3),
    ],
)
def test_every_generator_keeps_what_the_scripted_teacher_writes(
    generator: str, source: str, limit: int, tmp_path: Path, mirror: Path
) -> None:
    from medllm.synth import SynthConfig, run_synth

    with scripted_teacher() as url:
        config = SynthConfig(
            generator=generator,
            input=source,
            teacher=url,
            teacher_model=SCRIPTED_MODEL,
            out=str(tmp_path),
            limit=limit,
            progress=False,
            params={"round_size": "2"} if generator == "self-instruct" else {},
        )
        result = run_synth(config)
    assert result.kept >= 1 and result.teacher_failed == 0
    if generator != "self-instruct":  # self-instruct may drop a task as a near-duplicate of the pool
        assert result.kept == limit, result.dropped


def test_a_rerun_skips_a_finished_synth_step_though_the_teacher_moved_port(tmp_path: Path, mirror: Path) -> None:
    recipe_file = tmp_path / "r.yaml"
    recipe_file.write_text(
        "name: r\nmodel: tiny-random-llama\nteacher: {url: scripted}\nsteps:\n"
        "  - {name: qa, type: synth, generator: mcq-to-qa, input: medmcqa-dev, limit: 2}\n"
    )
    recipe = load_run_recipe(recipe_file, "smoke")
    out = tmp_path / "run"
    first = run(recipe, out, scale="smoke")
    manifest = json.loads((out / "qa" / "manifest.json").read_text())
    assert first["steps"]["qa"]["result"]["kept"] == 2
    assert "127.0.0.1" not in json.dumps(manifest["settings"])
    messages: list[str] = []
    run(recipe, out, scale="smoke", on_status=messages.append)
    assert "[qa] done before, skipped" in messages
    assert json.loads((out / "qa" / "manifest.json").read_text()) == manifest
