"""The speed patches are on request: the CLI installs them, ``SUMMARIZER_NO_SPEEDUPS=1`` keeps
them off, and a Python caller of ``summarizer.summarise`` gets spaCy and instructor untouched.

The model server here is ``tests/fake_openai.py`` with a hand-written answer (a test double).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, tool_reply
from llm_canned import reference_answer

from summarizer import _speedups
from summarizer.backends import hooks

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"

LIBRARY_USE = """
import sys
import summarizer

text = open(sys.argv[1], encoding="utf-8").read()
from instructor.v2.core import patch, templating
from instructor.v2.validation import async_validators
from spacy.language import Language

def instructor_functions():
    return (templating.apply_template, async_validators.reject_async_validators,
            patch.reject_async_validators)

before = instructor_functions()
rules = summarizer.summarise(text)
llm = summarizer.summarise(text, model="m", base_url=sys.argv[2])
assert rules.quotes and llm.quotes, "both backends ran"
assert instructor_functions() == before, "instructor was patched"
assert not [n for n in Language.factories if n.startswith("summarizer_")], "spaCy's registry"

from summarizer.backends.rules.nlp import load_nlp
nlp = load_nlp()
assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
assert type(nlp.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
assert all(getattr(n.ops, "use_blis", True) for n in nlp.get_pipe("tok2vec").model.walk())
print("UNCHANGED")
"""

CLI_INSTALLS = """
import atexit, sys
from summarizer.backends import hooks
atexit.register(lambda: print("HOOKS", len(hooks.SPACY_PIPELINE), len(hooks.INSTRUCTOR)))
sys.argv = ["summarizer", "schema"]
from summarizer.cli import main
main()
"""


def _env(off: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != _speedups.OFF}
    return {**env, _speedups.OFF: "1"} if off else env


def test_importing_summarizer_and_summarising_changes_no_other_library(
    fake_openai: FakeOpenAI,
) -> None:
    fake_openai.push(tool_reply(reference_answer()))
    proc = subprocess.run(
        [sys.executable, "-c", LIBRARY_USE, str(REFERENCE), fake_openai.url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(off=False),
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "UNCHANGED"


@pytest.mark.parametrize(("off", "installed"), [(False, "HOOKS 1 1"), (True, "HOOKS 0 0")])
def test_the_cli_installs_them_unless_turned_off(off: bool, installed: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CLI_INSTALLS],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(off),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == installed


@pytest.mark.parametrize(("value", "on"), [("", True), ("0", True), ("1", False), ("yes", False)])
def test_the_switch(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv(_speedups.OFF, value)
    try:
        assert _speedups.install() is on
        assert _speedups.install() is on  # idempotent
        assert (len(hooks.SPACY_PIPELINE), len(hooks.INSTRUCTOR)) == ((1, 1) if on else (0, 0))
    finally:
        _speedups.uninstall()
    assert hooks.SPACY_PIPELINE == [] and hooks.INSTRUCTOR == []


def test_uninstall_puts_instructors_functions_back() -> None:
    from instructor.v2.core import templating

    from summarizer._speedups import instructor_patches

    original = templating.apply_template
    assert instructor_patches.install()
    assert templating.apply_template is not original
    _speedups.uninstall()
    assert templating.apply_template is original
