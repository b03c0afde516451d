"""A persistent per-request cache of teacher replies (SQLite), so a killed run resumes and a rerun pays nothing.

Each reply is stored under :meth:`TeacherRequest.key`: a hash of the model, the messages, every sampling
setting and the template version. Changing one setting therefore re-asks only the requests it changes,
and every other reply is reused. A row is committed as soon as its reply arrives: SIGKILL loses at most
the requests that were still in flight.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from medllm.synth.types import TeacherRequest, TeacherResponse

_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    template TEXT NOT NULL,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    created REAL NOT NULL
)
"""


class ResponseCache:
    """Teacher replies by request key, in one SQLite file.

    Args:
        path: the database file (created with its folder); ``:memory:`` for a throwaway cache.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        # WAL: readers (another process checking progress) never block the writer; NORMAL sync is
        # durable across a killed process, which is what resuming needs.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

    def get(self, model: str, request: TeacherRequest) -> TeacherResponse | None:
        """The stored reply to ``request`` from ``model``, marked ``cached``; None when never answered."""
        row = self._db.execute("SELECT response FROM replies WHERE key = ?", (request.key(model),)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        return TeacherResponse(**data, cached=True)

    def put(self, model: str, request: TeacherRequest, response: TeacherResponse) -> None:
        """Store a reply (committed at once)."""
        payload = {"messages": request.message_dicts(), "sampling": request.sampling.to_dict()}
        self._db.execute(
            "INSERT OR REPLACE INTO replies (key, model, template, request, response, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                request.key(model),
                model,
                request.template,
                json.dumps(payload, ensure_ascii=False),
                json.dumps(response.to_json(), ensure_ascii=False),
                time.time(),
            ),
        )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM replies").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def count_replies(path: str | Path) -> int:
    """How many replies a cache file holds, read without locking out its writer (for progress checks)."""
    if not Path(path).exists():
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM replies").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()
