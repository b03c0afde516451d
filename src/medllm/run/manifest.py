"""What a finished step records about itself, and how a rerun knows it can skip the step.

``<run>/<step>/manifest.json`` holds the step's settings, its inputs with checksums (recipe files,
labelled sets, and the manifests of the earlier steps it reads), package versions, the git commit,
wall time and peak memory. Its ``key`` hashes settings and inputs: a rerun skips a step whose
manifest says ``done`` with the same key, and reruns it (resuming inside the step where the step
can) when anything it depends on changed or it never finished.
"""

from __future__ import annotations

import hashlib
import json
import platform
import resource
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
_PACKAGES = ("medllm", "torch", "transformers", "trl", "peft", "accelerate", "datasets", "sentence-transformers")


def file_digest(path: Path) -> str:
    """sha256 of a file, or of a folder's files in name order (paths included)."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(str(file.relative_to(path) if file != path else file.name).encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def step_key(settings: Any, inputs: dict[str, str]) -> str:
    """What decides a step's result: its resolved settings and its inputs' checksums."""
    blob = json.dumps({"settings": settings, "inputs": inputs}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The step's manifest, or ``None`` when it is missing or unreadable (the step then reruns)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def is_done(folder: Path, key: str) -> bool:
    manifest = read_manifest(folder)
    return bool(manifest and manifest.get("status") == "done" and manifest.get("key") == key)


def environment() -> dict[str, Any]:
    """Versions and code that a rerun should match."""
    packages = {}
    for package in _PACKAGES:
        try:
            packages[package] = version(package)
        except PackageNotFoundError:
            packages[package] = None
    return {"python": platform.python_version(), "packages": packages, "git_commit": git_commit()}


def git_commit() -> str | None:
    """The commit of the medllm checkout in use, ``+dirty`` when it has uncommitted changes; None outside git."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+dirty" if dirty else head


def peak_memory_mb() -> float:
    """Peak resident memory so far of this process and its finished children, in MB (Linux reports KiB)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return round(max(own, children), 1)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write atomically, so a kill mid-write leaves the old manifest or none, never half of one."""
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / MANIFEST, manifest)


def started(step: str, kind: str, key: str, settings: Any, inputs: dict[str, str]) -> dict[str, Any]:
    return {
        "step": step,
        "type": kind,
        "status": "running",
        "key": key,
        "settings": settings,
        "inputs": inputs,
        "environment": environment(),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (a kill mid-write never leaves half a file)."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    temporary.replace(path)
