"""Cassette matching, scrubbing and headers (summarizer.regression.cassettes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from vcr.request import Request

from summarizer.regression.cassettes import (
    comments,
    header,
    json_body,
    recorded_endpoint,
    with_header,
)


def test_matching_ignores_key_order_whitespace_and_host() -> None:
    sent = Request("POST", "http://127.0.0.1:5001/v1/chat/completions", b'{"a": 1, "b": [2]}', {})
    same = Request("POST", "http://localhost:6002/v1/chat/completions", '{"b":[2],"a":1}', {})
    other = Request("POST", "http://127.0.0.1:5001/v1/chat/completions", b'{"a": 2, "b": [2]}', {})
    json_body(sent, same)
    with pytest.raises(AssertionError):
        json_body(sent, other)


CASSETTE = """interactions:
- request:
    body: '{"model": "qwen", "messages": []}'
    headers: {}
    method: POST
    uri: http://gpu1:8000/v1/chat/completions
  response:
    body: {string: '{}'}
    headers: {}
    status: {code: 200, message: OK}
version: 1
"""


def test_the_header_names_server_model_and_quantisation(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("# an old header\n" + CASSETTE, encoding="utf-8")
    with_header(path, header("http://gpu1:8000/v1", "qwen", "vLLM 0.6", "AWQ"))
    lines = comments(path)
    assert "server: vLLM 0.6" in lines and "model: qwen" in lines
    assert "quantisation: AWQ" in lines and "base URL: http://gpu1:8000/v1" in lines
    assert "an old header" not in path.read_text(encoding="utf-8")
    assert recorded_endpoint(path) == ("http://gpu1:8000/v1", "qwen")


def test_an_empty_cassette_has_no_endpoint(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("interactions: []\nversion: 1\n", encoding="utf-8")
    assert recorded_endpoint(path) is None
    with_header(path, header("http://h/v1", "m", None, None))
    assert "server: not given" in comments(path)
