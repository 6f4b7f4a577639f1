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
import json
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from summarizer.backends.base import BackendBase, Bound, Draft
from summarizer.backends.llm.budget import budget_for
from summarizer.backends.llm.draft import build, salvage
from summarizer.backends.llm.prompt import PROMPT_VERSION, messages, numbered
from summarizer.backends.llm.response import Article, ArticleExtraction
from summarizer.backends.openai import client as c
from summarizer.backends.openai.transport import Meter, Policy, metered
from summarizer.document import Document
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.models import Usage
from summarizer.settings import Settings

_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)


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
        request: dict[str, Any] = {
            "response_model": c.response_model(),
            "messages": messages(),
            "model": self.endpoint.model,
            "context": {"article": numbered(article.doc), "grounding": article},
            "max_retries": max(0, self.settings.max_retries),
            "strict": False,  # lax validation: a small model's "3" for 3 is not worth a re-ask
        }
        if self.endpoint.mode == "json" and not self.endpoint.is_openai:
            # llama.cpp constrains output only to response_format["schema"]; instructor's JSON
            # mode sends {"type": "json_object"} alone, so the schema is added here.
            request["extra_body"] = {"response_format": _json_response_format()}
        return request

    def _recover(
        self, exc: Exception, article: Article, meter: Meter
    ) -> tuple[ArticleExtraction, list[str]]:
        """After instructor gave up: a bad answer is salvaged; anything else is raised as one
        line, carrying what the attempts cost (``SummarizerError.spent``)."""
        try:
            return self._salvage(exc, article)
        except SummarizerError as error:
            error.spent = (meter.requests, meter.prompt_tokens, meter.completion_tokens)
            raise

    def _salvage(self, exc: Exception, article: Article) -> tuple[ArticleExtraction, list[str]]:
        from instructor.core import IncompleteOutputException, InstructorRetryException

        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, SummarizerError):
                raise self._hinted(cause) from None
            cause = cause.__cause__
        if isinstance(exc, IncompleteOutputException):
            raise ExtractionError(
                "the model's answer was cut off at its output limit (finish_reason=length); "
                "raise the server's max output tokens or give a shorter article"
            ) from None
        if not isinstance(exc, InstructorRetryException):
            raise exc
        attempts = exc.n_attempts or max(0, self.settings.max_retries) + 1
        answer, notes = salvage(_answer_text(exc.last_completion), article, attempts)
        return answer, [f"{n} (still wrong after {attempts} attempts)" for n in notes]

    def _hinted(self, error: SummarizerError) -> SummarizerError:
        """A server that refuses tool calls (some Ollama models, llama.cpp without --jinja)."""
        said = str(error)
        if self.endpoint.mode == "tools" and "refused the request" in said and "tool" in said:
            return ExtractionError(f"{said} (try --mode json)")
        return error

    def _finish(
        self, result: tuple[ArticleExtraction, list[str]], article: Article, meter: Meter
    ) -> Draft:
        answer, notes = result
        draft = build(answer, article)
        draft.warnings = notes + draft.warnings
        draft.usage = Usage(
            prompt_tokens=meter.prompt_tokens,
            completion_tokens=meter.completion_tokens,
            requests=meter.requests,
        )
        draft.model = self.endpoint.model
        draft.prompt_version = PROMPT_VERSION
        return draft

    def _empty(self) -> Draft:
        return Draft(
            model=self.endpoint.model,
            prompt_version=PROMPT_VERSION,
            warnings=["the article has no sentences to analyse: nothing was sent to the model"],
        )


@lru_cache(maxsize=1)
def _json_response_format() -> dict[str, Any]:
    """The ``response_format`` for JSON mode on llama.cpp-style servers, built once (the SDK only
    reads it). The grammar needs only the structure: the descriptions the model reads are in
    instructor's system message already, so this copy goes without them (~1,000 characters)."""
    return {"type": "json_object", "schema": _structure(ArticleExtraction.model_json_schema())}


def _structure(node: Any) -> Any:
    """A JSON Schema without its annotations ("description", "title"), fields kept."""
    if isinstance(node, list):
        return [_structure(n) for n in node]
    if not isinstance(node, dict):
        return node
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("properties", "$defs"):
            kept[key] = {name: _structure(sub) for name, sub in value.items()}
        elif key not in ("description", "title"):
            kept[key] = _structure(value)
    return kept


def _answer_text(completion: Any) -> str | None:
    """The JSON text of a chat completion's answer: the tool call's arguments, or the content."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        arguments = calls[0].function.arguments
        return arguments if isinstance(arguments, str) else json.dumps(arguments)
    content = getattr(message, "content", None)
    if not isinstance(content, str):
        return None
    fenced = _FENCE.search(content)  # a JSON-mode answer may come wrapped in a code fence
    return fenced.group(1) if fenced else content
