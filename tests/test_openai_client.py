"""Resolving model, server, mode and key from settings; the key is never shown."""

from __future__ import annotations

import json

import pytest
from fake_openai import FakeOpenAI, tool_reply
from llm_canned import ROOT, reference_answer

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


def test_clients_share_one_tls_context_the_sdks_default_one() -> None:
    import ssl

    import httpx2

    from summarizer.backends.openai.client import async_client, ssl_context

    ep = _endpoint("m", base_url="http://127.0.0.1:9/v1")
    first, second = async_client(ep), async_client(ep)
    default = httpx2.create_ssl_context()
    for client in (first, second):
        assert client._client._transport.ssl_context is ssl_context()
    assert ssl_context().verify_mode == default.verify_mode == ssl.CERT_REQUIRED
    assert ssl_context().cert_store_stats() == default.cert_store_stats()


WARM_THEN_EXTRACT = """
import asyncio, json, sys
sys.path.insert(0, "tests")
from llm_canned import REFERENCE, document
from summarizer.backends.openai import LLMBackend
from summarizer.settings import Settings

llm = LLMBackend(Settings.from_env(model="m", base_url=sys.argv[1]))
llm.warm_up()
warm = sorted(m for m in sys.modules if m.startswith("openai.resources"))

async def go():
    draft = await llm.aextract(document(REFERENCE))
    await llm.aclose()
    return draft

draft = asyncio.run(go())
after = sorted(m for m in sys.modules if m.startswith("openai.resources"))
print(json.dumps({"quotes": len(draft.quotes), "warm": warm, "after": after}))
"""


def test_warm_up_and_a_request_never_import_the_sdks_resource_modules(
    fake_openai: FakeOpenAI,
) -> None:
    """``client.chat`` imports every resource module of the SDK (~0.3 s before the first
    request); the posted request needs none of them. A fresh interpreter, so that nothing
    another test imported counts."""
    import subprocess
    import sys

    fake_openai.default = tool_reply(reference_answer())
    run = subprocess.run(
        [sys.executable, "-c", WARM_THEN_EXTRACT, fake_openai.url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["quotes"] > 0 and len(fake_openai.requests) == 1
    assert seen["warm"] == seen["after"] == []
