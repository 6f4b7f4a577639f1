"""Which failures are retried, how long to wait, and the one line shown when retries run out."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx2
import openai
import pytest

from summarizer.backends.openai.options import OpenAIOptions
from summarizer.backends.openai.transport import (
    Meter,
    Policy,
    failure,
    origin,
    retry_after,
    retryable,
)
from summarizer.errors import ConfigError, ExtractionError

URL = "http://127.0.0.1:8080/v1/chat/completions"


def status_error(
    status: int, headers: dict[str, str] | None = None, message: str = "x"
) -> openai.APIStatusError:
    request = httpx2.Request("POST", URL)
    response = httpx2.Response(status, headers=headers or {}, request=request)
    body = {"message": message}
    cls = {
        429: openai.RateLimitError,
        500: openai.InternalServerError,
        400: openai.BadRequestError,
        401: openai.AuthenticationError,
    }
    return cls.get(status, openai.APIStatusError)(message, response=response, body=body)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (status_error(429), True),
        (status_error(500), True),
        (status_error(503), True),
        (status_error(408), True),
        (status_error(400), False),
        (status_error(401), False),
        (status_error(404), False),
        (openai.APITimeoutError(httpx2.Request("POST", URL)), True),
        (openai.APIConnectionError(request=httpx2.Request("POST", URL)), True),
        (json.JSONDecodeError("bad", "{", 1), True),
        (ValueError("a bug"), False),
    ],
)
def test_only_passing_failures_are_retried(exc: BaseException, expected: bool) -> None:
    assert retryable(exc) is expected


def test_retry_after_in_seconds_milliseconds_and_http_date() -> None:
    assert retry_after(status_error(429, {"Retry-After": "2"})) == 2.0
    assert retry_after(status_error(429, {"Retry-After": "0.5"})) == 0.5
    assert retry_after(status_error(429, {"retry-after-ms": "250", "Retry-After": "9"})) == 0.25
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < (retry_after(status_error(503, {"Retry-After": later})) or 0) <= 30
    assert retry_after(status_error(429, {"Retry-After": "soon"})) is None
    assert retry_after(status_error(429)) is None
    assert retry_after(ValueError("no response")) is None


def test_failure_lines() -> None:
    where = origin(URL)
    assert where == "http://127.0.0.1:8080"
    assert str(failure(status_error(500), where, 5)) == (
        "server at http://127.0.0.1:8080 kept failing: 500 Internal Server Error after 5 attempts"
    )
    assert str(failure(status_error(429), where, 1)).endswith(
        "429 Too Many Requests after 1 attempt"
    )
    refused = failure(status_error(400, message="unknown model\n'm'"), where, 1)
    assert isinstance(refused, ExtractionError)
    assert (
        str(refused)
        == "server at http://127.0.0.1:8080 refused the request: 400 Bad Request: unknown model 'm'"
    )
    assert isinstance(failure(status_error(401), where, 1), ConfigError)
    timeout = failure(openai.APITimeoutError(httpx2.Request("POST", URL)), where, 3)
    assert str(timeout).endswith("kept failing: no answer within the timeout after 3 attempts")


def test_policy_follows_the_settings() -> None:
    policy = Policy.from_options(
        OpenAIOptions.of({"transport_attempts": 0, "transport_max_seconds": 9.0})
    )
    assert (policy.attempts, policy.max_seconds) == (1, 9.0)


def test_meter_adds_reported_usage_and_tolerates_none() -> None:
    meter = Meter()
    meter.add(
        type("R", (), {"usage": type("U", (), {"prompt_tokens": 5, "completion_tokens": 2})()})()
    )
    meter.add(type("R", (), {"usage": None})())
    assert (meter.prompt_tokens, meter.completion_tokens) == (5, 2)
