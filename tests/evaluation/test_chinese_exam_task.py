"""Chinese exam tasks end to end: the example recipe, multi-answer items, chain-of-thought answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from medllm.evaluation.runner import evaluate
from medllm.evaluation.tasks import _parse, load_task_file
from medllm.models import load_model
from medllm.testing import FakeOpenAIServer

REPO = Path(__file__).resolve().parents[2]
CMB = REPO / "tests/fixtures/chinese_exam/cmb/CMB-val-merge.json"


def test_the_example_recipe_runs_by_loglikelihood(tmp_path: Path) -> None:
    spec = load_task_file(REPO / "recipes/eval/chinese_exam.yaml")
    result = evaluate(load_model("tiny-random-llama"), [spec], tmp_path)["tasks"]["chinese_exam"]
    assert result["n"] == 5 and 0 <= result["acc"] <= 1
    sample = json.loads((tmp_path / "samples_chinese_exam.jsonl").open().readline())
    assert sample["prompt"].startswith("以下是中国医学考试的单项选择题，请选出正确答案。\n\n问题：")
    assert sample["prompt"].endswith("答案：") and sample["continuations"][0]["text"] == " A"


def test_multi_answer_items_need_the_exact_set_and_are_not_scored_by_loglikelihood(tmp_path: Path) -> None:
    # CMB-val-merge: item 0 single (B), item 1 multi (ABCD), item 2 single (A); four bad rows.
    def reply(body: dict[str, Any]) -> str:
        question = body["messages"][-1]["content"]
        if "肾病综合征" in question:
            return "答案是ABC"  # three of the four correct options: wrong
        if "青霉素" in question:
            return "A细胞壁... 不选B。答案是(A)。"
        return "选B"

    spec = _parse({"name": "cmb", "path": str(CMB), "format": "cmb", "mode": "generate"}, "test")
    with FakeOpenAIServer(reply=reply) as server:
        result = evaluate(load_model(server.base_url), [spec], tmp_path / "gen")["tasks"]["cmb"]
        prompts = [r.body["messages"][-1]["content"] for r in server.requests_to("/chat/completions")]
    assert result["n"] == 3 and result["acc"] == 2 / 3 and result["unparseable"] == 0
    assert sum(result["bad_rows"].values()) == 4
    assert any(p.endswith("本题有多个正确答案，请选出全部正确答案，并以“答案是(XY)”的格式回答。") for p in prompts)
    samples = {s["id"]: s for s in map(json.loads, (tmp_path / "gen" / "samples_cmb.jsonl").open())}
    assert samples["CMB-val-merge-1"]["pred"] == "ABC" and samples["CMB-val-merge-1"]["acc"] == 0.0

    by_loglikelihood = _parse({"name": "cmb", "path": str(CMB), "format": "cmb"}, "test")
    result = evaluate(load_model("tiny-random-llama"), [by_loglikelihood], tmp_path / "ll")["tasks"]["cmb"]
    assert result["n"] == 2 and result["bad_rows"]["multi-answer item (scored in generate mode only)"] == 1


def test_chain_of_thought_reads_the_conclusion(tmp_path: Path) -> None:
    reasoning = "Option A looks plausible: the answer is (A) at first sight. Weighing it again, the answer is (B)."
    spec = _parse({"name": "cmb", "path": str(CMB), "format": "cmb", "mode": "generate"}, "test")
    with FakeOpenAIServer(reply=reasoning) as server:
        model = load_model(server.base_url)
        plain = evaluate(model, [spec], tmp_path / "plain")["tasks"]["cmb"]
        cot = evaluate(model, [spec], tmp_path / "cot", chain_of_thought=True)["tasks"]["cmb"]
        prompts = [r.body["messages"][-1]["content"] for r in server.requests_to("/chat/completions")]
    assert plain["acc"] == 1 / 3  # the first statement, A, is right only for the penicillin item
    assert cot["acc"] == 1 / 3 and cot["chain_of_thought"] is True
    cot_samples = [json.loads(line) for line in (tmp_path / "cot" / "samples_cmb.jsonl").open()]
    assert {s["pred"] for s in cot_samples if len(s["gold"]) == 1} == {"B"}
    assert any(p.endswith("请先逐步分析，最后给出答案。请选出正确答案，并以“答案是(X)”的格式回答。") for p in prompts)
