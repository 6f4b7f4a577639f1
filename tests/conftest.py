"""Shared fixtures. Keep this small: a fixture used by one test file belongs in that file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A scriptable OpenAI-compatible server on 127.0.0.1 (ephemeral port), stopped afterwards."""
    with FakeOpenAI() as server:
        yield server
