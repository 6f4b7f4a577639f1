"""``summarizer report RESULTS --output report.html``: one HTML page for a bulk run (or one result).

RESULTS is a bulk JSONL file (one Extraction per line plus ``id`` and ``status``; error lines
carry ``error``) or a single Extraction JSON file as ``summarise --format json`` writes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarizer.commands.options import write_output
from summarizer.errors import InputError

if TYPE_CHECKING:
    from summarizer.models import Extraction
    from summarizer.render.html import Failed

# Keys a bulk line adds around the Extraction contract.
_BULK_KEYS = ("id", "status", "cached", "origin", "error")


def _extraction(obj: dict[str, Any], where: str) -> Extraction:
    from pydantic import ValidationError

    from summarizer.models import Extraction

    body = {k: v for k, v in obj.items() if k not in _BULK_KEYS}
    try:
        return Extraction.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"]) or "record"
        raise InputError(f"{where}: not a summarizer result ({field}: {first['msg']})") from None


def read_results(path: Path) -> list[Extraction | Failed]:
    """The entries of ``path`` in order; for an id seen twice (a resumed run) the last ok wins."""
    from summarizer.render.html import Failed

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    if not text.strip():
        raise InputError(f"{path}: is empty")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        return [_entry(whole, str(path))]
    entries: dict[str, Extraction | Failed] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{where}: not JSON; expected bulk JSONL or one result") from None
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object")
        key = str(obj.get("id") or f"line {n}")
        entry = _entry(obj, where)
        if isinstance(entry, Failed) and not isinstance(entries.get(key, entry), Failed):
            continue
        entries.pop(key, None)
        entries[key] = entry
    return list(entries.values())


def _entry(obj: dict[str, Any], where: str) -> Extraction | Failed:
    from summarizer.render.html import Failed

    if obj.get("status", "ok") != "ok":
        reason = obj.get("error") or obj.get("reason") or f"status {obj.get('status')}"
        return Failed(id=str(obj.get("id") or where), reason=str(reason))
    return _extraction(obj, where)


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_command(
        results: Annotated[
            Path,
            typer.Argument(help="Bulk results (.jsonl) or one result (.json from summarise)."),
        ],
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write the HTML here (else stdout).")
        ] = None,
        title: Annotated[str | None, typer.Option(help="Page title.")] = None,
    ) -> None:
        """Write one self-contained HTML page showing every article's extractions in place."""
        from summarizer.render.html import render_report

        entries = read_results(results)
        html = render_report(entries, title=title or f"Summarizer report: {results.name}")
        write_output(html, output)
