"""Reading a YAML configuration file (recipes, task files) into a mapping, with one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from medllm.io.issues import DataError


def read_yaml_mapping(path: str | Path, what: str) -> dict[str, Any]:
    """The YAML mapping in ``path``.

    Args:
        what: what the file is ("recipe", "task"), named in errors.

    Raises:
        DataError: the file cannot be read, is not YAML, or does not hold a mapping; the message names the file.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: no such {what} file") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read the {what}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: a {what} is a YAML mapping, got {type(data).__name__}")
    return data


def yaml_key_lines(path: str | Path) -> dict[tuple[str | int, ...], int]:
    """The 1-based line of every key and list item in a YAML file, by its path (``("steps", 2, "type")``).

    Validation errors name a location as a path; this turns it into the line a user can jump to. An
    unreadable file gives an empty map (the reader has already reported it).
    """
    try:
        root = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    lines: dict[tuple[str | int, ...], int] = {}

    def walk(node: yaml.Node, prefix: tuple[str | int, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*prefix, str(key.value))
                lines[here] = key.start_mark.line + 1
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                here = (*prefix, index)
                lines[here] = item.start_mark.line + 1
                walk(item, here)

    if root is not None:
        walk(root, ())
    return lines


def line_of(lines: dict[tuple[str | int, ...], int], location: tuple[str | int, ...]) -> int | None:
    """The line of ``location`` or, when it is not in the file (a missing key), of its nearest parent."""
    for end in range(len(location), 0, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None
