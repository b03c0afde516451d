"""The conversation store (off by default, retention, delete by id) and what the logs may hold."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from medllm.serve.keys import KeyStore, add_key
from medllm.serve.requestlog import RequestLog
from medllm.serve.store import ConversationStore
from tests.serve.conftest import GatedModel, gated_engine

SECRET = "My name is Johanna Quistgaard and my chest hurts"


def chat(server: Any, key: str | None = None, **body: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    payload = {"model": "gated", "messages": [{"role": "user", "content": SECRET}], **body}
    return httpx.post(server.base_url + "/chat/completions", json=payload, headers=headers, timeout=30)


def test_no_store_by_default(serve: Any) -> None:
    server = serve(gated_engine(GatedModel()))
    reply = chat(server)
    assert reply.status_code == 200 and "conversation_id" not in reply.json()
    assert httpx.delete(server.base_url + "/conversations/conv-1").status_code == 404


def test_conversations_are_kept_per_key_and_deleted_by_id(serve: Any, tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    alice, bob = add_key(path, "alice"), add_key(path, "bob")
    store = ConversationStore(f"sqlite:///{tmp_path / 'chats.db'}")
    assert (tmp_path / "chats.db").stat().st_mode & 0o777 == 0o600
    server = serve(gated_engine(GatedModel(pieces=2)), keys=KeyStore(path), store=store)
    first = chat(server, alice).json()
    cid = first["conversation_id"]
    assert store.load(cid) == [
        {"role": "user", "content": SECRET},
        {"role": "assistant", "content": "ok ok "},
    ]
    streamed = chat(server, alice, stream=True, conversation_id=cid)
    assert f'"conversation_id": "{cid}"' in streamed.text and len(store.load(cid)) == 2
    # Another key can neither write into nor delete alice's conversation.
    assert "conversation_id" not in chat(server, bob, conversation_id=cid).json()
    auth = {"Authorization": f"Bearer {bob}"}
    assert httpx.delete(f"{server.base_url}/conversations/{cid}", headers=auth).status_code == 404
    auth = {"Authorization": f"Bearer {alice}"}
    deleted = httpx.delete(f"{server.base_url}/conversations/{cid}", headers=auth)
    assert deleted.status_code == 200 and deleted.json()["deleted"] is True
    assert store.load(cid) is None
    assert httpx.delete(f"{server.base_url}/conversations/{cid}", headers=auth).status_code == 404


def test_retention_purges_old_conversations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ConversationStore(f"sqlite:///{tmp_path / 'chats.db'}", retention_days=1)
    store.save("conv-old", None, "m", [{"role": "user", "content": "hi"}], "hello")
    store.save("conv-new", None, "m", [{"role": "user", "content": "hi"}], "hello")
    later = time.time() + 2 * 86400
    with store.engine.begin() as db:
        from medllm.serve.store import conversations

        db.execute(conversations.update().where(conversations.c.id == "conv-new").values(updated=later))
    monkeypatch.setattr(time, "time", lambda: later + 1)
    assert store.purge(force=True) == 1
    assert store.load("conv-old") is None and store.load("conv-new") is not None


def test_logs_hold_no_message_text(serve: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="medllm.serve")
    server = serve(gated_engine(GatedModel()))
    assert chat(server).status_code == 200
    assert chat(server, stream=True).status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "medllm.serve.requests"]
    assert len(lines) == 2 and all("status=200" in line and "completion_tokens=" in line for line in lines)
    assert not any("Quistgaard" in r.getMessage() or "chest" in r.getMessage() for r in caplog.records)


def test_log_content_is_deidentified(
    serve: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real de-identifier takes ~10 s to load; test_log_content_real_deidentifier runs it (slow).
    monkeypatch.setattr("medllm.deid.deidentify_text", lambda text: text.replace("Johanna Quistgaard", "[NAME]"))
    caplog.set_level(logging.INFO, logger="medllm.serve")
    server = serve(gated_engine(GatedModel()), log=RequestLog(log_content=True))
    assert chat(server).status_code == 200
    line = next(r.getMessage() for r in caplog.records if r.name == "medllm.serve.requests")
    assert "My name is [NAME] and my chest hurts" in line and "Quistgaard" not in line


@pytest.mark.slow
def test_log_content_real_deidentifier(serve: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="medllm.serve")
    server = serve(gated_engine(GatedModel()), log=RequestLog(log_content=True))
    assert chat(server).status_code == 200
    line = next(r.getMessage() for r in caplog.records if r.name == "medllm.serve.requests")
    assert "[NAME]" in line and "Quistgaard" not in line
