"""Transport retries: one HTTP request to the model server, retried when the failure is passing.

429 (honouring ``Retry-After``), 5xx, timeouts, dropped connections and unreadable response
bodies are retried with exponential backoff and jitter, bounded by the ``transport_attempts``
and ``transport_max_seconds`` options. The openai SDK's own retries are off (``max_retries=0``
on the client), so the two never multiply; instructor's re-asks (bad answers) sit on top of this
layer and each re-ask gets the full transport budget. After the last attempt the failure becomes
one ``ExtractionError`` line (a rejected key is a ``ConfigError``). ``Meter`` counts every HTTP
request made and the tokens the server reports, whatever instructor later does with the answer;
the wrapped ``create`` is shared, and ``metered(meter)`` says which extraction is counting.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from summarizer.backends.openai.options import OpenAIOptions
from summarizer.errors import ConfigError, ExtractionError, SummarizerError

if TYPE_CHECKING:
    from tenacity import RetryCallState

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 409, 429})


@dataclass(frozen=True)
class Policy:
    """How hard to try one request. ``backoff`` is the first wait, doubled per attempt."""

    attempts: int = 5
    max_seconds: float = 120.0
    backoff: float = 0.5
    max_backoff: float = 20.0

    @classmethod
    def from_options(cls, options: OpenAIOptions) -> Policy:
        return cls(attempts=options.transport_attempts, max_seconds=options.transport_max_seconds)


@dataclass
class Meter:
    """Requests made and tokens used by one extraction, summed over every retry."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: Tools-mode answers that came as plain content: parsed from it, or not a call at all.
    tools_in_content: int = 0
    ignored_tools: int = 0
    #: Answers that stopped at ``max_tokens`` whatever their ``finish_reason`` said.
    cut_off: int = 0

    def add(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.prompt_tokens += getattr(usage, "prompt_tokens", 0) or 0
        self.completion_tokens += getattr(usage, "completion_tokens", 0) or 0


def origin(url: str) -> str:
    """``scheme://host:port`` of a base URL, for messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else url


def _status(exc: BaseException) -> int | None:
    return getattr(exc, "status_code", None)


def retryable(exc: BaseException) -> bool:
    """True for failures that may pass: rate limits, server errors, timeouts, lost connections."""
    import openai

    if isinstance(exc, openai.APIConnectionError | json.JSONDecodeError):
        return True
    status = _status(exc)
    return status is not None and (status in RETRY_STATUSES or status >= 500)


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms`` or ``Retry-After``), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _wait(policy: Policy) -> Callable[[RetryCallState], float]:
    """The server's ``Retry-After`` if it gave one, else exponential backoff with jitter."""

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc)
        if asked is not None:
            return asked
        grown = policy.backoff * 2 ** (state.attempt_number - 1)
        return min(policy.max_backoff, grown + random.uniform(0, policy.backoff))

    return wait


def _describe(exc: BaseException) -> str:
    import openai

    refused = _refused(exc)
    if isinstance(exc, openai.APITimeoutError) and refused is None:
        return "no answer within the timeout"
    if isinstance(exc, json.JSONDecodeError):
        return "the response was not valid JSON"
    if isinstance(exc, openai.APIConnectionError):
        cause = str(refused or exc.__cause__ or exc).strip().splitlines() or ["?"]
        return f"connection failed ({_clip(cause[0])})"
    response = getattr(exc, "response", None)
    reason = getattr(response, "reason_phrase", "") or ""
    return f"{_status(exc)} {reason}".strip()


def _refused(exc: BaseException) -> OSError | None:
    """The socket error under a failure, if one is not a timeout: the SDK's aiohttp transport
    reports a refused connection as ``ConnectTimeout``, which would read "no answer"."""
    cause = exc.__cause__
    while cause is not None:
        if isinstance(cause, OSError) and not isinstance(cause, TimeoutError):
            return cause
        cause = cause.__cause__
    return None


def _server_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    return _clip(" ".join(str(message or "").split()))


def _clip(text: str) -> str:
    return text if len(text) <= 160 else text[:157] + "..."


def failure(exc: BaseException, where: str, attempts: int) -> SummarizerError:
    """The one-line error for a request that failed for good."""
    what = _describe(exc)
    status = _status(exc)
    if status in (401, 403):
        return ConfigError(
            f"server at {where} rejected the credentials: {what} (check OPENAI_API_KEY)"
        )
    if retryable(exc):
        tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
        return ExtractionError(f"server at {where} kept failing: {what} {tries}")
    detail = _server_message(exc)
    return ExtractionError(
        f"server at {where} refused the request: {what}" + (f": {detail}" if detail else "")
    )


def _retrying_kwargs(policy: Policy, where: str) -> dict[str, Any]:
    from tenacity import retry_if_exception, stop_after_attempt, stop_before_delay

    def note(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.info(
            "server at %s: %s; retrying in %.2f s (attempt %d of %d)",
            where,
            _describe(exc) if exc else "?",
            state.upcoming_sleep,
            state.attempt_number + 1,
            policy.attempts,
        )

    return {
        "stop": stop_after_attempt(policy.attempts) | stop_before_delay(policy.max_seconds),
        "wait": _wait(policy),
        "retry": retry_if_exception(retryable),
        "before_sleep": note,
        "reraise": True,
    }


_METER: ContextVar[Meter | None] = ContextVar("summarizer_llm_meter", default=None)


def current_meter() -> Meter | None:
    """The meter of the extraction running in this task or thread, if any."""
    return _METER.get()


@contextmanager
def metered(meter: Meter) -> Iterator[Meter]:
    """Count the requests made inside this block (this task or thread only) into ``meter``: the
    patched ``create`` is shared by every extraction, each of which has its own meter."""
    token = _METER.set(meter)
    try:
        yield meter
    finally:
        _METER.reset(token)


def with_retries(create: Callable[..., Any], policy: Policy, where: str) -> Callable[..., Any]:
    """``create`` (a sync ``chat.completions.create``) with transport retries and metering."""
    from tenacity import Retrying

    settings = _retrying_kwargs(policy, where)

    def attempt(*args: Any, **kwargs: Any) -> Any:
        meter = _METER.get()
        if meter is not None:
            meter.requests += 1
        response = create(*args, **kwargs)
        if meter is not None:
            meter.add(response)
        return response

    def call(*args: Any, **kwargs: Any) -> Any:
        retrying = Retrying(**settings)
        try:
            return retrying(attempt, *args, **kwargs)
        except Exception as exc:
            if isinstance(exc, SummarizerError) or not _is_transport(exc):
                raise
            raise failure(exc, where, retrying.statistics.get("attempt_number", 1)) from exc

    return call


def with_retries_async(
    create: Callable[..., Awaitable[Any]], policy: Policy, where: str
) -> Callable[..., Awaitable[Any]]:
    """The asyncio twin of ``with_retries``, for ``AsyncOpenAI``."""
    from tenacity import AsyncRetrying

    settings = _retrying_kwargs(policy, where)

    async def attempt(*args: Any, **kwargs: Any) -> Any:
        meter = _METER.get()
        if meter is not None:
            meter.requests += 1
        response = await create(*args, **kwargs)
        if meter is not None:
            meter.add(response)
        return response

    async def call(*args: Any, **kwargs: Any) -> Any:
        retrying = AsyncRetrying(**settings)
        try:
            return await retrying(attempt, *args, **kwargs)
        except Exception as exc:
            if isinstance(exc, SummarizerError) or not _is_transport(exc):
                raise
            raise failure(exc, where, retrying.statistics.get("attempt_number", 1)) from exc

    return call


def _is_transport(exc: BaseException) -> bool:
    import openai

    return isinstance(exc, openai.APIError | json.JSONDecodeError)
