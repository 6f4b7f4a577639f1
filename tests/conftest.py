"""Shared fixtures. Keep this small: a fixture used by one test file belongs in that file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import FakeOpenAI

from summarizer.regression.cassettes import json_body


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A scriptable OpenAI-compatible server on 127.0.0.1 (ephemeral port), stopped afterwards."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture(params=["speedups", "no-speedups"])
def speedups(request: pytest.FixtureRequest) -> Iterator[bool]:
    """Run a test both ways: with the CLI's speed patches (``summarizer._speedups``) and as a
    Python caller gets the libraries; spaCy's pipeline is loaded afresh for each, and the
    patches are removed afterwards."""
    from summarizer import _speedups
    from summarizer.backends.rules.nlp import load_nlp

    on = request.param == "speedups"
    _speedups.install() if on else _speedups.uninstall()
    load_nlp.cache_clear()
    try:
        yield on
    finally:
        _speedups.uninstall()
        load_nlp.cache_clear()


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """Replays match request bodies as parsed JSON (``summarizer.regression.cassettes.json_body``)."""
    vcr.register_matcher("json_body", json_body)
