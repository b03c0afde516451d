"""The evaluation protocol: exact log-likelihoods, per-sample logs, metrics, resume, generation parsing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from medllm.evaluation.report import write_report
from medllm.evaluation.runner import evaluate
from medllm.evaluation.tasks import TaskSpec, builtin_tasks
from medllm.models import LoglikelihoodResult

pytestmark = pytest.mark.usefixtures("mirror")


def _independent_loglikelihood(model: Any, tokenizer: Any, context: str, continuation: str) -> float:
    """Straight transformers: one unpadded forward over context + continuation, scoring the tokens after
    the context's own tokens; trailing whitespace of the context counts as the continuation's (lm-eval's rule)."""
    stripped = context.rstrip()
    context, continuation = stripped, context[len(stripped) :] + continuation
    context_ids = tokenizer(context, add_special_tokens=False)["input_ids"]
    whole = tokenizer(context + continuation, add_special_tokens=False)["input_ids"]
    n_continuation = len(whole) - len(context_ids)
    # Longer than the model's positions: keep the last max_length + 1 tokens, cutting the context from the
    # left (lm-eval's rule); otherwise this is the whole string.
    window = whole[-(model.config.max_position_embeddings + 1) :]
    with torch.no_grad():
        logits = model(torch.tensor([window[:-1]])).logits[0].float().log_softmax(-1)
    return sum(logits[i - 1, window[i]].item() for i in range(len(window) - n_continuation, len(window)))


def _check_exact(run: Path, task: str, folder: str) -> int:
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    checked = 0
    for line in (run / f"samples_{task}.jsonl").open():
        sample = json.loads(line)
        for option in sample["continuations"]:
            expected = _independent_loglikelihood(model, tokenizer, sample["prompt"], option["text"])
            assert option["loglikelihood"] == pytest.approx(expected, abs=2e-4), (sample["id"], option["text"])
            checked += 1
    return checked


def test_logged_loglikelihoods_are_exact_tiny(tmp_path: Path, tiny_path: str) -> None:
    from medllm.models import load_model

    tasks = builtin_tasks()
    # MedQA one-shot, PubMedQA zero-shot. Prompts longer than the tiny model's 1024 positions (one MedQA
    # prompt here) are cut from the left, as lm-eval does, and the reference cuts them the same way.
    with load_model(tiny_path, device="cpu", batch_size=4) as model:
        assert evaluate(model, [tasks["medqa"]], tmp_path, limit=6, num_fewshot=1)["tasks"]["medqa"]["n"] == 6
        assert evaluate(model, [tasks["pubmedqa"]], tmp_path, limit=6)["tasks"]["pubmedqa"]["n"] == 6
    assert _check_exact(tmp_path, "medqa", tiny_path) == 24
    assert _check_exact(tmp_path, "pubmedqa", tiny_path) == 18
    medqa = json.loads((tmp_path / "samples_medqa.jsonl").open().readline())
    assert medqa["prompt"].count("Question: ") == 2  # the one-shot example and the item
    assert [c["text"] for c in medqa["continuations"]] == [" A", " B", " C", " D"]
    pubmedqa = json.loads((tmp_path / "samples_pubmedqa.jsonl").open().readline())
    assert pubmedqa["prompt"].startswith("Abstract: ") and pubmedqa["prompt"].endswith("\nAnswer:")
    assert [c["text"] for c in pubmedqa["continuations"]] == [" yes", " no", " maybe"]


def test_logged_loglikelihoods_are_exact_smollm2(tmp_path: Path) -> None:
    from medllm.models import load_model, model_folder

    with load_model("smollm2-135m-instruct", device="cpu", batch_size=4) as model:
        evaluate(model, [builtin_tasks()["mmlu_medical"]], tmp_path, limit=3, num_fewshot=1)
    assert _check_exact(tmp_path, "mmlu_medical", model_folder("smollm2-135m-instruct")) == 12


class ScriptedModel:
    """A model whose log-likelihood prefers option B and whose answers are scripted; counts its calls."""

    name = "scripted"
    tokenizer = None

    def __init__(self, replies: list[str] | None = None) -> None:
        self.requests: list[tuple[str, str]] = []
        self.replies = replies or []

    def loglikelihood(self, requests: list[tuple[str, str]]) -> list[LoglikelihoodResult]:
        self.requests.extend(requests)
        return [
            LoglikelihoodResult(-1.0 if cont.strip() == "B" else -2.0 * len(cont), False, 1) for _, cont in requests
        ]

    def chat(self, conversations: list[Any], config: Any) -> list[str]:
        return [self.replies[i % len(self.replies)] for i in range(len(conversations))]


def _local_task(tmp_path: Path, n: int) -> TaskSpec:
    rows = [
        {"question": f"Question {i}?", "options": {"A": "x", "B": "y", "C": "z"}, "answer_idx": "B" if i % 2 else "A"}
        for i in range(n)
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return TaskSpec(name="local", path=path)


def test_metrics_and_resume_skip_logged_samples(tmp_path: Path) -> None:
    task = _local_task(tmp_path, 10)
    first = ScriptedModel()
    summary = evaluate(first, [task], tmp_path / "run", limit=4)
    assert len(first.requests) == 12 and summary["tasks"]["local"]["n"] == 4
    second = ScriptedModel()
    summary = evaluate(second, [task], tmp_path / "run")
    assert len(second.requests) == 18  # only the 6 items not logged yet
    result = summary["tasks"]["local"]
    assert result["n"] == 10 and result["acc"] == 0.5
    assert result["chance"] == pytest.approx(1 / 3) and result["majority"] == 0.5  # 5 "A", 5 "B" of 3 options
    assert result["acc_stderr"] == pytest.approx((0.25 / 9) ** 0.5)
    # A line cut short by a kill is dropped and its sample scored again.
    log = tmp_path / "run" / "samples_local.jsonl"
    log.write_bytes(log.read_bytes()[:-20])
    third = ScriptedModel()
    assert evaluate(third, [task], tmp_path / "run")["tasks"]["local"]["n"] == 10
    assert len(third.requests) == 3
    # Other settings start afresh rather than mixing samples.
    fourth = ScriptedModel()
    evaluate(fourth, [task], tmp_path / "run", num_fewshot=1)
    assert len(fourth.requests) == 30


def test_generate_mode_parses_answers_and_counts_failures(tmp_path: Path) -> None:
    task = _local_task(tmp_path, 4)
    model = ScriptedModel(["The answer is (B).", "I cannot say.", "Answer: A", "(C)"])
    result = evaluate(model, [task], tmp_path / "gen", mode="generate")["tasks"]["local"]
    samples = [json.loads(line) for line in (tmp_path / "gen" / "samples_local.jsonl").open()]
    assert [s["pred"] for s in samples] == ["B", None, "A", "C"]
    assert [s["gold"] for s in samples] == [["A"], ["B"], ["A"], ["B"]]
    assert result["unparseable"] == 1 and result["acc"] == 0.25 and "acc_norm" not in result
    assert samples[0]["prompt"][-1]["role"] == "user" and samples[0]["output"] == "The answer is (B)."


def test_limit_is_a_seeded_sample_not_a_prefix() -> None:
    """PubMedQA's test file lists every "yes" first: the first 100 items would all be "yes"."""
    from medllm.evaluation.runner import load_items, sample_items

    items, _ = load_items(builtin_tasks()["pubmedqa"], "test")
    assert {item.answer[0] for item in items[:100]} == {"A"}
    sample = sample_items(items, 100, seed="0:pubmedqa")
    assert {item.answer[0] for item in sample} == {"A", "B", "C"}
    assert [item.id for item in sample] == [item.id for item in sample_items(items, 100, seed="0:pubmedqa")]
    assert [items.index(item) for item in sample] == sorted(items.index(item) for item in sample)


def test_chat_template_wraps_loglikelihood_prompts(tmp_path: Path, tiny_path: str) -> None:
    from medllm.models import load_model

    with load_model(tiny_path, device="cpu") as model:
        evaluate(model, [builtin_tasks()["medqa"]], tmp_path, limit=2, chat_template=True)
    sample = json.loads((tmp_path / "samples_medqa.jsonl").open().readline())
    assert sample["prompt"].startswith("<|im_start|>user\nQuestion: ")
    assert sample["prompt"].endswith("Answer:<|im_end|>\n<|im_start|>assistant\n")
    assert [c["text"] for c in sample["continuations"]] == ["A", "B", "C", "D"]  # the reply starts the turn
    assert _check_exact(tmp_path, "medqa", tiny_path) == 8


def test_baselines_single_and_multi_answer() -> None:
    from medllm.evaluation.mcq import baselines
    from medllm.records import MCQItem

    def item(options: str, answer: list[str]) -> MCQItem:
        return MCQItem(question="q", options={letter: letter.lower() for letter in options}, answer=answer)

    items = [item("AB", ["A"]), item("ABCD", ["C"]), item("ABCD", ["C"]), item("ABC", ["A", "C"])]
    # 1/2, 1/4, 1/4 and, for the exact set of a three-option multi-answer question, 1/7.
    assert baselines(items) == pytest.approx({"chance": (1 / 2 + 1 / 4 + 1 / 4 + 1 / 7) / 4, "majority": 0.5})
    assert all(value != value for value in baselines([]).values())  # NaN without items


def test_accuracy_by_subject_where_items_name_their_subject(tmp_path: Path) -> None:
    # ScriptedModel always picks B: right on every "cardiology" item (gold B), wrong on every "renal" one.
    rows = [
        {"question": f"Q{i}?", "options": {"A": "x", "B": "y"}, "answer_idx": "B" if i < 3 else "A",
         "subject": "cardiology" if i < 3 else "renal"}
        for i in range(5)
    ]  # fmt: skip
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    task = TaskSpec(name="local", path=tmp_path / "items.jsonl")
    result = evaluate(ScriptedModel(), [task], tmp_path / "run")["tasks"]["local"]
    assert result["acc"] == pytest.approx(0.6)  # the task's score stays the mean over all items
    breakdown = {subject: (r["n"], r["acc"]) for subject, r in result["by_subject"].items()}
    assert breakdown == {"cardiology": (3, 1.0), "renal": (2, 0.0)}
    samples = [json.loads(line) for line in (tmp_path / "run" / "samples_local.jsonl").open()]
    assert [s["subject"] for s in samples] == ["cardiology"] * 3 + ["renal"] * 2
    write_report([tmp_path / "run"], tmp_path / "report")
    report = (tmp_path / "report" / "report.md").read_text()
    assert "| local | cardiology | 1.000 (n=3) |" in report and "| local | renal | 0.000 (n=2) |" in report

    # One subject (or none) is no breakdown.
    single = [dict(r, subject="cardiology") for r in rows]
    (tmp_path / "single.jsonl").write_text("".join(json.dumps(r) + "\n" for r in single))
    task = TaskSpec(name="single", path=tmp_path / "single.jsonl")
    assert "by_subject" not in evaluate(ScriptedModel(), [task], tmp_path / "run2")["tasks"]["single"]


def test_shared_fewshot_prefix_is_encoded_once_and_stays_exact(
    tmp_path: Path, tiny_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medllm.models import load_model
    from medllm.models.transformers_backend import TransformersModel

    grouped: list[int] = []
    original = TransformersModel._score_rows_after_prefix

    def spy(self: Any, prefix: tuple[int, ...], suffixes: Any) -> Any:
        grouped.append(len(suffixes))
        return original(self, prefix, suffixes)

    monkeypatch.setattr(TransformersModel, "_score_rows_after_prefix", spy)
    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
    rows = [
        {"question": f"{word}: which organ makes insulin?", "options": {"A": "Liver", "B": "Pancreas", "C": "Skin"},
         "answer_idx": "B"}
        for word in words
    ]  # fmt: skip
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    # first_n from the same file: item 0's examples are items 1 and 2, every other item's start with item 0.
    task = TaskSpec(name="local", path=tmp_path / "items.jsonl", description="Quiz.", fewshot_sampler="first_n")
    with load_model(tiny_path, device="cpu", batch_size=3) as model:
        evaluate(model, [task], tmp_path / "run", num_fewshot=2)
    # Items 2-7 begin with "Quiz.", item 0 and item 1; item 1 (examples: items 0 and 2) shares only "Quiz." and
    # item 0 with them, so it runs on its own rather than shorten the six others' shared beginning.
    assert grouped == [6]
    assert _check_exact(tmp_path / "run", "local", tiny_path) == 24


@pytest.mark.parametrize("sampler", ["random", "first_n"])
def test_an_items_fewshot_prompt_does_not_depend_on_the_limit(tmp_path: Path, sampler: str) -> None:
    task = _local_task(tmp_path, 12).model_copy(update={"fewshot_sampler": sampler})
    prompts = []
    for limit in (3, 8):
        evaluate(ScriptedModel(), [task], tmp_path / f"run{limit}", limit=limit, num_fewshot=2)
        samples = [json.loads(line) for line in (tmp_path / f"run{limit}" / "samples_local.jsonl").open()]
        prompts.append({s["id"]: s["prompt"] for s in samples})
    shared = prompts[0].keys() & prompts[1].keys()
    assert shared and all(prompts[0][i] == prompts[1][i] for i in shared)
    if sampler == "first_n":  # the file's first two items are every other item's examples, in file order
        others = {i: p for i, p in prompts[1].items() if i not in ("items-0", "items-1")}
        assert len(others) >= 6
        assert all(p.split("\n\n")[0].startswith("Question: Question 0?") for p in others.values())
        assert all(p.split("\n\n")[1].startswith("Question: Question 1?") for p in others.values())
