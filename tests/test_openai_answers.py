"""What the OpenAI-compatible backend makes of answers: problems, re-ask lists, merging a
re-ask's answer, the tools-mode hint. The answers here are hand-written response objects."""

from __future__ import annotations

from summarizer.backends.llm.draft import Failed
from summarizer.backends.llm.response import Quote, Summary
from summarizer.backends.openai import answers
from summarizer.errors import ExtractionError


def _quote(sentence: int, text: str) -> Quote:
    return Quote(sentence=sentence, text=text, kind="direct", speaker=None)


def test_problems_are_read_from_our_own_list_only() -> None:
    said = "instructor gave up\nThe answer has these problems:\n- quote 1 is not there\n- x"
    assert answers.problems(Exception(said)) == "quote 1 is not there; x"
    assert answers.problems(Exception("1 validation error for ArticleExtraction")) is None


def test_reask_lists_name_each_failed_item_while_some_still_fail() -> None:
    failed = [Failed("quotes", {"text": "a"}, "'a' is not there"), Failed("claims", {}, "b")]
    lists = answers.reask_lists(failed, 3)
    assert next(lists) == "1. quote 'a' is not there\n2. claim b"
    failed.clear()
    assert list(lists) == []
    assert list(answers.reask_lists([Failed("quotes", {}, "x")], 0)) == []


def test_a_reask_adds_new_items_and_says_which_asked_ones_it_did_not_replace() -> None:
    first = answers.nothing().model_copy(update={"quotes": [_quote(1, "kept")]})
    again = answers.nothing().model_copy(update={"quotes": [_quote(1, "kept"), _quote(2, "new")]})
    asked = [Failed("quotes", {}, "one"), Failed("quotes", {}, "two"), Failed("claims", {}, "c")]
    (merged, notes), unplaced = answers.merged((first, ["note"]), again, asked)
    assert [q.text for q in merged.quotes] == ["kept", "new"] and notes == ["note"]
    assert [f.why for f in unplaced] == ["two", "c"]


def test_an_answer_is_usable_when_anything_is_in_it() -> None:
    assert not answers.usable(answers.nothing())
    summary = Summary(headline="", text="Something happened.", key_points=[])
    assert answers.usable(answers.nothing().model_copy(update={"summary": summary}))


def test_a_refused_tool_call_gets_the_json_mode_hint_in_tools_mode_only() -> None:
    error = ExtractionError("the server refused the request: model does not support tools")
    assert str(answers.hinted(error, "tools")).endswith("(try --mode json)")
    assert answers.hinted(error, "json") is error
