"""Batch requests are the live path's requests: compared with what the live path sends to the
fake server (hand-written answers), in tools and JSON mode."""

from __future__ import annotations

import asyncio
import copy

import pytest
from fake_openai import FakeOpenAI, content_reply, tool_reply
from test_bulk_run import ANSWER, article

from summarizer.backends.batching import Reask, Replayed
from summarizer.backends.openai import LLMBackend
from summarizer.backends.openai.batch_requests import Requests
from summarizer.loading import Loaded, source_for
from summarizer.pipeline import prepare
from summarizer.settings import Settings


def _doc(settings: Settings) -> object:
    text = article(7)
    return prepare(Loaded(text, source_for(text)), settings)


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_the_batch_body_is_the_live_request(fake_openai: FakeOpenAI, mode: str) -> None:
    settings = Settings(
        model="fake-model", options={"base_url": fake_openai.url, "mode": mode, "timeout": 10}
    )
    fake_openai.default = tool_reply(ANSWER) if mode == "tools" else content_reply(ANSWER)
    backend = LLMBackend(settings)
    doc = _doc(settings)
    backend.extract(doc)  # type: ignore[arg-type]
    (live,) = [r.json() for r in fake_openai.requests]
    assert Requests(backend).body(doc) == live  # type: ignore[arg-type]
    assert len(fake_openai.requests) == 1  # capturing sent nothing


def test_a_replayed_answer_is_validated_and_an_ungrounded_one_asked_again(
    fake_openai: FakeOpenAI,
) -> None:
    settings = Settings(model="fake-model", options={"base_url": fake_openai.url, "timeout": 10})
    requests = Requests(LLMBackend(settings))
    doc = _doc(settings)
    answer = tool_reply(ANSWER, prompt_tokens=100, completion_tokens=20)
    wrong = copy.deepcopy(ANSWER)
    wrong["quotes"][0]["text"] = "We will build a wall"
    bad = tool_reply(wrong)
    import json

    good = asyncio.run(requests.replay(doc, [json.loads(answer.body)], live=False))  # type: ignore[arg-type]
    assert isinstance(good, Replayed)
    assert good.draft.quotes[0].text == "We will rebuild the bridge"
    assert (good.batch_prompt_tokens, good.batch_completion_tokens) == (100, 20)

    again = asyncio.run(requests.replay(doc, [json.loads(bad.body)], live=False))  # type: ignore[arg-type]
    assert isinstance(again, Reask)
    said = json.dumps(again.body["messages"][-2:])
    assert "We will build a wall" in said and "not found verbatim" in said
    assert not fake_openai.requests


def test_an_llm_backend_batches_and_the_rules_backend_cannot(fake_openai: FakeOpenAI) -> None:
    from summarizer.backends.rules import RulesBackend

    settings = Settings(model="fake-model", options={"base_url": fake_openai.url})
    batching = LLMBackend(settings).batching()
    assert isinstance(batching.requests, Requests)
    batching.service.close()
    assert RulesBackend(Settings()).batching() is None
