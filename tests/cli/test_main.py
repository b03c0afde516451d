from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from medllm.cli.main import main


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["medllm", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


def test_an_unwritable_output_path_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"}]}) + "\n")
    blocker = tmp_path / "afile"
    blocker.write_text("")  # a file where the output's folder should be
    code = _run(monkeypatch, "data", "convert", str(source), str(blocker / "out.jsonl"))
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and str(blocker) in err and "-v" in err


def test_verbose_keeps_the_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"messages": [{"role": "user", "content": "hi"}]}) + "\n")
    monkeypatch.setattr(sys, "argv", ["medllm", "-v", "data", "convert", str(source), str(blocker / "out.jsonl")])
    with pytest.raises(OSError):
        main()
