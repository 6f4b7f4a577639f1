"""The LLM backend: one request per article through instructor, grounded before it is trusted.

The prompt holds ``doc.sentences`` only, numbered; the model cites those numbers and copies
quoted text, and ``response.py``'s validators reject what does not resolve, so instructor re-asks
with the error (``Settings.max_retries`` re-asks, so up to ``max_retries + 1`` answers). When the
last answer still has ungrounded items, the grounded ones are kept and the rest named in
``Draft.warnings``. Transport failures are retried underneath (``transport.py``); a cut-off
answer (``finish_reason=length``) is not retried: the same request would be cut off again, so it
is an ``ExtractionError`` telling the user to raise the server's output limit or use a shorter
article.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from summarizer.backends.base import BackendBase, Bound, Draft
from summarizer.backends.llm import instructed
from summarizer.backends.llm.budget import budget_for
from summarizer.backends.llm.prompt import PROMPT_VERSION
from summarizer.backends.llm.response import Article, ArticleExtraction
from summarizer.backends.openai import client as c
from summarizer.backends.openai.transport import Meter, Policy, metered
from summarizer.document import Document
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.models import Usage
from summarizer.settings import Settings


class LLMBackend(BackendBase):
    """Extraction by a model behind an OpenAI-compatible API (OpenAI, vLLM, Ollama, llama.cpp).

    I/O-bound: bulk runs many articles at once on one event loop. Results are cached (each
    costs a request), keyed by model, prompt version, mode, re-asks and input budget."""

    name = "llm"
    bound: Bound = "io"
    share_warm_up = True

    def __init__(self, settings: Settings, *, policy: Policy | None = None) -> None:
        self.settings = settings
        self.endpoint = c.endpoint(settings)
        self.policy = policy or Policy.from_settings(settings)
        self._create: Callable[..., Any] | None = None
        self._aclient: tuple[asyncio.AbstractEventLoop, Any, Callable[..., Any]] | None = None

    @property
    def input_budget(self) -> int:  # type: ignore[override]
        return budget_for(self.settings.model or "", self.settings.max_input_tokens)

    @property
    def cache_identity(self) -> Mapping[str, object]:  # type: ignore[override]
        s = self.settings
        return {
            "backend": self.name,
            "model": s.model,
            "prompt_version": PROMPT_VERSION,
            "mode": s.mode,
            "max_retries": s.max_retries,
            "max_input_tokens": s.max_input_tokens,
        }

    def warm_up(self) -> None:
        """Pay the client libraries' one-off set-up now (the bulk runner: before forking)."""
        c.warm_up(self.endpoint, self.policy)

    def extract(self, doc: Document) -> Draft:
        if not doc.sentences:
            return self._empty()
        if self._create is None:
            client = c.sync_client(self.endpoint)
            self._create = c.patched_create(client, self.endpoint, self.policy)
        article = Article(doc)
        with metered(Meter()) as meter:
            try:
                answer = self._create(**self._request(article))
            except Exception as exc:
                return self._finish(self._recover(exc, article, meter), article, meter)
        return self._finish((answer, []), article, meter)

    async def aextract(self, doc: Document) -> Draft:
        """``extract`` on ``AsyncOpenAI``, for the bulk runner's concurrent articles."""
        if not doc.sentences:
            return self._empty()
        create = self._async_create()
        article = Article(doc)
        with metered(Meter()) as meter:
            try:
                answer = await create(**self._request(article))
            except Exception as exc:
                return self._finish(self._recover(exc, article, meter), article, meter)
        return self._finish((answer, []), article, meter)

    def _async_create(self) -> Callable[..., Any]:
        """One AsyncOpenAI (and its patched ``create``) per event loop: its connection pool
        belongs to the loop."""
        loop = asyncio.get_running_loop()
        if self._aclient is None or self._aclient[0] is not loop:
            client = c.async_client(self.endpoint)
            self._aclient = (loop, client, c.apatched_create(client, self.endpoint, self.policy))
        return self._aclient[2]

    async def aclose(self) -> None:
        """Close the running loop's client before the loop ends (an open aiohttp session
        left behind is reported on stderr when it is collected)."""
        if self._aclient is not None and self._aclient[0] is asyncio.get_running_loop():
            client = self._aclient[1]
            self._aclient = None
            await client.close()

    def _request(self, article: Article) -> dict[str, Any]:
        """instructor's keyword arguments; the article goes in as the ``article`` variable."""
        request = instructed.request(article, self.endpoint.model, self.settings.max_retries)
        if self.endpoint.mode == "json" and not self.endpoint.is_openai:
            # llama.cpp constrains output only to response_format["schema"]; instructor's JSON
            # mode sends {"type": "json_object"} alone, so the schema is added here.
            request["extra_body"] = {"response_format": instructed.json_response_format()}
        return request

    def _recover(
        self, exc: Exception, article: Article, meter: Meter
    ) -> tuple[ArticleExtraction, list[str]]:
        """After instructor gave up: a bad answer is salvaged; anything else is raised as one
        line, carrying what the attempts cost (``SummarizerError.spent``)."""
        try:
            return instructed.recover(exc, article, self.settings.max_retries)
        except SummarizerError as error:
            hinted = self._hinted(error)
            hinted.spent = (meter.requests, meter.prompt_tokens, meter.completion_tokens)
            raise hinted from None

    def _hinted(self, error: SummarizerError) -> SummarizerError:
        """A server that refuses tool calls (some Ollama models, llama.cpp without --jinja)."""
        said = str(error)
        if self.endpoint.mode == "tools" and "refused the request" in said and "tool" in said:
            return ExtractionError(f"{said} (try --mode json)")
        return error

    def _finish(
        self, result: tuple[ArticleExtraction, list[str]], article: Article, meter: Meter
    ) -> Draft:
        usage = Usage(
            prompt_tokens=meter.prompt_tokens,
            completion_tokens=meter.completion_tokens,
            requests=meter.requests,
        )
        return instructed.finish(result, article, usage, self.endpoint.model)

    def _empty(self) -> Draft:
        return instructed.empty(self.endpoint.model)
