"""The chat request posted without the SDK's transform is the request ``create`` sends.

Both ways go to a real HTTP server on 127.0.0.1 (tests/fake_openai.py, answers hand-written by
tests/llm_canned.py, not a model), and what arrived is compared byte for byte: the body and
every header.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any

import openai
import pytest
from fake_openai import FakeOpenAI, Received, content_reply, tool_reply
from llm_canned import REFERENCE, document, reference_answer
from pydantic import BaseModel

from summarizer.backends.openai import LLMBackend, direct
from summarizer.settings import Settings


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def _answer(received: Received) -> Any:
    """The canned answer, as a tool call in tools mode and as content in JSON mode."""
    if received.json().get("tools"):
        return tool_reply(reference_answer())
    return content_reply(reference_answer())


def _sent(server: FakeOpenAI, mode: str, run: str) -> Received:
    """The first request an extraction of the reference article sends (``run``: sync or async)."""
    server.default = _answer
    before = len(server.requests)
    llm = LLMBackend(Settings.from_env(model="m", base_url=server.url, mode=mode))
    doc = document(REFERENCE)
    if run == "sync":
        llm.extract(doc)
    else:

        async def go() -> None:
            await llm.aextract(doc)
            await llm.aclose()

        asyncio.run(go())
    return server.requests[before]


@pytest.mark.parametrize("run", ["sync", "async"])
@pytest.mark.parametrize("mode", ["tools", "json"])
def test_the_request_on_the_wire_is_the_one_create_sends(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, mode: str, run: str
) -> None:
    fast = _sent(fake_openai, mode, run)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(direct, "prepared", lambda kwargs: calls.append(kwargs))  # never handles
    through_create = _sent(fake_openai, mode, run)
    assert calls, "the second request did not go through create"
    assert fast.body == through_create.body
    assert fast.headers == through_create.headers
    assert (fast.method, fast.path) == (through_create.method, through_create.path)


def test_body_parameters_are_creates_in_its_order() -> None:
    from openai.resources.chat.completions import AsyncCompletions, Completions

    for create in (Completions.create, AsyncCompletions.create):
        names = [p for p in inspect.signature(create).parameters if p != "self"]
        assert tuple(n for n in names if n not in direct.OPTIONS) == direct.BODY
        assert set(direct.OPTIONS) <= set(names)


def test_body_is_the_sdks_transform_and_options_are_its_request_options() -> None:
    from openai._base_client import make_request_options
    from openai._utils import maybe_transform
    from openai.types.chat import completion_create_params

    kwargs: dict[str, Any] = {
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {"a": [1, None]}}}],
        "model": "m",
        "max_tokens": 10,
        "messages": [{"role": "user", "content": "hi"}],
        "temperature": openai.omit,
        "extra_body": {"response_format": {"type": "json_object"}},
        "timeout": 3.0,
    }
    body, options = direct.prepared(kwargs) or ({}, {})
    sdk = {name: kwargs.get(name, openai.omit) for name in direct.BODY}
    assert body == maybe_transform(sdk, completion_create_params.CompletionCreateParamsNonStreaming)
    assert list(body) == ["messages", "model", "max_tokens", "tools"]  # create's order
    assert options == make_request_options(
        extra_body=kwargs["extra_body"], timeout=3.0, security={"bearer_auth": True}
    )


class _Part(BaseModel):
    type: str = "text"
    text: str = "hi"


@pytest.mark.parametrize(
    "changed",
    [
        {"stream": True},  # a stream needs create's stream class
        {"unknown_parameter": 1},  # a parameter this module does not know
        {"messages": [{"role": "user", "content": [_Part()]}]},  # a model the SDK would dump
        {"messages": ({"role": "user", "content": "hi"},)},  # a tuple it would make a list
        {"messages": [{1: "x"}]},  # a key that is not a string
    ],
)
def test_what_the_transform_would_change_goes_to_create(changed: dict[str, Any]) -> None:
    kwargs = {"messages": [{"role": "user", "content": "hi"}], "model": "m", **changed}
    assert direct.prepared(kwargs) is None


def test_requests_missing_messages_or_model_go_to_create() -> None:
    assert direct.prepared({"model": "m"}) is None
    assert direct.prepared({"messages": []}) is None
    assert direct.prepared({"messages": [], "model": "m"}) is not None


def _answers() -> list[dict[str, Any]]:
    """Hand-written answers (tests/fake_openai.py): a tool call, JSON content, and two that
    do not validate (a server's own finish reason; arguments sent as an object)."""
    tool = json.loads(tool_reply(reference_answer()).body)
    content = json.loads(content_reply(reference_answer()).body)
    odd = json.loads(tool_reply({"a": 1}).body)
    odd["choices"][0]["finish_reason"] = "eos"
    odd["timings"] = {"predicted_ms": 12.5}  # a field OpenAI does not send (llama.cpp does)
    loose = json.loads(tool_reply({"a": 1}).body)
    loose["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = {"a": 1}
    return [tool, content, odd, loose]


# Dumping the constructed object-arguments answer warns that a str field holds a dict: it does.
@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
@pytest.mark.parametrize("data", _answers(), ids=["tools", "json", "eos", "object-arguments"])
def test_an_answer_is_the_chat_completion_the_sdk_would_make(data: dict[str, Any]) -> None:
    from openai._models import construct_type
    from openai.types.chat import ChatCompletion

    made = direct.answer(data)
    sdk = construct_type(type_=ChatCompletion, value=data)
    assert type(made) is ChatCompletion
    assert made == sdk and made.model_dump() == sdk.model_dump()
    assert made.model_fields_set == sdk.model_fields_set


def test_an_answer_that_is_not_an_object_is_left_as_the_sdk_leaves_it() -> None:
    assert direct.answer(["not", "an", "object"]) == ["not", "an", "object"]


def test_the_sdk_builds_the_answer_through_answer_type(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openai.types.chat import ChatCompletion

    built: list[object] = []
    made = direct.answer
    monkeypatch.setattr(direct, "answer", lambda data: built.append(data) or made(data))
    fake_openai.default = tool_reply(reference_answer())
    client = openai.OpenAI(base_url=fake_openai.url, api_key="test", max_retries=0)
    reply = direct.create(client)(model="m", messages=[{"role": "user", "content": "hi"}])
    assert type(reply) is ChatCompletion and len(built) == 1
    assert reply.choices[0].message.tool_calls[0].function.name == "ArticleExtraction"
