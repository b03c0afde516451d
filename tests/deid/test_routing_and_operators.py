"""Routing by language, languages without recognizers, replacement modes, and the package's import graph."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytest.importorskip("presidio_analyzer")
pytest.importorskip("presidio_anonymizer")

from medllm.deid import Deidentifier
from medllm.deid.routing import Segment, base_language, route


def test_route_splits_by_script_and_keeps_short_latin_runs_with_chinese():
    text = "患者说 I have had a cough since Monday, 我很担心。医保卡号：E42184315"
    segments = route(text, "zh")
    assert [(text[s.start : s.end], s.language) for s in segments] == [
        ("患者说 ", "zh"),
        ("I have had a cough since Monday", "en"),
        (", 我很担心。医保卡号：E42184315", "zh"),
    ]
    assert route("Call me tomorrow.", None) == [Segment(0, 17, "en")]  # too short to detect: the default
    assert route("", "en") == []
    assert [s.language for s in route("日本語のテキストです", "ja")] == ["ja"]
    assert base_language("zh-Hans") == "zh" and base_language("und") is None


def test_text_in_a_language_without_recognizers_is_reported_not_passed():
    deid = Deidentifier()
    text = "Bonjour, je suis Jean Dupont, mon email est jean.dupont@mail.fr, je suis malade depuis lundi."
    result = deid.deidentify(text, "fr")
    assert result.unsupported == ("fr",)
    assert "[EMAIL]" in result.text  # the language-neutral recognizers still ran
    assert "Jean Dupont" in result.text  # and nothing pretends the names were handled


def test_hash_and_surrogate_modes_are_consistent_and_need_a_salt():
    pytest.importorskip("faker")
    salt = "a-secret-of-16+chars"
    hashed = Deidentifier(mode="hash", salt=salt)
    first = hashed.deidentify("Dr. Chidi Okonkwo saw Dr. Ada Obi; Chidi Okonkwo called.", "en")
    again = hashed.deidentify("Chidi Okonkwo", "en")
    news = [r.new for r in first.replacements]
    assert len(news[0]) == 64 and news[0] != news[1]
    assert news[0] in again.text or again.replacements[0].new == news[0]
    surrogate = Deidentifier(mode="surrogate", salt=salt)
    one = surrogate.deidentify_text("患者张伟，电话13812345678。", "zh")
    two = surrogate.deidentify_text("患者张伟，电话13812345678。", "zh")
    assert one == two and "张伟" not in one and "13812345678" not in one
    for mode in ("hash", "surrogate"):
        with pytest.raises(ValueError, match="salt"):
            Deidentifier(mode=mode)
    with pytest.raises(ValueError, match="mode"):
        Deidentifier(mode="blur")


def test_the_deid_package_has_no_import_cycles():
    root = Path(__import__("medllm.deid", fromlist=["x"]).__file__).parent
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        deps = set()
        for node in ast.parse(path.read_text()).body:  # module-level imports only: those run at import
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("medllm.deid"):
                deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name.startswith("medllm.deid"))
        graph[name] = deps
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        if seen.get(node) == 1:
            raise AssertionError("import cycle: " + " -> ".join([*stack, node]))
        if seen.get(node) == 2:
            return
        seen[node] = 1
        for dep in graph.get(node, ()):
            if dep in graph and dep != node and not node.startswith(dep + "."):
                visit(dep, [*stack, node])
        seen[node] = 2

    for node in graph:
        visit(node, [])
