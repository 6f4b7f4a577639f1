"""Prompt templates load from a checkout and from a wheel; the article is numbered sentences."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from llm_canned import INJECTION, ROOT, document

from summarizer.backends.llm import prompt
from summarizer.document import Document
from summarizer.errors import ConfigError
from summarizer.loading import source_for


def test_templates_load_from_the_checkout() -> None:
    system = prompt.template(prompt.PROMPT_VERSION, "system")
    assert "numbered sentences" in system
    assert "{{ article }}" in prompt.template(prompt.PROMPT_VERSION, "user")
    assert "{{" not in system and "{%" not in system  # the system text is rendered by Jinja too


def test_the_wheel_ships_prompts_where_the_loader_looks_first() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["prompts"] == "summarizer/prompts"
    assert prompt._PLACES[0] == ROOT / "summarizer" / "prompts"


def test_loader_prefers_the_installed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wheel, checkout = tmp_path / "site" / "prompts", tmp_path / "repo" / "prompts"
    for place, words in ((wheel, "from the wheel"), (checkout, "from the checkout")):
        place.mkdir(parents=True)
        (place / "v9.system.txt").write_text(words + "\n", encoding="utf-8")
    monkeypatch.setattr(prompt, "_PLACES", (wheel, checkout))
    prompt.template.cache_clear()
    assert prompt.template("v9", "system") == "from the wheel"
    monkeypatch.setattr(prompt, "_PLACES", (tmp_path / "none", checkout))
    prompt.template.cache_clear()
    assert prompt.template("v9", "system") == "from the checkout"
    with pytest.raises(ConfigError, match=r"v8\.system\.txt is missing"):
        prompt.template("v8", "system")
    prompt.template.cache_clear()


def test_numbered_article_has_content_sentences_only() -> None:
    doc = document(INJECTION)
    lines = prompt.numbered(doc).splitlines()
    assert lines[0] == "[1] City council approves flood barrier after heated debate"
    assert lines[1] == ""  # paragraphs are set apart
    assert sum(line.startswith("[") for line in lines) == len(doc.sentences)


def test_numbered_subset_numbers_from_one_and_flattens_line_breaks() -> None:
    text = "Skip me.\n\nFirst kept\nsentence. Second kept one.\n\nThird."
    doc = Document(
        text=text,
        source=source_for(text),
        paragraphs=[(0, 8), (10, 47), (49, 55)],
        sentences=[(10, 30), (31, 47), (49, 55)],
    )
    assert prompt.numbered(doc) == "[1] First kept sentence.\n[2] Second kept one.\n\n[3] Third."


def test_the_answer_budget_follows_the_sentences_shown_and_can_be_overridden() -> None:
    from llm_canned import INJECTION, REFERENCE, document

    long, short = document(REFERENCE), document(INJECTION)
    assert prompt.answer_tokens(long) > prompt.answer_tokens(short) >= prompt.ANSWER_TOKENS_BASE
    assert prompt.answer_tokens(long, 77) == 77


def test_a_re_ask_repeats_the_first_messages_and_adds_one() -> None:
    first = prompt.messages()
    again = prompt.follow_up("reask")
    assert again[:-1] == first and "{{ problems }}" in again[-1]["content"]
    assert "{{ candidates }}" in prompt.messages(assist=True)[-1]["content"]
