"""Diagnosis from a case: the selection rule on real exam items, parsing, matching, judging and top-k arithmetic."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from medllm.evaluation import diagnosis
from medllm.evaluation.diagnosis import (
    JUDGE_PROMPT,
    PROMPT,
    gold_names,
    normalise,
    parse_differential,
    parse_judgement,
    select_case,
    string_match,
)
from medllm.evaluation.runner import evaluate
from medllm.evaluation.tasks import _parse, builtin_tasks
from medllm.io.issues import DataError
from medllm.models import load_model
from medllm.records import MCQItem
from medllm.testing import FakeOpenAIServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diagnosis"


def _task(**fields: Any) -> Any:
    return _parse({"name": "dx", "type": "diagnosis", **fields}, "test")


def _prompt_of(body: dict[str, Any]) -> str:
    return body["messages"][-1]["content"]


def _mcq(question: str, gold: str = "Acute appendicitis") -> MCQItem:
    return MCQItem(id="q", question=question, options={"A": gold, "B": "Something else"}, answer=["A"])


# --- selection -------------------------------------------------------------------------------------------

CASE = "A 19-year-old woman has periumbilical pain that moved to the right lower quadrant over 12 hours."


@pytest.mark.parametrize(
    "ask",
    [
        "Which of the following is the most likely diagnosis?",
        "What is the most likely diagnosis in this patient?",
        "Which of the following describes this patient's most likely diagnosis?",
        "The most probable diagnosis is –",
        "Diagnosis is:",
        "What's the diagnosis?",
        "The most likely diagnosis is: (Asked twice)",
    ],
)
def test_stems_that_ask_for_the_diagnosis_are_selected(ask: str) -> None:
    case, reason = select_case(_mcq(f"{CASE} {ask}"))
    assert reason is None and case is not None
    assert case.case == CASE and case.diagnosis == "Acute appendicitis"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # asks *about* the diagnosis (stems from MedQA and MMLU in the mirror)
        (f"{CASE} Which of the following is most likely to confirm the diagnosis?", "does not ask"),
        (f"{CASE} Which of the following is the best treatment for this patient's most likely diagnosis?", "not ask"),
        (f"{CASE} Which of the following is the most appropriate next step in diagnosis?", "does not ask"),
        (f"{CASE} Which of the following underlies the patient’s most likely diagnosis?", "does not ask"),
        (f"{CASE} A photograph of the abdomen is shown. What is the most likely diagnosis?", "image"),
        ("A smoker presents with recent onset breathlessness and ECG was done. The diagnosis is?", "test result"),
        ("A child has a fever. What is the most likely diagnosis?", "shorter than 8 words"),
    ],
)
def test_other_stems_are_not_selected_and_say_why(question: str, reason: str) -> None:
    case, why = select_case(_mcq(question))
    assert case is None and why is not None and reason in why


def test_a_stem_giving_its_results_after_following_is_kept() -> None:
    stem = "A woman treated for rheumatoid arthritis has following lab findings: Hb 9 g/dL, MCV 55 fL, ferritin 200."
    case, _ = select_case(_mcq(f"{stem} What is the most probable diagnosis?", "Anemia of chronic disease"))
    assert case is not None and case.case == stem


@pytest.mark.parametrize("gold", ["All of the above", "Both A and B", "None of the above", "a and c"])
def test_options_that_name_no_diagnosis_are_not_gold(gold: str) -> None:
    case, why = select_case(_mcq(f"{CASE} What is the most likely diagnosis?", gold))
    assert case is None and why == "correct option names no single diagnosis"


def test_medxpertqa_inline_options_are_cut_from_the_case() -> None:
    question = f"{CASE} What is the most likely diagnosis?\nAnswer Choices: (A) Acute appendicitis (B) Something else"
    case, _ = select_case(_mcq(question))
    assert case is not None and case.case == CASE and "Answer Choices" not in case.question


@pytest.mark.usefixtures("mirror")
def test_builtin_pools_select_the_documented_items() -> None:
    """The counts written in the YAML headers, and no selected case still holding its ask or options."""
    tasks = builtin_tasks()
    usmle, usmle_issues = diagnosis.load(tasks["diagnosis_medqa_vignettes"], None)
    assert Counter(c.source for c in usmle) == {
        "medagentsbench-medqa": 2,
        "medagentsbench-medqa-5options": 17,
        "medagentsbench-medbullets": 2,
        "medagentsbench-medxpertqa-r": 6,
        "medagentsbench-medxpertqa-u": 1,
        "medagentsbench-mmlu": 1,
        "medagentsbench-mmlu-pro": 1,
        "mmlu-medical": 37,
    }
    assert usmle_issues.counts["not selected: duplicate case (taken from an earlier source)"] == 5
    assert usmle_issues.counts["not selected: case refers to an image or test result the data does not include"] == 11
    medmcqa, _ = diagnosis.load(tasks["diagnosis_medmcqa"], None)
    assert len(medmcqa) == 95
    by_id = {c.id: c for c in usmle + medmcqa}
    assert len(by_id) == len(usmle) + len(medmcqa)
    hashimoto = by_id["mmlu-medical/professional_medicine_test-244"]
    assert hashimoto.diagnosis == "Chronic lymphocytic thyroiditis (Hashimoto disease)"
    assert hashimoto.question.endswith("Which of the following is the most likely diagnosis?")
    assert not hashimoto.case.endswith("diagnosis?") and hashimoto.question.startswith(hashimoto.case[:-1])
    for case in usmle + medmcqa:
        assert "diagnosis?" not in case.case[-40:] and "Answer Choices" not in case.case, case.id
        assert len(case.case.split()) >= diagnosis.MIN_CASE_WORDS and case.diagnosis.strip(), case.id


# --- user files ------------------------------------------------------------------------------------------


def test_user_cases_file_keeps_good_rows_and_counts_bad_ones_with_their_lines() -> None:
    cases, issues = diagnosis.load(_task(path=str(FIXTURES / "cases.jsonl")), None)
    assert [c.id for c in cases] == ["mi", "appendicitis", "cases-7"]
    assert cases[0].aliases == ["Inferior STEMI", "Inferior wall MI"]
    assert dict(issues.counts) == {
        "missing_field": 1,
        "empty_turn": 1,
        "not_an_object": 1,
        "wrong_type": 1,
        "invalid_value": 1,
        "truncated_last_line": 1,
    }
    assert [(Path(i.path).name, i.line) for i in issues.issues] == [("cases.jsonl", n) for n in (3, 4, 5, 6, 7, 9)]


def test_medqa_layout_file_goes_through_the_selection_rule() -> None:
    cases, issues = diagnosis.load(_task(path=str(FIXTURES / "medqa.jsonl")), None)
    assert [(c.id, c.diagnosis) for c in cases] == [("medqa.jsonl/q1", "Acute appendicitis")]
    assert issues.counts["invalid_value"] == 1  # q6: its answer letter is not an option
    assert sum(v for k, v in issues.counts.items() if k.startswith("not selected")) == 4


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "exactly one of 'sources'"),
        ({"sources": ["medmcqa-dev"], "dataset": "medmcqa-dev"}, "exactly one of 'sources'"),
        ({"path": "x.jsonl", "format": "sharegpt"}, "use auto, diagnosis or medqa"),
        ({"path": "x.jsonl", "k": 0}, "k"),
        ({"path": "x.jsonl", "match": "fuzzy"}, "match"),
        ({"path": "x.jsonl", "top_k": 3}, "top_k"),
    ],
)
def test_task_fields_are_checked(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(DataError, match=message):
        _task(**fields)


# --- parsing the differential ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (
            "1. Pneumonia\n2. Acute bronchitis\n3. Pulmonary embolism",
            ["Pneumonia", "Acute bronchitis", "Pulmonary embolism"],
        ),
        ("1) Pneumonia\n2)Asthma", ["Pneumonia", "Asthma"]),
        ("1.Pneumonia\n(2) Asthma", ["Pneumonia", "Asthma"]),
        ("- Pneumonia\n* Asthma\n• Croup", ["Pneumonia", "Asthma", "Croup"]),
        ("Here are the most likely diagnoses:\n1. Pneumonia\n2. Asthma\nPlease see a doctor.", ["Pneumonia", "Asthma"]),
        ("1. Pneumonia: fever, cough and crackles\n2. Asthma - wheeze", ["Pneumonia", "Asthma"]),
        (
            "1. **Acute appendicitis** – migratory pain\n2. **Ovarian torsion**",
            ["Acute appendicitis", "Ovarian torsion"],
        ),
        ("**1. Acute appendicitis**", ["Acute appendicitis"]),
        ("1. Most likely: Pneumonia\n2. Diagnosis: Asthma", ["Pneumonia", "Asthma"]),
        ("Diagnosis 1: Pneumonia\nDiagnosis 2: Asthma", ["Pneumonia", "Asthma"]),
        ("Pneumonia\nAsthma.", ["Pneumonia", "Asthma"]),  # no numbering: one per line
        ("Differential:\nPneumonia\nAsthma", ["Pneumonia", "Asthma"]),  # a heading is not an entry
        ("<think>fever, so infection</think>\n1. Pneumonia", ["Pneumonia"]),
        (
            "1. Guillain-Barré syndrome\n2. Type 2 diabetes mellitus",
            ["Guillain-Barré syndrome", "Type 2 diabetes mellitus"],
        ),
        ("1. Pneumonia (most likely)", ["Pneumonia (most likely)"]),  # the parenthesis goes in matching, not here
        # SmolLM2-135M's sentence answers
        ("The most likely first diagnosis is a myocardial infarction.", ["a myocardial infarction"]),
        (
            "The most likely diagnosis is end stage renal disease (ESRD), which is serious.",
            ["end stage renal disease (ESRD)"],
        ),
        ("1. Pneumonia because of the fever", ["Pneumonia"]),
        ("Pneumonia, asthma, croup", ["Pneumonia, asthma, croup"]),  # one line is one entry
        ("", []),
        ("   \n\n", []),
    ],
)
def test_differentials_are_parsed(output: str, expected: list[str]) -> None:
    assert parse_differential(output) == expected


def test_prose_and_copied_cases_are_not_diagnoses(tmp_path: Path) -> None:
    copied = "A 45-year-old woman has a 2-week history of increased anxiety, abdominal discomfort, irritability, and"
    copied += " difficulty concentrating, and she was robbed at knifepoint in a parking lot."
    rows = [{"id": "copy", "case": "anxious after a robbery", "diagnosis": "Acute stress disorder"}]
    task = _task(path=str(_cases_file(tmp_path, rows)))
    with FakeOpenAIServer(reply=f"{copied}\nAcute stress disorder") as server:
        result = evaluate(load_model(server.base_url), [task], tmp_path / "run")["tasks"]["dx"]
    sample = json.loads((tmp_path / "run" / "samples_dx.jsonl").read_text())
    assert sample["overlong"] == [copied.rstrip(".")] and sample["predictions"] == ["Acute stress disorder"]
    assert result["overlong_entries"] == 1 and result["top1"] == 1.0 and result["parse_failures"] == 0


def test_a_numbered_value_is_not_taken_for_a_list_marker() -> None:
    assert parse_differential("3.5 mg/dL is low\nHypocalcemia") == ["3.5 mg/dL is low", "Hypocalcemia"]


# --- matching --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prediction", "gold", "aliases", "same"),
    [
        ("acute appendicitis", "Acute appendicitis", [], True),
        ("Acute Appendicitis.", "Acute appendicitis", [], True),
        ("The acute appendicitis", "Acute appendicitis", [], True),
        ("Crohns disease", "Crohn's disease", [], True),
        ("Crohn disease", "Crohn’s disease", [], True),
        ("Gallstones", "Gallstone", [], True),
        ("Guillain Barre syndrome", "Guillain-Barré syndrome", [], True),
        ("Pneumonia (most likely)", "Pneumonia", [], True),
        ("Hashimoto disease", "Chronic lymphocytic thyroiditis (Hashimoto disease)", [], True),
        ("Chronic lymphocytic thyroiditis", "Chronic lymphocytic thyroiditis (Hashimoto disease)", [], True),
        ("Inferior STEMI", "Acute inferior myocardial infarction", ["Inferior STEMI"], True),
        ("Sepsis", "Sepsis", [], True),  # the final s of sepsis stays: not "sepsi"
        ("Appendicitis", "Acute appendicitis", [], False),  # broader: not the same name
        ("Acute appendicitis with perforation", "Acute appendicitis", [], False),  # no substring matching
        ("Myocardial infarction", "Acute inferior myocardial infarction", [], False),
        ("Type 1 diabetes mellitus", "Type 2 diabetes mellitus", [], False),
        ("", "Asthma", [], False),
    ],
)
def test_normalised_string_matching(prediction: str, gold: str, aliases: list[str], same: bool) -> None:
    assert string_match(prediction, gold_names(gold, aliases)) is same


def test_normalise() -> None:
    assert normalise("The Crohn's diseases (CD)") == "crohn disease"
    assert normalise("Ménière's disease") == "meniere disease"
    assert normalise("Stenosis; virus; abscess") == "stenosis virus abscess"


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        ("yes", True),
        ("Yes.", True),
        ("**YES**", True),
        ("Answer: no", False),
        ("No, the entry is broader.", False),
        ("no", False),
        ("Not the same", None),
        ("The answer is yes", None),
        ("Maybe", None),
        ("", None),
    ],
)
def test_judge_replies_are_parsed_strictly(reply: str, verdict: bool | None) -> None:
    assert parse_judgement(reply) is verdict


# --- end to end with scripted servers --------------------------------------------------------------------


def _cases_file(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# Case -> the model's scripted differential. The gold of every case is "Target disease".
SCRIPTED = {
    "case-rank1": "1. Target disease\n2. Other A\n3. Other B",
    "case-rank3": "Here is my differential:\n1. Other A\n2. Other B\n3. Target disease: fits best\n4. Other C",
    "case-rank5": "1. Other A\n2. Other B\n3. Other C\n4. Other D\n5. target diseases.",
    "case-rank6": "1. A\n2. B\n3. C\n4. D\n5. E\n6. Target disease",  # beyond k=5: a miss
    "case-absent": "1. Other A\n2. Other B",
    "case-empty": "",  # a parse failure, scored as a miss
}


def _scripted_model(body: dict[str, Any]) -> str:
    prompt = _prompt_of(body)
    return next(reply for case, reply in SCRIPTED.items() if f"\n{case}" in prompt)


def test_topk_arithmetic_with_a_scripted_model(tmp_path: Path) -> None:
    rows = [{"id": case, "case": case, "diagnosis": "Target disease"} for case in SCRIPTED]
    task = _task(path=str(_cases_file(tmp_path, rows)))
    with FakeOpenAIServer(reply=_scripted_model) as server:
        result = evaluate(load_model(server.base_url), [task], tmp_path / "run")["tasks"]["dx"]
        prompts = [_prompt_of(r.body) for r in server.requests_to("/chat/completions")]
    assert sorted(prompts) == sorted(PROMPT.format(case=case, k=5) for case in SCRIPTED)
    assert result["n"] == 6 and result["k"] == 5 and result["mode"] == "diagnosis"
    assert result["top1"] == pytest.approx(1 / 6)
    assert result["topk"] == pytest.approx(3 / 6)
    assert result["top1_stderr"] == pytest.approx(math.sqrt((1 / 6) * (5 / 6) / 5))
    assert result["topk_stderr"] == pytest.approx(math.sqrt(0.25 / 5))
    assert (result["top1_string"], result["topk_string"]) == (result["top1"], result["topk"])
    assert result["parse_failures"] == 1 and result["short_lists"] == 3
    assert result["reported"] == ["top1", "topk"] and "judge_calls" not in result
    samples = {s["id"]: s for s in map(json.loads, (tmp_path / "run" / "samples_dx.jsonl").open())}
    assert [samples[c]["match_rank"] for c in SCRIPTED] == [1, 3, 5, None, None, None]
    rank3 = samples["case-rank3"]
    assert rank3["output"] == SCRIPTED["case-rank3"]
    assert rank3["predictions"] == ["Other A", "Other B", "Target disease", "Other C"]
    assert [d["string_match"] for d in rank3["decisions"]] == [False, False, True, False]
    assert rank3["prompt"] == [{"role": "user", "content": PROMPT.format(case="case-rank3", k=5)}]
    assert samples["case-rank6"]["beyond_k"] == 1 and len(samples["case-rank6"]["decisions"]) == 5
    assert samples["case-empty"]["parse_failure"] is True


# Known diagnosis -> the judge's verdict on each entry it may be asked about.
VERDICTS = {
    "Strep throat": "Yes.",  # an alias string-matches; the judge agrees
    "GAS pharyngitis": "yes",  # a synonym string matching misses: an override
    "Viral pharyngitis": "No",
    "Infectious mononucleosis": "I am not sure",  # unparseable: the string decision (no) stands
    "Acute appendicitis": "no",  # rejects an exact string match: logged, not applied
}


def _scripted_judge(body: dict[str, Any]) -> str:
    prompt = _prompt_of(body)
    entry = prompt.split("\nEntry: ")[1].split("\n")[0]
    return VERDICTS[entry]


def test_judge_matching_protocol(tmp_path: Path) -> None:
    strep = "Streptococcal pharyngitis"
    rows = [
        {"id": "alias", "case": "sore throat one", "diagnosis": strep, "aliases": ["Strep throat"]},
        {"id": "synonym", "case": "sore throat two", "diagnosis": strep},
        {"id": "unsure", "case": "sore throat three", "diagnosis": strep},
        {"id": "exact", "case": "belly pain", "diagnosis": "Acute appendicitis"},
    ]
    replies = {
        "sore throat one": "1. Viral pharyngitis\n2. Strep throat\n3. GAS pharyngitis",
        "sore throat two": "1. Viral pharyngitis\n2. GAS pharyngitis\n3. Infectious mononucleosis",
        "sore throat three": "1. Infectious mononucleosis\n2. Viral pharyngitis",
        "belly pain": "1. Acute appendicitis\n2. Viral pharyngitis",
    }
    task = _task(path=str(_cases_file(tmp_path, rows)), match="judge", k=3)
    with (
        FakeOpenAIServer(reply=lambda body: replies[_prompt_of(body).split("\n")[1]]) as model_server,
        FakeOpenAIServer(reply=_scripted_judge) as judge_server,
    ):
        model, judge = load_model(model_server.base_url), load_model(judge_server.base_url)
        result = evaluate(model, [task], tmp_path / "run", judge=judge)["tasks"]["dx"]
        judge_prompts = [_prompt_of(r.body) for r in judge_server.requests_to("/chat/completions")]
    # Asked up to the first string match: alias 2 entries, synonym 3, unsure 2, exact 1.
    assert result["judge_calls"] == len(judge_prompts) == 8
    assert (
        JUDGE_PROMPT.format(diagnosis=f"{strep} (also called: Strep throat)", prediction="Strep throat")
        in judge_prompts
    )
    assert JUDGE_PROMPT.format(diagnosis=strep, prediction="GAS pharyngitis") in judge_prompts
    # Mononucleosis is asked about twice (synonym's rank 3, unsure's rank 1): both replies unparseable.
    assert result["judge_unparseable"] == 2
    assert result["judge_overrides"] == 1 and result["judge_override_rate"] == pytest.approx(1 / 6)
    assert result["judge_rejected_string_matches"] == 1
    assert result["items_changed_by_judge"] == 1
    # Ranks: alias 2 (string), synonym 2 (judge), unsure none, exact 1 (string, the judge's "no" not applied).
    assert result["top1"] == pytest.approx(1 / 4) and result["topk"] == pytest.approx(3 / 4)
    assert (result["top1_string"], result["topk_string"]) == (pytest.approx(1 / 4), pytest.approx(2 / 4))
    assert result["judge_models"] == [judge.name]
    samples = {s["id"]: s for s in map(json.loads, (tmp_path / "run" / "samples_dx.jsonl").open())}
    synonym = samples["synonym"]
    assert (synonym["string_match_rank"], synonym["match_rank"]) == (None, 2)
    assert [d["judge"]["verdict"] for d in synonym["decisions"]] == [False, True, None]
    assert synonym["decisions"][1]["judge"]["raw"] == "yes"
    assert [d["judge"] is None for d in samples["alias"]["decisions"]] == [False, False, True]


def test_judge_matching_without_a_judge_fails_before_asking_the_model(tmp_path: Path) -> None:
    task = _task(path=str(FIXTURES / "cases.jsonl"), match="judge")
    with FakeOpenAIServer(reply="1. Asthma") as server:
        with pytest.raises(DataError, match="--judge"):
            evaluate(load_model(server.base_url), [task], tmp_path / "run")
        assert server.requests_to("/chat/completions") == []


# --- end to end with a local model -----------------------------------------------------------------------


@pytest.mark.usefixtures("mirror")
def test_builtin_task_runs_end_to_end_with_a_local_model(tmp_path: Path) -> None:
    """tiny-random-llama writes noise: every item is still logged, parsed or counted, and scored."""
    tiny = load_model("tiny-random-llama")
    spec = builtin_tasks()["diagnosis_medqa_vignettes"].model_copy(update={"max_new_tokens": 12})
    summary = evaluate(tiny, [spec], tmp_path / "run", limit=3)
    result = summary["tasks"]["diagnosis_medqa_vignettes"]
    assert result["n"] == 3 and 0 <= result["top1"] <= result["topk"] <= 1
    assert result["bad_rows"]["not selected: question does not ask for the diagnosis"] > 2000
    samples = [json.loads(line) for line in (tmp_path / "run" / "samples_diagnosis_medqa_vignettes.jsonl").open()]
    assert len(samples) == 3
    for sample in samples:
        assert sample["prompt"][0]["content"] == PROMPT.format(case=sample["case"], k=5)
        assert sample["predictions"] == parse_differential(sample["output"])[:5]
        assert sample["parse_failure"] == (not sample["predictions"])
    # A rerun reads the log instead of generating again.
    assert evaluate(tiny, [spec], tmp_path / "run", limit=3)["tasks"]["diagnosis_medqa_vignettes"] == result
