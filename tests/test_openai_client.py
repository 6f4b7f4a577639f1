"""Resolving model, server, mode and key from settings; the key is never shown."""

from __future__ import annotations

import pytest

from summarizer.backends.openai.client import PLACEHOLDER_KEY, Endpoint, endpoint, sync_client
from summarizer.backends.openai.options import OpenAIOptions
from summarizer.errors import ConfigError


def _endpoint(model: str, **options: object) -> Endpoint:
    return endpoint(model, OpenAIOptions.of(options))


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def test_openai_prefix_is_stripped_and_openai_needs_its_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY is not set"):
        _endpoint("openai/gpt-4o-mini")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc")
    ep = _endpoint("openai/gpt-4o-mini")
    assert (ep.model, ep.base_url, ep.key, ep.is_openai) == (
        "gpt-4o-mini",
        "https://api.openai.com/v1",
        "sk-abc",
        True,
    )


def test_custom_server_works_without_a_key_and_keeps_the_model_name() -> None:
    ep = _endpoint("qwen2.5:7b", base_url="http://127.0.0.1:11434/v1/")
    assert (ep.model, ep.base_url, ep.key, ep.is_openai) == (
        "qwen2.5:7b",
        "http://127.0.0.1:11434/v1",
        PLACEHOLDER_KEY,
        False,
    )


def test_custom_server_gets_the_key_when_one_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    assert _endpoint("m", base_url="http://localhost:8000/v1").key == "sk-local"


@pytest.mark.parametrize(
    ("model", "options", "message"),
    [
        ("openai/", {"base_url": "http://x/v1"}, "--model"),
        ("m", {"base_url": "http://x/v1", "mode": "xml"}, "--mode"),
        ("m", {"base_url": "localhost:8000"}, "--base-url"),
    ],
)
def test_bad_settings_are_one_line_config_errors(
    model: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        _endpoint(model, **options)
    assert "\n" not in str(caught.value)


def test_key_is_not_in_the_endpoint_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    ep = _endpoint("openai/gpt-4o-mini")
    assert "sk-very-secret" not in repr(ep) and "sk-very-secret" not in str(ep)


def test_sdk_retries_are_off_so_they_never_multiply_with_ours() -> None:
    ep = _endpoint("m", base_url="http://127.0.0.1:9/v1", timeout=7.5)
    client = sync_client(ep)
    assert client.max_retries == 0 and client.timeout == 7.5
