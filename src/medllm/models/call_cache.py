"""A cache of model calls: the same request to the same model is answered from disk, not the model.

Judges and simulated patients are the expensive part of judged evaluations (often a paid endpoint);
a rerun with another metric, another task selection or after a crash should not pay for them again.
Only deterministic requests are cached: greedy generation, or sampling with a fixed seed. The key is
the model's name, the method and the full request (messages, generation settings), so any change in
what is asked is a miss. Entries live in one SQLite file, safe to share between runs.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from medllm.models.base import ChatModel, GenerationConfig, LoglikelihoodResult, Message, dtype_tag


class CachedModel(ChatModel):
    """Wraps a :class:`ChatModel`; ``chat``, ``complete`` and ``loglikelihood`` consult ``path`` first.

    Args:
        model: the model to call on a miss.
        path: the SQLite file (created with its folder when missing).
        identity: what identifies the model in keys (default its name); give more where the name alone
            does not pin the weights (a local folder that may be retrained).

    Attributes:
        hits / misses: requests answered from the cache / by the model, since creation.
    """

    def __init__(self, model: ChatModel, path: str | Path, *, identity: str | None = None) -> None:
        self.inner = model
        self.identity = (identity or model.name) + dtype_tag(model)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS calls (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.commit()
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def tokenizer(self) -> Any | None:
        return self.inner.tokenizer

    @property
    def chat_template(self) -> str | None:
        return self.inner.chat_template

    @property
    def dtype(self) -> str | None:
        return getattr(self.inner, "dtype", None)

    def chat(self, conversations: Sequence[Sequence[Message]], config: GenerationConfig) -> list[str]:
        if not _deterministic(config):
            return self.inner.chat(conversations, config)
        keys = [self._key("chat", [dict(m) for m in c], config.to_dict()) for c in conversations]
        return self._cached(keys, list(conversations), lambda todo: self.inner.chat(todo, config))

    def complete(self, prompts: Sequence[str], config: GenerationConfig) -> list[str]:
        if not _deterministic(config):
            return self.inner.complete(prompts, config)
        keys = [self._key("complete", prompt, config.to_dict()) for prompt in prompts]
        return self._cached(keys, list(prompts), lambda todo: self.inner.complete(todo, config))

    def loglikelihood(self, requests: Sequence[tuple[str, str]]) -> list[LoglikelihoodResult]:
        keys = [self._key("loglikelihood", list(pair)) for pair in requests]
        found = self._cached(
            keys,
            list(requests),
            lambda todo: [vars(r) for r in self.inner.loglikelihood(todo)],
        )
        return [LoglikelihoodResult(**value) for value in found]

    def stream_chat(self, messages: Sequence[Message], config: GenerationConfig) -> Iterator[str]:
        return self.inner.stream_chat(messages, config)

    def close(self) -> None:
        with self._lock:
            self._db.close()
        self.inner.close()

    def _key(self, method: str, *request: Any) -> str:
        blob = json.dumps([self.identity, method, *request], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _cached(self, keys: list[str], requests: list[Any], call: Callable[[list[Any]], list[Any]]) -> list[Any]:
        with self._lock:
            stored = dict(self._lookup(sorted(set(keys))))
        # A request repeated within the batch is sent once.
        todo_keys = list(dict.fromkeys(k for k in keys if k not in stored))
        self.hits += sum(k in stored for k in keys)
        self.misses += len(todo_keys)
        if todo_keys:
            first = {key: request for key, request in zip(keys, requests, strict=True) if key not in stored}
            answers = call([first[key] for key in todo_keys])
            fresh = dict(zip(todo_keys, answers, strict=True))
            with self._lock:
                self._db.executemany(
                    "INSERT OR REPLACE INTO calls (key, value) VALUES (?, ?)",
                    [(key, json.dumps(value, ensure_ascii=False)) for key, value in fresh.items()],
                )
                self._db.commit()
            stored.update(fresh)
        return [stored[key] for key in keys]

    def _lookup(self, keys: list[str]) -> Iterator[tuple[str, Any]]:
        for start in range(0, len(keys), 500):  # SQLite limits the number of bound parameters
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            for key, value in self._db.execute(f"SELECT key, value FROM calls WHERE key IN ({marks})", part):
                yield key, json.loads(value)


def _deterministic(config: GenerationConfig) -> bool:
    return config.greedy or config.seed is not None
