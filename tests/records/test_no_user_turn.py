"""SFT rows must start with the user: ``no_user_turn`` in the record, the validator and the turns step."""

from __future__ import annotations

import json

from medllm.records import Conversation, Message


def _conversation(*roles: str) -> Conversation:
    return Conversation(messages=[Message(role=r, content=f"{r} says hello") for r in roles])


def test_sft_problem_names_the_field():
    assert _conversation("user", "assistant").sft_problem() is None
    assert _conversation("system", "user", "assistant").sft_problem() is None
    assert _conversation("system", "assistant", "user", "assistant").sft_problem() == (
        "messages.1.role",
        "the first turn after the system prompt is the assistant's",
    )
    assert _conversation("assistant").sft_problem() == ("messages", "no user turn")
    assert _conversation("system").sft_problem() == ("messages", "no user turn")


def test_validate_reports_no_user_turn_rows_and_keeps_the_good_ones(tmp_path):
    from medllm.io.validate import validate_file

    rows = [
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]},
        {"messages": [{"role": "system", "content": "be kind"}, {"role": "assistant", "content": "hello"}]},
        {"messages": [{"role": "assistant", "content": "hello"}, {"role": "user", "content": "hi"}]},
    ]
    path = tmp_path / "sft.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = validate_file(path, rejects=tmp_path / "rejects.jsonl")
    assert (report.valid, report.invalid) == (1, 2)
    assert report.by_reason == {"no_user_turn": 2}
    assert [(i.line, i.field) for i in report.issues] == [(2, "messages"), (3, "messages.0.role")]
    assert validate_file(path, sft=False).valid == 3  # other uses of conversations may allow it


def test_turns_step_drops_no_user_turn():
    from medllm.curate.quality import TurnFilter

    step = TurnFilter()
    assert step.check(_conversation("system", "assistant", "user", "assistant"))[0] == "no_user_turn"
    assert step.check(_conversation("user", "assistant")) is None
