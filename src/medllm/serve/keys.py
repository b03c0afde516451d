"""API keys: a JSON file of argon2 hashes, never the keys themselves.

A key reads ``mk-<id>-<secret>``. The id names the one record whose hash to check, so verifying costs
one argon2 check (about 0.15 s here) rather than one per stored key; a key that verified once is then
recognised by its SHA-256 in memory, so argon2 is paid once per key and process, not per request. The
file is re-read when it changes on disk, so ``medllm keys revoke`` takes effect on a running server.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_PREFIX = "mk"
_ID_BYTES = 4  # 8 hex characters: enough to pick a record, not a secret
_SECRET_BYTES = 32
_FORMAT_VERSION = 1
#: how often a running server looks at the file's modification time
_RELOAD_SECONDS = 1.0


class KeyFileError(ValueError):
    """The keys file cannot be read or does not hold medllm keys; one line saying which and why."""


@dataclass
class KeyRecord:
    """One stored key: its name, id, argon2 hash, the models it may use (None: all) and its state."""

    name: str
    id: str
    hash: str
    models: list[str] | None = None
    created: float = field(default_factory=time.time)
    revoked: float | None = None

    def allows(self, model: str) -> bool:
        return self.models is None or model in self.models

    def public(self) -> dict[str, Any]:
        """What ``keys list`` shows: everything but the hash."""
        return {
            "name": self.name,
            "id": self.id,
            "models": self.models,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.created)),
            "revoked": None if self.revoked is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.revoked)),
        }


def _read(path: Path) -> list[KeyRecord]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
            raise KeyFileError(f"{path}: not a medllm keys file (expected {{'keys': [...]}})")
        return [KeyRecord(**entry) for entry in data["keys"]]
    except (ValueError, TypeError) as error:
        if isinstance(error, KeyFileError):
            raise
        raise KeyFileError(f"{path}: not a medllm keys file ({error})") from None


def _write(path: Path, records: list[KeyRecord]) -> None:
    """Write atomically, readable by the owner only: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": _FORMAT_VERSION, "keys": [asdict(r) for r in records]}
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(payload, out, indent=2)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_key(path: Path, name: str, models: list[str] | None = None) -> str:
    """Create a key named ``name``, store its hash and return the key (shown once, never stored).

    Raises:
        KeyFileError: the file is not a keys file, or ``name`` is taken by a key that is not revoked.
    """
    name = name.strip()
    if not name or len(name) > 64:
        raise KeyFileError("a key name must be 1 to 64 characters")
    records = _read(path)
    if any(r.name == name and r.revoked is None for r in records):
        raise KeyFileError(f"{path}: a key named {name!r} exists; revoke it first or pick another name")
    taken = {r.id for r in records}
    key_id = secrets.token_hex(_ID_BYTES)
    while key_id in taken:
        key_id = secrets.token_hex(_ID_BYTES)
    key = f"{_PREFIX}-{key_id}-{secrets.token_urlsafe(_SECRET_BYTES)}"
    records.append(KeyRecord(name=name, id=key_id, hash=PasswordHasher().hash(key), models=models or None))
    _write(path, records)
    return key


def list_keys(path: Path) -> list[dict[str, Any]]:
    """Every key's name, id, models and dates (no hashes)."""
    return [r.public() for r in _read(path)]


def revoke_key(path: Path, name: str) -> bool:
    """Revoke the live key named ``name``; False when there is none."""
    records = _read(path)
    hit = False
    for record in records:
        if record.name == name and record.revoked is None:
            record.revoked = time.time()
            hit = True
    if hit:
        _write(path, records)
    return hit


class KeyStore:
    """The server's view of a keys file: verifies bearer keys, cheaply after the first time."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._hasher = PasswordHasher()
        self._records: dict[str, KeyRecord] = {}
        self._verified: dict[bytes, str] = {}  # sha256(key) -> key id
        self._stamp: tuple[float, int] | None = None
        self._checked = 0.0
        self._load()
        if not self._records:
            raise KeyFileError(f"{self.path}: no keys; create one with `medllm keys add NAME --keys-file {self.path}`")

    def _load(self) -> None:
        stat = self.path.stat() if self.path.exists() else None
        stamp = (stat.st_mtime, stat.st_size) if stat else None
        if stamp == self._stamp:
            return
        records = {r.id: r for r in _read(self.path) if r.revoked is None}
        self._records, self._stamp = records, stamp
        # A revoked or replaced key must fail at once, so remembered verifications go with the old file.
        self._verified = {digest: kid for digest, kid in self._verified.items() if kid in records}

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked >= _RELOAD_SECONDS:
            self._checked = now
            # A half-edited or vanished file must not open the server: keep the last good records.
            with contextlib.suppress(OSError, KeyFileError):
                self._load()

    def reload(self) -> None:
        """Re-read the file now (tests; the server itself checks about once a second)."""
        with self._lock:
            self._checked = 0.0
            self._refresh()

    def verify(self, key: str) -> KeyRecord | None:
        """The record of a valid, unrevoked key, or None."""
        with self._lock:
            self._refresh()
            digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
            known = self._verified.get(digest)
            if known is not None:
                return self._records.get(known)
            parts = key.split("-", 2)
            if len(parts) != 3 or parts[0] != _PREFIX:
                return None
            record = self._records.get(parts[1])
        if record is None:
            return None
        try:  # outside the lock: argon2 takes a while, and other keys need not wait for it
            self._hasher.verify(record.hash, key)
        except (VerificationError, InvalidHashError):
            return None
        with self._lock:
            if record.id in self._records:
                self._verified[digest] = record.id
                return record
        return None
