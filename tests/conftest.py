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


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """Replays match request bodies as parsed JSON (``summarizer.regression.cassettes.json_body``)."""
    vcr.register_matcher("json_body", json_body)
