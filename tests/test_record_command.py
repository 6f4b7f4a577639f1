"""``summarizer record`` as a user runs it, against tests/fake_openai.py serving HAND-WRITTEN
answers (tests/llm_canned.py), not a model."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from fake_openai import FakeOpenAI
from llm_canned import ROOT
from make_cassettes import canned

ARTICLE = ROOT / "tests" / "canned-suites" / "tools" / "articles" / "reference.txt"


def summarizer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


def test_record_writes_suite_toml_cassettes_and_expected(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.default = canned
    (tmp_path / "news" / "articles").mkdir(parents=True)
    shutil.copyfile(ARTICLE, tmp_path / "news" / "articles" / "iraq.txt")
    args = ["record", "news", "--model", "canned-model", "--base-url", fake_openai.url]
    done = summarizer(*args, "--server", "fake server", "--quantisation", "none", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "recorded  articles/iraq.txt\n"
    assert "1 of 1 article(s) recorded in news (canned-model at" in done.stderr
    toml = (tmp_path / "news" / "suite.toml").read_text(encoding="utf-8")
    assert 'name = "canned-model"' in toml and fake_openai.url in toml
    assert 'server = "fake server"' in toml and 'quantisation = "none"' in toml
    cassette = (tmp_path / "news" / "cassettes" / "iraq.yaml").read_text(encoding="utf-8")
    assert cassette.startswith("# Recorded by `summarizer record`")
    assert "# server: fake server" in cassette and "# quantisation: none" in cassette
    assert (tmp_path / "news" / "expected" / "iraq.json").is_file()
    again = summarizer("record", "news", cwd=tmp_path)
    assert again.stdout == "kept      articles/iraq.txt\n" and len(fake_openai.requests) == 1


def test_a_server_that_fails_exits_1_naming_the_article(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    shutil.copyfile(ARTICLE, tmp_path / "articles" / "iraq.txt")
    (tmp_path / "suite.toml").write_text(
        '[model]\nname = "m"\nbase_url = "http://127.0.0.1:9/v1"\n[options]\ntimeout = 2\n',
        encoding="utf-8",
    )
    done = summarizer("record", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("summarizer: articles/iraq.txt: ")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "cassettes" / "iraq.yaml").exists()


def test_no_suite_toml_and_no_model_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    done = summarizer("record", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr
        == "summarizer: .: no suite.toml; give --model (and --base-url) once to write one\n"
    )
