"""Each generator against the scripted loopback teacher: parsing, checks, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medllm.records.types import Conversation, KBEntry
from medllm.synth import run_synth
from medllm.testing import FakeOpenAIServer
from tests.synth._helpers import fast_config, scripted_reply


def _read(out: Path, name: str) -> list[dict]:
    path = out / name
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture()
def server():
    with FakeOpenAIServer(reply=scripted_reply) as fake:
        yield fake


def test_self_instruct_on_alpacare_seeds(server: FakeOpenAIServer, tmp_path: Path, mirror: Path) -> None:
    out = tmp_path / "si"
    config = fast_config(
        generator="self-instruct",
        input="alpacare-seed",
        teacher=server.base_url,
        out=str(out),
        limit=10,
        seed=3,
        params={"round_size": "2"},
    )
    result = run_synth(config)
    records = _read(out, "records.jsonl")
    assert result.kept == len(records) == 10
    # Each reply restates a seed first: that task is dropped as a near-duplicate (only it, never the seed).
    rejects = _read(out, "rejects.jsonl")
    assert {r["reason"] for r in rejects} == {"near_duplicate"}
    assert all("ROUGE-L 1.000" in r["detail"] for r in rejects)
    task_prompts = [
        r for r in server.requests_to("/chat/completions") if "tasks:\n###" in r.body["messages"][-1]["content"]
    ]
    assert len(task_prompts) == 4  # 3 new tasks per reply, rounds of 2 prompts: 2 rounds for 10
    for record in records:
        conversation = Conversation.model_validate(record)
        user, answer = conversation.messages[0].content, conversation.messages[1].content
        assert "Type:" not in user and answer.startswith("Here is a careful answer to:")
        synth = record["metadata"]["synth"]
        assert synth["generator"] == "self-instruct" and synth["teacher"] == "fake-model"
        assert synth["templates"] == ["self_instruct_tasks@1", "self_instruct_answer@1"]
        assert len(synth["seed_ids"]) == 3 and synth["task_sampling"]["temperature"] == 1.0
        assert record["license"].startswith("CC-BY-NC")  # derived data keeps the seeds' licence
    assert records[0]["metadata"]["task"]["input"] == "A patient case number 1."
    # Reproducible given the teacher's answers: the same command into a fresh folder, sharing the cache,
    # samples the same seeds, sends nothing and writes the same records.
    again = run_synth(
        fast_config(**{**config.__dict__, "out": str(tmp_path / "si2"), "cache": str(out / "cache.sqlite")})
    )
    assert _read(tmp_path / "si2", "records.jsonl") == records and again.ledger["runs"][-1]["requests"] == 0


def _kb_file(tmp_path: Path) -> Path:
    entries = [
        KBEntry(
            id="1",
            name="Panic disorder",
            symptoms=["Dizziness"],
            tests=["Electrocardiogram"],
            medications=["Lorazepam"],
        ),
        KBEntry(
            id="2", name="Omitted gout", symptoms=["Joint pain"], tests=["Uric acid test"], medications=["Colchicine"]
        ),
        KBEntry(
            id="3", name="Contradicted asthma", symptoms=["Wheeze"], tests=["Spirometry"], medications=["Salbutamol"]
        ),
    ]
    path = tmp_path / "kb.jsonl"
    lines = [e.model_dump_json() for e in entries]
    lines.insert(1, '{"kind": "kb_entry", "id": "bad"}')  # no name: reported at line 2
    path.write_text("\n".join(lines) + "\n")
    return path


def test_kb_dialogues_consistency_check(server: FakeOpenAIServer, tmp_path: Path) -> None:
    out = tmp_path / "kb"
    result = run_synth(
        fast_config(generator="kb-dialogues", input=str(_kb_file(tmp_path)), teacher=server.base_url, out=str(out))
    )
    assert result.kept == 1 and result.dropped == {"contradicts_entry": 1, "omits_diagnosis": 1}
    assert result.input_issues == 1 and ":2: missing_field" in result.issues[0]
    record = _read(out, "records.jsonl")[0]
    assert [m["role"] for m in record["messages"]] == ["user", "assistant", "user", "assistant"]
    assert (
        record["metadata"]["synth"]["source_id"] == "1" and record["metadata"]["synth"]["kb_entry"] == "Panic disorder"
    )


def test_kb_dialogues_on_chatdoctor_kb(server: FakeOpenAIServer, tmp_path: Path, mirror: Path) -> None:
    result = run_synth(
        fast_config(
            generator="kb-dialogues", input="chatdoctor-kb", teacher=server.base_url, out=str(tmp_path), limit=5
        )
    )
    assert result.kept == 5


def test_rewrite_fact_preservation(server: FakeOpenAIServer, tmp_path: Path) -> None:
    rows = [
        {
            "instruction": "I have a headache.",
            "output": "Take paracetamol 500 mg twice daily and get an MRI if it persists.",
        },
        {"instruction": "My BP is high.", "output": "Continue amlodipine 5 mg DROPDOSE daily; check with an ECG."},
        {"instruction": "I have a cough.", "output": "It is bronchitis ADDDRUG; rest and fluids."},
        {
            "conversations": [
                {"from": "human", "value": "Hi"},
                {"from": "gpt", "value": "Hello, use salbutamol 2 puffs."},
                {"from": "human", "value": "And?"},
                {"from": "gpt", "value": "Get spirometry done."},
            ]
        },
    ]
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "rw"
    result = run_synth(fast_config(generator="rewrite", input=str(path), teacher=server.base_url, out=str(out)))
    assert result.kept == 1 and result.dropped == {"fact_added": 1, "fact_dropped": 1}
    assert result.input_issues == 1  # the ShareGPT row in an Alpaca file is reported, not guessed
    kept = _read(out, "records.jsonl")[0]
    assert kept["messages"][1]["content"].startswith("Hello, thank you") and "500 mg" in kept["messages"][1]["content"]
    assert "paracetamol" in kept["metadata"]["synth"]["original_replies"]["1"]
    rejects = {r["reason"]: r for r in _read(out, "rejects.jsonl")}
    assert rejects["fact_dropped"]["dropped"] == {"doses": ["5mg"]}
    assert rejects["fact_added"]["added"] == {"drugs": ["ibuprofen"]}


def test_mcq_to_qa_on_medmcqa(server: FakeOpenAIServer, tmp_path: Path, mirror: Path) -> None:
    out = tmp_path / "qa"
    result = run_synth(
        fast_config(generator="mcq-to-qa", input="medmcqa-dev", teacher=server.base_url, out=str(out), limit=8)
    )
    assert result.kept == 8
    record = _read(out, "records.jsonl")[0]
    assert record["messages"][1]["content"].startswith("The answer is Impulse through myelinated fibers")
    assert record["license"] == "MIT" and record["metadata"]["synth"]["answer"] == ["A"]


def test_local_model_as_teacher(tmp_path: Path, tiny_path: str) -> None:
    # tiny-random-llama writes noise: every dialogue fails its check, but the path runs end to end.
    path = tmp_path / "kb.jsonl"
    path.write_text(KBEntry(id="1", name="Gout", tests=["X-ray"], medications=["Colchicine"]).model_dump_json() + "\n")
    result = run_synth(
        fast_config(
            generator="kb-dialogues",
            input=str(path),
            teacher="tiny-random-llama",
            out=str(tmp_path / "o"),
            max_tokens=8,
        )
    )
    run = result.ledger["runs"][-1]
    assert run["requests"] == 1 and run["config"]["teacher_model"] == "tiny-random-llama"
    assert result.kept == 0 and sum(result.dropped.values()) == 1
