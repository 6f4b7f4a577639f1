"""Answers in the envelopes servers really use are unwrapped (examples written by hand after the
answers llama.cpp's server gave for Qwen2.5-Coder, issue 11)."""

from __future__ import annotations

import json

from summarizer.backends.llm.envelope import parse_content, unwrap

ANSWER = {"summary": {"headline": "h", "text": "t", "key_points": [1]}, "quotes": []}
NAME = "ArticleExtraction"


def test_a_fenced_list_of_calls_gives_the_first_calls_arguments() -> None:
    text = "```json\n" + json.dumps([{"function": NAME, "arguments": ANSWER}]) + "\n```"
    assert parse_content(text, NAME) == ANSWER


def test_a_bare_call_and_string_arguments_and_qwen_tags() -> None:
    assert parse_content(json.dumps({"function": NAME, "arguments": ANSWER}), NAME) == ANSWER
    call = {"name": NAME, "arguments": json.dumps(ANSWER)}
    assert parse_content(json.dumps(call), NAME) == ANSWER
    tagged = "<tool_call>\n" + json.dumps({"name": NAME, "arguments": ANSWER}) + "\n</tool_call>"
    assert parse_content(tagged, NAME) == ANSWER


def test_prose_around_an_object_and_plain_answers() -> None:
    assert parse_content("Here it is: " + json.dumps(ANSWER) + " Done.", NAME) == ANSWER
    assert parse_content("I found no events.", NAME) is None
    assert unwrap(ANSWER, NAME) == ANSWER  # an answer that has no envelope stays as it is
