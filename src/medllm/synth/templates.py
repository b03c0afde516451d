"""Versioned Jinja prompt templates: shipped in ``medllm/synth/templates``, overridable from a user folder.

A template file ``NAME.jinja`` starts with ``{#- version: N -#}`` and renders to a chat: the lines
``<<<system>>>`` and ``<<<user>>>`` open each message. The template id ``NAME@N`` goes into the cache
key and into every record's provenance; a user override with the same name replaces the shipped
file, and its own version line says which prompt wrote a record. Undefined variables are errors, so a
template that names a field the generator does not supply fails on the first item, not silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from medllm.synth.types import Message, SynthError

SHIPPED = Path(__file__).parent / "templates"
_VERSION = re.compile(r"\{#-?\s*version:\s*([\w.-]+)\s*-?#\}")
_MARKER = re.compile(r"^<<<(system|user|assistant)>>>[ \t]*\n?", re.MULTILINE)


@dataclass(frozen=True)
class PromptTemplate:
    """One loaded template: its name, version, where it came from, and the compiled Jinja template."""

    name: str
    version: str
    path: Path
    template: jinja2.Template

    @property
    def id(self) -> str:
        """``name@version``, as recorded in the cache key and in provenance."""
        return f"{self.name}@{self.version}"

    def render(self, **values: Any) -> list[Message]:
        """The chat messages for ``values``.

        Raises:
            SynthError: a variable is missing, or the template produced no message.
        """
        try:
            text = self.template.render(**values)
        except jinja2.UndefinedError as error:
            raise SynthError(f"template {self.path}: {error}") from None
        parts = _MARKER.split(text)
        messages = [
            {"role": role, "content": content.strip()}
            for role, content in zip(parts[1::2], parts[2::2], strict=True)
            if content.strip()
        ]
        if not messages:
            raise SynthError(f"template {self.path}: rendered no <<<system>>>/<<<user>>> message")
        return messages


class TemplateSet:
    """Finds templates in the user folder first, then among the shipped ones.

    Args:
        override: a folder of ``NAME.jinja`` files that replace shipped templates of the same name.
    """

    def __init__(self, override: str | Path | None = None) -> None:
        self.override = Path(override) if override is not None else None
        if self.override is not None and not self.override.is_dir():
            raise SynthError(f"{self.override}: not a folder of templates")
        folders = [str(self.override)] if self.override is not None else []
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([*folders, str(SHIPPED)]),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,  # prompts are plain text, never HTML
        )
        self._loaded: dict[str, PromptTemplate] = {}

    def get(self, name: str) -> PromptTemplate:
        """The template ``name`` (without ``.jinja``).

        Raises:
            SynthError: no such template, a syntax error, or no version line.
        """
        if name in self._loaded:
            return self._loaded[name]
        file = f"{name}.jinja"
        try:
            template = self._env.get_template(file)
        except jinja2.TemplateNotFound:
            raise SynthError(f"no template {file} (shipped: {', '.join(shipped_templates())})") from None
        except jinja2.TemplateSyntaxError as error:
            raise SynthError(f"template {error.filename}:{error.lineno}: {error.message}") from None
        path = Path(template.filename or file)
        match = _VERSION.search(path.read_text(encoding="utf-8"))
        if match is None:
            raise SynthError(f"template {path}: the first line must be {{#- version: N -#}}")
        loaded = PromptTemplate(name, match.group(1), path, template)
        self._loaded[name] = loaded
        return loaded


def has_marker(text: str) -> bool:
    """Whether ``text`` holds a line that would open a new message if rendered into a template."""
    return _MARKER.search(text) is not None


def shipped_templates() -> list[str]:
    """Names of the templates shipped with medllm."""
    return sorted(p.stem for p in SHIPPED.glob("*.jinja"))
