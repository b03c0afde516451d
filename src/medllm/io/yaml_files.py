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
