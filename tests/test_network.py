"""The network guard of offline replays (summarizer.regression.network)."""

from __future__ import annotations

import socket

import pytest
from fake_openai import FakeOpenAI

from summarizer.regression.network import NetworkBlocked, no_network


def test_no_connection_leaves_while_blocked(fake_openai: FakeOpenAI) -> None:
    with no_network() as refused, pytest.raises(NetworkBlocked, match="offline replay"):
        socket.create_connection(("127.0.0.1", fake_openai.port), timeout=2)
    assert refused == [("127.0.0.1", fake_openai.port)]
    assert fake_openai.requests == []
    with socket.create_connection(("127.0.0.1", fake_openai.port), timeout=2):
        pass  # connecting works again afterwards
