"""The command line as a user meets it: bad input is one stderr line and exit 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: str(d / "missing.txt"), "no such file"),
        (lambda d: str(d), "is a folder"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\n  "), "empty"),
        (lambda d: _write(d / "pic.png", b"\x89PNG\r\n\x1a\n\x00\x00"), "binary"),
        (lambda d: _write(d / "latin.txt", b"caf\xe9 cr\xe8me"), "utf-8"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, make, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert_one_line_error(run("summarise", make(tmp_path)), 2, needle)


def test_oversized_input_names_the_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", b"word " * 1000)
    assert_one_line_error(run("summarise", path, "--max-bytes", "100"), 2, "--max-bytes")


def test_bad_date_is_a_usage_error() -> None:
    assert_one_line_error(run("summarise", str(REFERENCE), "--date", "yesterday"), 2, "--date")


def test_unknown_option_exits_2_without_traceback() -> None:
    proc = run("summarise", str(REFERENCE), "--no-such-flag")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_schema_command_prints_the_json_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["properties"]["schema_version"]["const"] == "1"


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys, summarizer.cli as c\n"
        "try:\n    c.app(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openai', 'instructor', 'spacy', 'pydantic', 'trafilatura', 'ray') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY="


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)
