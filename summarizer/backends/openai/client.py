"""Building the openai clients and the instructor-patched ``create``, once per client.

``--model openai/<name>`` talks to OpenAI with ``OPENAI_API_KEY``; ``--base-url`` (or
``OPENAI_BASE_URL``) points the same code at any OpenAI-compatible server, with the key if one is
set, else a placeholder (local servers ignore it). The key is handed to the SDK only: it is never
logged, printed or stored. openai and instructor are imported here, inside functions, so that
``summarizer --help`` never pays for them.
"""

from __future__ import annotations

import json
import os
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from summarizer.backends import hooks
from summarizer.backends.llm.envelope import parse_content
from summarizer.backends.llm.instructed import quiet_instructor, response_model
from summarizer.backends.llm.response import ArticleExtraction
from summarizer.backends.openai import direct
from summarizer.backends.openai.options import OpenAIOptions
from summarizer.backends.openai.transport import (
    Policy,
    current_meter,
    origin,
    with_retries,
    with_retries_async,
)
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    import openai

PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class Endpoint:
    """Where requests go and with which model name; ``key`` is never shown anywhere."""

    base_url: str
    model: str
    mode: str
    key: str
    timeout: float

    def __repr__(self) -> str:
        return f"Endpoint(base_url={self.base_url!r}, model={self.model!r}, mode={self.mode!r})"

    @property
    def is_openai(self) -> bool:
        return urlsplit(self.base_url).hostname == "api.openai.com"


def endpoint(model: str | None, options: OpenAIOptions) -> Endpoint:
    """Resolve model name and key for the server the (checked) options name; a missing one is
    a ConfigError."""
    model = (model or "").strip()
    if model.startswith("openai/"):
        model = model.removeprefix("openai/")
    if not model:
        raise ConfigError("--model: give a model name, e.g. openai/gpt-4o-mini")
    base_url = options.base_url
    key = os.environ.get("OPENAI_API_KEY", "").strip()
    if not key and urlsplit(base_url).hostname == "api.openai.com":
        raise ConfigError(
            "OPENAI_API_KEY is not set: export it to use OpenAI, "
            "or point --base-url at an OpenAI-compatible server"
        )
    return Endpoint(base_url, model, options.mode, key or PLACEHOLDER_KEY, options.timeout)


def sync_client(ep: Endpoint) -> openai.OpenAI:
    import openai

    quiet_instructor()
    return openai.OpenAI(api_key=ep.key, base_url=ep.base_url, timeout=ep.timeout, max_retries=0)


def async_client(ep: Endpoint) -> openai.AsyncOpenAI:
    """The SDK's client over its aiohttp transport (``DefaultAioHttpClient``): at bulk
    concurrency httpx2's pool re-checks every open connection on each request and response
    (~1 ms of CPU per article with 64 in flight; 5.97 -> 4.91 ms in ``benchmarks/llm_cpu.py``).
    Its session belongs to the event loop: ``LLMBackend.aclose`` closes it."""
    import openai

    quiet_instructor()
    return openai.AsyncOpenAI(
        api_key=ep.key,
        base_url=ep.base_url,
        timeout=ep.timeout,
        max_retries=0,
        http_client=openai.DefaultAioHttpClient(timeout=ep.timeout, verify=ssl_context()),
    )


@lru_cache(maxsize=1)
def ssl_context() -> ssl.SSLContext:
    """The TLS context the SDK's transport would make for each client (httpx2's default: the
    system's CAs, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), made once per process and shared:
    loading the CAs took ~35 ms per client, on each bulk worker's first request."""
    import httpx2

    return httpx2.create_ssl_context()


def _mode(ep: Endpoint) -> Any:
    import instructor

    return instructor.Mode.JSON if ep.mode == "json" else instructor.Mode.TOOLS


def warm_up(ep: Endpoint) -> None:
    """The client libraries' one-off set-up, paid before the first request. The bulk runner
    calls this before forking, so workers inherit it all: the SDK's import, instructor's own
    (``patch``) and its tool schema, the TLS context every client shares, and the SDK's
    response classes, which build their validators on first use (~30 ms in each worker's
    first answer otherwise). No client is made (one cost ~90 ms, its own TLS context included);
    nor ``client.chat``, whose first use imports every resource module of the SDK (~0.3 s),
    which requests posted by ``direct`` never need."""
    import instructor

    quiet_instructor()
    ssl_context()
    _instructed(_unsent, ep, _adelivering)
    # what every first request builds: both cached per class (``_request`` passes the class)
    instructor.generate_openai_schema(response_model(ArticleExtraction))
    direct.answer_type()
    direct.answer(_WARM_UP_ANSWER)


async def _unsent(**kwargs: Any) -> Any:
    raise AssertionError("warm-up sends nothing")


#: The shape of a tools-mode answer (not a model's: nothing is sent), read once in warm-up.
_WARM_UP_ANSWER: dict[str, Any] = {
    "id": "warm-up",
    "object": "chat.completion",
    "created": 0,
    "model": "warm-up",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "logprobs": None,
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_0",
                        "type": "function",
                        "function": {"name": ArticleExtraction.__name__, "arguments": "{}"},
                    }
                ],
            },
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


def delivered(
    response: Any, mode: str, max_tokens: int | None, tool_name: str | None = None
) -> Any:
    """``response`` as instructor should see it (changed in place).

    A tools-mode answer in plain content (fenced, listed, ``{"function", "arguments"}``-wrapped)
    becomes the tool call it is; a JSON-mode answer loses such a wrapper too. An answer that used
    all of ``max_tokens`` is cut off, whatever its ``finish_reason`` says (servers say
    "tool_calls" or "stop" at the limit). The meter counts each case for the warnings."""
    from openai.types.chat import ChatCompletionMessageFunctionToolCall
    from openai.types.chat.chat_completion_message_function_tool_call import Function

    meter = current_meter()
    try:
        choice = response.choices[0]
        message = choice.message
    except (AttributeError, IndexError, TypeError):
        return response
    used = getattr(getattr(response, "usage", None), "completion_tokens", None) or 0
    cut = bool(max_tokens) and used >= (max_tokens or 0)
    name = tool_name or ArticleExtraction.__name__
    if mode == "tools" and not message.tool_calls:
        found = parse_content(message.content, name)
        if meter is not None:
            if found is not None:
                meter.tools_in_content += 1
            else:
                meter.ignored_tools += 1
        if found is not None:
            function = Function(name=name, arguments=json.dumps(found))
            call = ChatCompletionMessageFunctionToolCall(
                id="call_content", type="function", function=function
            )
            message.tool_calls = [call]
            message.content = None
            choice.finish_reason = "tool_calls"
    elif mode == "json" and isinstance(message.content, str):
        found = parse_content(message.content, name)
        if found is not None:
            message.content = json.dumps(found)
    if cut or choice.finish_reason == "length":
        choice.finish_reason = "length"
        if meter is not None:
            meter.cut_off += 1
    return response


def _tool(kwargs: dict[str, Any]) -> str | None:
    """The name of the tool a request forces (instructor's tools mode), if any."""
    try:
        return str(kwargs["tools"][0]["function"]["name"])
    except (KeyError, IndexError, TypeError):
        return None


def _delivering(create: Callable[..., Any], mode: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return delivered(create(*args, **kwargs), mode, kwargs.get("max_tokens"), _tool(kwargs))

    return call


def _adelivering(create: Callable[..., Any], mode: str) -> Callable[..., Any]:
    async def call(*args: Any, **kwargs: Any) -> Any:
        answer = await create(*args, **kwargs)
        return delivered(answer, mode, kwargs.get("max_tokens"), _tool(kwargs))

    return call


def _instructed(
    raw: Callable[..., Any], ep: Endpoint, deliver: Callable[..., Callable[..., Any]]
) -> Callable[..., Any]:
    """instructor's ``create`` over ``raw`` (the speed-ups' hooks applied first)."""
    import instructor

    for tune in hooks.INSTRUCTOR:
        tune()
    return instructor.patch(create=deliver(raw, ep.mode), mode=_mode(ep))


def patched_create(client: openai.OpenAI, ep: Endpoint, policy: Policy) -> Callable[..., Any]:
    """instructor's ``create`` over transport retries, made once per client; each extraction
    counts its own requests by running inside ``transport.metered``."""
    raw = with_retries(direct.create(client), policy, origin(ep.base_url))
    return _instructed(raw, ep, _delivering)


def apatched_create(client: openai.AsyncOpenAI, ep: Endpoint, policy: Policy) -> Callable[..., Any]:
    raw = with_retries_async(direct.acreate(client), policy, origin(ep.base_url))
    return _instructed(raw, ep, _adelivering)
