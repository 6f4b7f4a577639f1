"""``summarizer eval`` as a user runs it, on a one-article gold folder written here by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Talks fail at the port\n\n"
    "\u201cWe will respond,\u201d Kanaani said, \u201cat the right time.\u201d\n\n"
    "Officials said the talks had failed.\n"
)


def gold(tmp_path: Path) -> Path:
    """A PolNeAR-layout folder: one interrupted quote and one indirect attribution."""
    w, r = TEXT.index("We will"), TEXT.index("at the right")
    k, o, t = TEXT.index("Kanaani"), TEXT.index("Officials"), TEXT.index("the talks had")
    ann = (
        f"T1\tContent {w - 1} {w + 17};{r - 1} {r + 19}\tquote\n"
        f"T2\tSource {k} {k + 7}\tKanaani\n"
        "E1\tAttribution:T3 Content:T1 Source:T2\n"
        f"T4\tContent {t} {t + 20}\tthe talks had failed\n"
        f"T5\tSource {o} {o + 9}\tOfficials\n"
        "E2\tAttribution:T6 Content:T4 Source:T5\n"
    )
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "port.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "port_0001.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "eval", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))},
    )


def test_json_report_scores_the_rules_backend(tmp_path: Path) -> None:
    proc = run(str(gold(tmp_path)), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["format"] == "polnear" and report["backend"] == "rules"
    assert report["articles"] == 1
    sections = report["sections"]
    quotes = sections["quotes"]
    # One-to-one: one gold quote is claimed once, however many pieces the rules cut it into.
    assert quotes["gold"] == 1 and quotes["matched"] == 1 and quotes["recall"] == 1.0
    assert quotes["precision"] == round(1 / quotes["predicted"], 4)
    assert sections["speaker"] == {"accuracy": 1.0, "right": 1, "matched": 1}
    assert sections["quotes_with_speaker"]["recall"] == 1.0
    assert sections["attributions"]["recall"] == 1.0


def test_text_report_has_one_line_per_section(tmp_path: Path) -> None:
    proc = run(str(gold(tmp_path)), "--model", "rules", "--limit", "1")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "polnear gold, 1 articles, backend rules" in lines[0]
    assert "one-to-one" in lines[0]
    assert any(line.startswith("quotes ") and "R 1.000" in line for line in lines)
    assert any(line.startswith("speaker ") and "accuracy 1.000" in line for line in lines)
    assert any(line.startswith("attributions ") for line in lines)


def test_bad_gold_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for path, needle in [
        (tmp_path / "missing", "no such gold"),
        (tmp_path, "not a gold set"),
    ]:
        proc = run(str(path))
        assert proc.returncode == 2
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr
