"""The OpenAI-compatible backend's options: read from ``Settings.options``, checked, named."""

from __future__ import annotations

import pytest

from summarizer.backends.openai.options import OPENAI_URL, OpenAIOptions
from summarizer.errors import OptionError


@pytest.fixture(autouse=True)
def _no_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def test_defaults_are_openai_in_tools_mode() -> None:
    assert OpenAIOptions.of({}) == OpenAIOptions(OPENAI_URL, "tools", 60.0, 5, 120.0)


def test_given_values_are_normalised_and_other_backends_options_ignored() -> None:
    got = OpenAIOptions.of(
        {"base_url": "http://127.0.0.1:8080/v1/", "mode": "JSON", "timeout": 7, "n_ctx": 4096}
    )
    assert (got.base_url, got.mode, got.timeout) == ("http://127.0.0.1:8080/v1", "json", 7.0)


def test_none_means_not_given() -> None:
    assert OpenAIOptions.of({"base_url": None, "mode": None, "timeout": None}) == OpenAIOptions()


def test_the_server_falls_back_to_openai_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://10.0.0.2:8000/v1")
    assert OpenAIOptions.of({}).base_url == "http://10.0.0.2:8000/v1"
    assert OpenAIOptions.of({"base_url": "http://a/v1"}).base_url == "http://a/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", "10.0.0.2:8000")
    with pytest.raises(OptionError, match="from OPENAI_BASE_URL"):
        OpenAIOptions.of({})


def test_temperature_is_the_servers_own_unless_given() -> None:
    assert OpenAIOptions.of({}).temperature is None
    assert OpenAIOptions.of({"temperature": "0"}).temperature == 0.0


def test_transport_attempts_are_at_least_one() -> None:
    assert OpenAIOptions.of({"transport_attempts": 0}).transport_attempts == 1


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        ({"mode": "xml"}, "mode", "--mode: expected 'tools' or 'json', got 'xml'"),
        ({"base_url": "localhost:8000"}, "base_url", "--base-url: expected an http(s) URL"),
        ({"timeout": "soon"}, "timeout", "--timeout: expected a number, got 'soon'"),
        ({"timeout": True}, "timeout", "--timeout: expected a number"),
        ({"timeout": 0}, "timeout", "--timeout: must be more than 0, got 0"),
        ({"transport_attempts": -1}, "transport_attempts", "must be at least 0"),
        ({"temperature": -0.5}, "temperature", "--temperature: must be at least 0, got -0.5"),
        ({"temperature": 3}, "temperature", "--temperature: must be at most 2, got 3"),
    ],
)
def test_a_wrong_value_is_an_option_error_naming_it(
    options: dict[str, object], option: str, message: str
) -> None:
    with pytest.raises(OptionError) as caught:
        OpenAIOptions.of(options)
    assert caught.value.option == option
    assert message in str(caught.value) and "\n" not in str(caught.value)
