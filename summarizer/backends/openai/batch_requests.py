"""A batch's requests made by the live path's own code, and its answers read back through it.

No request is rebuilt by hand: ``body`` runs the live ``create`` (instructor over the openai SDK,
the backend's own keyword arguments, mode and schema) against an HTTP transport that keeps the
request body the SDK would send and sends nothing. ``replay`` drives the backend's own
conversation (``LLMBackend._conversation``) with the batch's answers served in order: the
validators (grounding), the salvage, the targeted re-asks and the draft building all run as for
a live answer. When the conversation wants another answer than the batch has, it is asked live
(``--batch-reask live``) or its request is kept for a follow-up batch (``Reask``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from summarizer.backends import hooks
from summarizer.backends.batching import Reask, Replayed
from summarizer.backends.llm import instructed
from summarizer.backends.openai import client as c
from summarizer.backends.openai import direct
from summarizer.backends.openai.transport import Meter, metered, origin, with_retries_async
from summarizer.document import Document

if TYPE_CHECKING:
    from summarizer.backends.openai.backend import LLMBackend


class Captured(Exception):
    """Raised by the capturing transport with the request body the SDK built."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__("request captured, not sent")
        self.body = body


def _capture(request: Any) -> Any:
    raise Captured(json.loads(request.content))


def _captured(exc: BaseException | None) -> Captured | None:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, Captured):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


class Requests:
    """Bodies and replays for one LLM backend's settings (its model, mode and server):
    ``batching.BatchRequests``."""

    def __init__(self, backend: LLMBackend) -> None:
        import httpx2
        import instructor
        import openai

        self.backend = backend
        ep = backend.endpoint
        for tune in hooks.INSTRUCTOR:  # as the live path's client does
            tune()
        self._sdk = openai.OpenAI(
            api_key=ep.key,
            base_url=ep.base_url,
            max_retries=0,
            http_client=httpx2.Client(transport=httpx2.MockTransport(_capture)),
        )
        c.sync_client(ep).close()  # quiets instructor's per-attempt logging, as live runs do
        self._live: tuple[asyncio.AbstractEventLoop, Any, Callable[..., Any]] | None = None
        self._mode = c._mode(ep)
        self._post = direct.create(self._sdk)  # as the live path posts: the same bytes
        self._create = instructor.patch(create=self._post, mode=self._mode)

    def body(self, doc: Document) -> dict[str, Any]:
        """The JSON body the live path would POST to ``/chat/completions`` for ``doc``."""
        try:
            self._create(**self.backend._request(self.backend.article(doc)))
        except Exception as exc:
            captured = _captured(exc)
            if captured is not None:
                return captured.body
            raise
        raise AssertionError("the capturing transport sent a request")

    def _capture_raw(self, **kwargs: Any) -> Any:
        try:
            return self._post(**kwargs)
        except Exception as exc:
            captured = _captured(exc)
            if captured is not None:
                raise captured from None
            raise

    def _live_raw(self) -> Callable[..., Any]:
        """The live path's raw ``create`` (transport retries, metered) on this event loop."""
        loop = asyncio.get_running_loop()
        if self._live is None or self._live[0] is not loop:
            ep = self.backend.endpoint
            client = c.async_client(ep)
            raw = with_retries_async(
                direct.acreate(client), self.backend.policy, origin(ep.base_url)
            )
            self._live = (loop, client, raw)
        return self._live[2]

    async def aclose(self) -> None:
        if self._live is not None and self._live[0] is asyncio.get_running_loop():
            client, self._live = self._live[1], None
            await client.close()

    async def replay(
        self, doc: Document, answers: list[dict[str, Any]], *, live: bool
    ) -> Replayed | Reask:
        """``doc``'s draft from the batch's ``answers`` (chat completions, in order), through
        the live path's own conversation (``LLMBackend._conversation``: validation, salvage,
        targeted re-asks); a further answer is asked live (``live``) or returned as a
        ``Reask``."""
        import instructor
        from openai.types.chat import ChatCompletion

        backend = self.backend
        if not doc.sentences:
            return Replayed(instructed.empty(backend.endpoint.model))
        served = list(answers)
        paid = [0, 0]
        meter = Meter()

        async def raw(*args: Any, **kwargs: Any) -> Any:
            if served:
                answer = ChatCompletion.model_validate(served.pop(0))
                meter.requests += 1
                meter.add(answer)
                if answer.usage is not None:
                    paid[0] += answer.usage.prompt_tokens
                    paid[1] += answer.usage.completion_tokens
                return answer
            if live:
                return await self._live_raw()(*args, **kwargs)
            return self._capture_raw(**kwargs)

        with metered(meter):
            talk = backend._conversation(backend.article(doc), meter)
            request = next(talk)
            while True:
                ep = backend.endpoint  # its mode may change (a server that ignores tools)
                create = instructor.patch(create=c._adelivering(raw, ep.mode), mode=c._mode(ep))
                try:
                    reply: Any = (await create(**request), None)
                except Exception as exc:
                    captured = _captured(exc)
                    if captured is not None:
                        return Reask(captured.body)
                    reply = (None, exc)
                try:
                    request = talk.send(reply)
                except StopIteration as done:
                    return Replayed(done.value, *paid)
