"""API keys: only hashes stored, one argon2 check per key and process, every route but /health guarded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from typer.testing import CliRunner

from medllm.cli.main import app
from medllm.serve.keys import KeyFileError, KeyStore, add_key, list_keys, revoke_key
from tests.serve.conftest import GatedModel, gated_engine, metric, wait_for

HELLO = [{"role": "user", "content": "Hello"}]


def test_the_file_holds_hashes_not_keys(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    key = add_key(path, "alice", ["gated"])
    assert key.startswith("mk-") and key not in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600
    assert list_keys(path)[0]["name"] == "alice" and "hash" not in list_keys(path)[0]
    with pytest.raises(KeyFileError, match="exists"):
        add_key(path, "alice")
    assert revoke_key(path, "alice") and not revoke_key(path, "alice")
    add_key(path, "alice")  # the name is free again once revoked


def test_verification_pays_argon2_once_per_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keys.json"
    alice, bob = add_key(path, "alice"), add_key(path, "bob")
    store = KeyStore(path)
    calls: list[str] = []
    hasher = store._hasher

    class Counting:
        def verify(self, hash: str, key: str) -> bool:
            calls.append(key)
            return hasher.verify(hash, key)

    monkeypatch.setattr(store, "_hasher", Counting())
    for _ in range(20):
        assert store.verify(alice).name == "alice"
    assert store.verify(bob).name == "bob"
    assert len(calls) == 2
    # A wrong secret with a real id costs one check against that one record, and fails.
    assert store.verify(alice[:-3] + "xyz") is None and len(calls) == 3
    # Unknown ids and junk cost nothing.
    assert store.verify("mk-00000000-abc") is None and store.verify("sk-whatever") is None and len(calls) == 3
    revoke_key(path, "alice")
    store.reload()
    assert store.verify(alice) is None and store.verify(bob).name == "bob"


def test_a_damaged_keys_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text("[1, 2")
    with pytest.raises(KeyFileError, match="not a medllm keys file"):
        KeyStore(path)
    path.write_text(json.dumps({"keys": []}))
    with pytest.raises(KeyFileError, match="no keys"):
        KeyStore(path)


@pytest.fixture
def keyed(serve: Any, tmp_path: Path) -> tuple[Any, dict[str, str], Path]:
    path = tmp_path / "keys.json"
    keys = {"all": add_key(path, "all"), "gated-only": add_key(path, "gated-only", ["gated"])}
    keys["revoked"] = add_key(path, "revoked")
    server = serve(gated_engine(GatedModel()), keys=KeyStore(path))
    return server, keys, path


def test_every_route_but_health_needs_a_key(keyed: tuple[Any, dict[str, str], Path]) -> None:
    server, keys, _ = keyed
    assert httpx.get(server.url + "/health").status_code == 200
    assert httpx.get(server.url + "/").status_code == 200  # the page holds no data; it asks for a key
    for method, path in [
        ("GET", "/v1/models"),
        ("GET", "/metrics"),
        ("POST", "/v1/chat/completions"),
        ("POST", "/v1/completions"),
        ("GET", "/no/such/path"),
        ("DELETE", "/v1/conversations/x"),
    ]:
        reply = httpx.request(method, server.url + path)
        assert reply.status_code == 401, path
        assert reply.json()["error"]["type"] == "authentication_error"
    with_key = httpx.get(server.url + "/no/such/path", headers={"Authorization": f"Bearer {keys['all']}"})
    assert with_key.status_code == 404
    assert metric(server, "medllm_rejected_total", reason="missing_key") == 6


def test_wrong_revoked_and_forbidden_keys(keyed: tuple[Any, dict[str, str], Path]) -> None:
    server, keys, path = keyed

    def client(key: str) -> openai.OpenAI:
        return openai.OpenAI(base_url=server.base_url, api_key=key, max_retries=0)

    assert client(keys["all"]).chat.completions.create(model="gated", messages=HELLO).choices[0].message.content
    with pytest.raises(openai.AuthenticationError):
        client(keys["all"][:-4] + "AAAA").models.list()
    with pytest.raises(openai.AuthenticationError):
        client("not-a-key").models.list()
    assert client(keys["revoked"]).models.list()
    revoke_key(path, "revoked")
    server.state.keys.reload()
    with pytest.raises(openai.AuthenticationError, match="revoked"):
        client(keys["revoked"]).models.list()
    limited = client(keys["gated-only"])
    assert [m.id for m in limited.models.list()] == ["gated"]
    with pytest.raises(openai.PermissionDeniedError):
        limited.chat.completions.create(model="medllm-assistant", messages=HELLO)
    assert limited.chat.completions.create(model="gated", messages=HELLO)


def test_rate_limit_per_key_with_retry_after(serve: Any, tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    alice, bob = add_key(path, "alice"), add_key(path, "bob")
    server = serve(gated_engine(GatedModel()), keys=KeyStore(path), rate_limit=3)
    headers = {"Authorization": f"Bearer {alice}"}
    codes = [httpx.get(server.base_url + "/models", headers=headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = httpx.get(server.base_url + "/models", headers=headers)
    assert limited.json()["error"]["type"] == "rate_limit_error" and 1 <= int(limited.headers["retry-after"]) <= 20
    assert httpx.get(server.base_url + "/models", headers={"Authorization": f"Bearer {bob}"}).status_code == 200
    assert httpx.get(server.url + "/health").status_code == 200  # never limited
    # The count is taken after the last byte is sent, so it may trail the client by a moment.
    wait_for(lambda: metric(server, "medllm_requests_total", route="/v1/models", code="429") == 2)


def test_keys_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    path = str(tmp_path / "keys.json")
    added = runner.invoke(app, ["keys", "add", "clinic", "--keys-file", path, "--models", "gated,medllm-assistant"])
    assert added.exit_code == 0 and added.stdout.strip().startswith("mk-")
    listed = json.loads(runner.invoke(app, ["keys", "list", "--keys-file", path, "--json"]).stdout)
    assert listed[0]["models"] == ["gated", "medllm-assistant"] and listed[0]["revoked"] is None
    assert runner.invoke(app, ["keys", "revoke", "clinic", "--keys-file", path]).exit_code == 0
    again = runner.invoke(app, ["keys", "revoke", "clinic", "--keys-file", path])
    assert again.exit_code == 2 and "no live key" in again.output
