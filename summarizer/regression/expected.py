"""The blessed records of a suite, ``expected/<id>.json``: read, written, compared for sameness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.regression.suite import SuiteError


def read_expected(path: Path) -> dict[str, Any] | None:
    """The blessed record at ``path``; None when there is none yet."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{path}: not a JSON record ({exc})") from None
    if not isinstance(data, dict):
        raise SuiteError(f"{path}: not a JSON record (expected an object)")
    return data


def write_expected(path: Path, record: dict[str, Any]) -> bool:
    """Bless ``record`` at ``path``; True when that changed the file."""
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
