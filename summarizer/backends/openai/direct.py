"""The chat-completions request, posted through the SDK client's public ``post``.

``chat.completions.create`` first walks every argument against the SDK's request TypedDicts
(``async_maybe_transform``) to rename aliased keys, format dates and files and dump pydantic
models. No chat parameter has an alias or a format, so for the plain JSON values instructor
hands over (dicts, lists, strings, numbers) the walk only drops the omitted parameters: yet it
cost ~0.8 ms of CPU per request at bulk concurrency, a fifth of the client's CPU per article
(``benchmarks/llm_cpu.py``). Here the body is that same dict, in ``create``'s parameter order,
sent with ``create``'s request options through the same client, so the request on the wire is
the same bytes (the recorded cassettes replay). Anything else (a stream, a parameter this module
does not know, a value that is not plain JSON) goes to ``create`` itself.

The answer comes back as ``create``'s would, a ``ChatCompletion`` (``answer``). And the first
request never touches ``client.chat``, whose first use imports every resource module of the SDK
(~0.3 s before it). ``tests/test_openai_direct.py`` checks what arrives at a server against what
``create`` sends, the body against the SDK's own transform, the parameter list against
``create``'s signature and the answers against the SDK's own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import openai
    from openai.types.chat import ChatCompletion

#: ``chat.completions.create``'s body parameters, in its order (openai 3.3): the body's keys
#: follow it, as the SDK's do.
BODY = (
    "messages",
    "model",
    "audio",
    "frequency_penalty",
    "function_call",
    "functions",
    "logit_bias",
    "logprobs",
    "max_completion_tokens",
    "max_tokens",
    "metadata",
    "modalities",
    "moderation",
    "n",
    "parallel_tool_calls",
    "prediction",
    "presence_penalty",
    "prompt_cache_key",
    "prompt_cache_options",
    "prompt_cache_retention",
    "reasoning_effort",
    "response_format",
    "safety_identifier",
    "seed",
    "service_tier",
    "stop",
    "store",
    "stream",
    "stream_options",
    "temperature",
    "tool_choice",
    "tools",
    "top_logprobs",
    "top_p",
    "user",
    "verbosity",
    "web_search_options",
)
#: ``create``'s per-request options and the ``RequestOptions`` key each becomes.
OPTIONS = {
    "extra_headers": "headers",
    "extra_query": "params",
    "extra_body": "extra_json",
    "timeout": "timeout",
}
_KNOWN = frozenset(BODY) | frozenset(OPTIONS)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: object) -> bool:
    """True when ``value`` is JSON made of dicts (string keys), lists and scalars only: what
    the SDK's transform returns unchanged. A loop, not recursion: it walks the whole tool
    schema of every request."""
    todo: list[Any] = [value]
    while todo:
        item = todo.pop()
        kind = type(item)
        if kind is dict:
            for key in item:
                if type(key) is not str:
                    return False
            todo.extend(item.values())
        elif kind is list:
            todo.extend(item)
        elif kind not in _SCALARS:
            return False
    return True


def prepared(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The body and request options ``create`` would send for ``kwargs``, or None when this
    module does not handle them (then ``create`` is called)."""
    from openai import NotGiven, Omit

    if not _KNOWN.issuperset(kwargs) or "messages" not in kwargs or "model" not in kwargs:
        return None
    if kwargs.get("stream"):
        return None
    body: dict[str, Any] = {}
    for name in BODY:
        if name in kwargs:
            value = kwargs[name]
            if isinstance(value, Omit | NotGiven):
                continue
            if not plain(value):
                return None
            body[name] = value
    options: dict[str, Any] = {"security": {"bearer_auth": True}}
    for name, key in OPTIONS.items():
        value = kwargs.get(name)
        if name == "timeout":
            if name in kwargs and not isinstance(value, NotGiven):
                options[key] = value
        elif value is not None:
            options[key] = value
    return body, options


def answer(data: object) -> Any:
    """The ``ChatCompletion`` an answer's JSON is: validated by pydantic-core (~40 us) rather
    than put together field by field by the SDK's ``construct`` (~280 us, its costliest step on
    the way back). One that does not validate (a server's own ``finish_reason``, arguments sent
    as an object...) is constructed as the SDK does: nothing a lenient server sends is refused."""
    import pydantic
    from openai.types.chat import ChatCompletion

    try:
        return ChatCompletion.model_validate(data)
    except pydantic.ValidationError:
        return ChatCompletion.construct(**data) if isinstance(data, Mapping) else data


@lru_cache(maxsize=1)
def answer_type() -> type[ChatCompletion]:
    """What ``post`` is told to make of the answer: the SDK gives the JSON of a response to a
    model class's ``build`` classmethod when it has one, and returns what it returns."""
    from openai.types.chat import ChatCompletion

    class ValidatedCompletion(ChatCompletion):
        """Never made itself: ``build`` returns a plain ``ChatCompletion`` (``answer``)."""

        @classmethod
        def build(cls, *, response: object, data: object) -> Any:
            return answer(data)

    return ValidatedCompletion


def create(client: openai.OpenAI) -> Callable[..., Any]:
    """``client.chat.completions.create``, posting plain requests without the transform."""

    def call(**kwargs: Any) -> Any:
        ready = prepared(kwargs)
        if ready is None:
            return client.chat.completions.create(**kwargs)
        return client.post("/chat/completions", **_post(*ready))

    return call


def acreate(client: openai.AsyncOpenAI) -> Callable[..., Awaitable[Any]]:
    """The asyncio twin of ``create``, for ``AsyncOpenAI``."""

    async def call(**kwargs: Any) -> Any:
        ready = prepared(kwargs)
        if ready is None:
            return await client.chat.completions.create(**kwargs)
        return await client.post("/chat/completions", **_post(*ready))

    return call


def _post(body: object, options: object) -> dict[str, Any]:
    """What ``post`` takes besides the path, the same for both clients."""
    return {"body": body, "options": cast(Any, options), "cast_to": answer_type(), "stream": False}
