"""Write the triage gate file: ``python -m medllm.assistant.triage.build_gates`` (after editing a concept table)."""

from __future__ import annotations

from medllm.assistant.triage.gates import CACHE_PATH, write_cache

if __name__ == "__main__":
    print(f"wrote {CACHE_PATH} ({write_cache()} patterns)")
