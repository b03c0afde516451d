"""The conversation store: off unless ``--store URL`` is given; SQLite by default, any SQLAlchemy URL works.

A conversation is kept as its latest full list of messages (each request carries the whole
conversation), with the key that wrote it, and is deleted ``retention_days`` after its last turn, or at
once by ``DELETE /v1/conversations/{id}`` from the same key.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from typing import Any

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, create_engine, delete, select

_metadata = MetaData()
conversations = Table(
    "conversations",
    _metadata,
    Column("id", String(64), primary_key=True),
    Column("owner", String(64), nullable=True),  # key name, or None when the server has no keys
    Column("model", String(200), nullable=False),
    Column("created", Float, nullable=False),
    Column("updated", Float, nullable=False, index=True),
)
messages = Table(
    "messages",
    _metadata,
    Column("conversation_id", String(64), ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("extra", Text, nullable=True),  # JSON: triage level and citations of assistant turns
)
#: purge expired conversations at most this often (seconds)
_PURGE_EVERY = 60.0


class ConversationStore:
    """Keeps conversations in a database through SQLAlchemy Core (blocking: call it from a worker thread).

    Args:
        url: a SQLAlchemy URL, such as ``sqlite:///runs/serve/conversations.db``.
        retention_days: how long a conversation is kept after its last turn.
    """

    def __init__(self, url: str, retention_days: float = 30.0) -> None:
        connect_args = {"check_same_thread": False} if url.startswith("sqlite") else {}
        self.engine = create_engine(url, connect_args=connect_args)
        _metadata.create_all(self.engine)
        database = self.engine.url.database
        if url.startswith("sqlite") and database and database != ":memory:":
            os.chmod(database, 0o600)  # conversations are health data: readable by the server's user only
        self.retention = retention_days * 86400.0
        self._lock = threading.Lock()
        self._purged = 0.0
        self.purge()

    @staticmethod
    def new_id() -> str:
        return "conv-" + uuid.uuid4().hex

    def save(
        self,
        conversation_id: str,
        owner: str | None,
        model: str,
        turns: list[dict[str, Any]],
        reply: str,
        extra: dict[str, Any] | None = None,
    ) -> bool:
        """Store the conversation as ``turns`` plus ``reply``; False when the id belongs to another key."""
        now = time.time()
        with self._lock, self.engine.begin() as db:
            row = db.execute(select(conversations).where(conversations.c.id == conversation_id)).first()
            if row is not None and row.owner != owner:
                return False
            if row is None:
                db.execute(
                    conversations.insert().values(
                        id=conversation_id, owner=owner, model=model, created=now, updated=now
                    )
                )
            else:
                db.execute(conversations.update().where(conversations.c.id == conversation_id).values(updated=now))
                db.execute(delete(messages).where(messages.c.conversation_id == conversation_id))
            rows = [
                {
                    "conversation_id": conversation_id,
                    "position": i,
                    "role": t["role"],
                    "content": t["content"],
                    "extra": None,
                }
                for i, t in enumerate(turns)
            ]
            rows.append(
                {
                    "conversation_id": conversation_id,
                    "position": len(turns),
                    "role": "assistant",
                    "content": reply,
                    "extra": json.dumps(extra, ensure_ascii=False) if extra else None,
                }
            )
            db.execute(messages.insert(), rows)
        self.purge()
        return True

    def load(self, conversation_id: str) -> list[dict[str, Any]] | None:
        """The stored messages, or None when there is no such conversation."""
        with self.engine.connect() as db:
            if db.execute(select(conversations.c.id).where(conversations.c.id == conversation_id)).first() is None:
                return None
            rows = db.execute(
                select(messages).where(messages.c.conversation_id == conversation_id).order_by(messages.c.position)
            )
            return [{"role": r.role, "content": r.content, **json.loads(r.extra or "{}")} for r in rows]

    def delete(self, conversation_id: str, owner: str | None) -> bool:
        """Delete a conversation of ``owner``; False when there is none (another key's counts as none)."""
        with self._lock, self.engine.begin() as db:
            row = db.execute(select(conversations.c.owner).where(conversations.c.id == conversation_id)).first()
            if row is None or row.owner != owner:
                return False
            db.execute(delete(messages).where(messages.c.conversation_id == conversation_id))
            db.execute(delete(conversations).where(conversations.c.id == conversation_id))
        return True

    def purge(self, force: bool = False) -> int:
        """Delete conversations older than the retention period; returns how many."""
        now = time.time()
        if not force and now - self._purged < _PURGE_EVERY:
            return 0
        self._purged = now
        cutoff = now - self.retention
        with self._lock, self.engine.begin() as db:
            old = [r.id for r in db.execute(select(conversations.c.id).where(conversations.c.updated < cutoff))]
            if old:
                db.execute(delete(messages).where(messages.c.conversation_id.in_(old)))
                db.execute(delete(conversations).where(conversations.c.id.in_(old)))
        return len(old)

    def close(self) -> None:
        self.engine.dispose()
