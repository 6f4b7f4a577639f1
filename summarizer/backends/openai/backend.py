"""The LLM backend: one request per article through instructor, grounded before it is trusted.

The prompt holds ``doc.sentences`` only, numbered; the model cites those numbers and copies
quoted text, and ``response.py``'s validators check that each resolves (near-verbatim copies are
aligned to the article's words, ``align.py``). instructor never re-asks: an answer that does not
validate is salvaged item by item, and only the quotes and claims that did not ground are
re-asked, by name, in a request that repeats the first one's messages (a prompt cache reuses
them) and never sends the answer back (``Settings.max_retries`` such re-asks). Answers are
bounded by ``max_tokens`` (``prompt.answer_tokens``); one that used them all is cut off whatever
its ``finish_reason`` says, and what it grounds is kept. A tools-mode answer that arrives as
plain content is parsed (``client.delivered``); a server that ignores tools altogether is asked
again in JSON mode. An answer with nothing grounded in it is an ``ExtractionError``, never an
empty success. Transport failures are retried underneath (``transport.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Mapping
from dataclasses import replace
from typing import Any, cast

from summarizer.backends.base import BackendBase, Bound, Draft
from summarizer.backends.batching import Batching
from summarizer.backends.llm import instructed
from summarizer.backends.llm.budget import budget_for
from summarizer.backends.llm.draft import Failed, loads
from summarizer.backends.llm.prompt import (
    ASSIST_REVISION,
    PROMPT_VERSION,
    answer_tokens,
    candidates,
    follow_up,
    messages,
    numbered,
)
from summarizer.backends.llm.response import Article
from summarizer.backends.openai import answers as a
from summarizer.backends.openai import client as c
from summarizer.backends.openai.answers import Reply, Result
from summarizer.backends.openai.options import OpenAIOptions
from summarizer.backends.openai.transport import Meter, Policy, metered
from summarizer.document import Document
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.settings import Settings


class LLMBackend(BackendBase):
    """Extraction by a model behind an OpenAI-compatible API (OpenAI, vLLM, Ollama, llama.cpp).

    I/O-bound: bulk runs many articles at once on one event loop. Results are cached (each
    costs a request), keyed by model, prompt version, mode, re-asks, answer bound, assist and
    input budget."""

    name = "llm"
    bound: Bound = "io"
    takes_candidates = True  # --assist rules: the model attributes the quotes code found
    share_warm_up = True

    @classmethod
    def check(cls, settings: Settings) -> None:
        """Its options (``OpenAIOptions``) are usable; the key is looked for only when built."""
        OpenAIOptions.of(settings.options)

    def __init__(self, settings: Settings, *, policy: Policy | None = None) -> None:
        self.settings = settings
        self.options = OpenAIOptions.of(settings.options)
        self.endpoint = c.endpoint(settings.model, self.options)
        self.policy = policy or Policy.from_options(self.options)
        self._create: Callable[..., Any] | None = None
        self._aclient: tuple[asyncio.AbstractEventLoop, Any, Callable[..., Any] | None] | None = (
            None
        )
        self._switched: str | None = None  # the warning once tools mode gave way to JSON mode

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
            "mode": self.options.mode,
            "max_retries": s.max_retries,
            "max_input_tokens": s.max_input_tokens,
            # only when set, so that keys of runs without them stay what they were
            **({"max_tokens": s.max_tokens} if s.max_tokens else {}),
            **({"temperature": t} if (t := self.options.temperature) is not None else {}),
            **({"assist": s.assist, "assist_revision": ASSIST_REVISION} if s.assist else {}),
        }

    def warm_up(self) -> None:
        """Pay the client libraries' one-off set-up now (the bulk runner: before forking)."""
        c.warm_up(self.endpoint)

    def batching(self) -> Batching:
        """This server's Batch API, with requests made and answers read by this backend."""
        from summarizer.backends.openai.batch_api import BatchAPI
        from summarizer.backends.openai.batch_requests import Requests

        return Batching(requests=Requests(self), service=BatchAPI(self.endpoint))

    def article(self, doc: Document) -> Article:
        """``doc`` as this backend's validators see it: in candidates mode when ``--assist``."""
        return a.article_of(doc, bool(self.settings.assist))

    def extract(self, doc: Document) -> Draft:
        if not doc.sentences:
            return instructed.empty(self.endpoint.model)
        article = self.article(doc)
        with metered(Meter()) as meter:
            talk = self._conversation(article, meter)
            request = next(talk)
            while True:
                if self._create is None:
                    client = c.sync_client(self.endpoint)
                    self._create = c.patched_create(client, self.endpoint, self.policy)
                try:
                    reply: Reply = (self._create(**request), None)
                except Exception as exc:
                    reply = (None, exc)
                try:
                    request = talk.send(reply)
                except StopIteration as done:
                    return cast(Draft, done.value)

    async def aextract(self, doc: Document) -> Draft:
        """``extract`` on ``AsyncOpenAI``, for the bulk runner's concurrent articles."""
        if not doc.sentences:
            return instructed.empty(self.endpoint.model)
        article = self.article(doc)
        with metered(Meter()) as meter:
            talk = self._conversation(article, meter)
            request = next(talk)
            while True:
                if self._aclient is not None and self._aclient[2] is None:  # now JSON mode
                    await self._aclient[1].close()
                    self._aclient = None
                create = self._async_create()
                try:
                    reply: Reply = (await create(**request), None)
                except Exception as exc:
                    reply = (None, exc)
                try:
                    request = talk.send(reply)
                except StopIteration as done:
                    return cast(Draft, done.value)

    def _conversation(
        self, article: Article, meter: Meter
    ) -> Generator[dict[str, Any], Reply, Draft]:
        """The requests of one extraction, each answered by the caller (sync or async): the
        first; again whole (without the unusable answer) while nothing usable came back, up to
        ``max_retries`` times; once in JSON mode if the server ignores tools; then targeted
        re-asks of the quotes and claims that did not ground."""
        failed: list[Failed] = []
        result: Result | None = None
        retry: str | None = None
        attempts = 0
        while result is None:
            attempts += 1
            answer, exc = yield self._request(article, retry=retry)
            if exc is None and (a.usable(answer) or attempts > self.settings.max_retries):
                result = (answer, [])
                break
            if exc is None:
                retry = "every list and the summary are empty"
                continue
            if self._switch_to_json(exc, meter):
                self._create = None
                if self._aclient is not None:
                    self._aclient = (self._aclient[0], self._aclient[1], None)
                continue
            failed.clear()
            try:
                result = self._recover(exc, article, meter, failed)
                if a.usable(result[0]) or failed:
                    break
                unusable = a.Unusable("nothing in it fits the schema", "nothing in it fits")
                unusable.problems = a.problems(exc)
                raise unusable
            except a.Unusable as bad:
                if attempts > self.settings.max_retries:
                    error = ExtractionError(
                        f"the model gave no usable answer after {attempts} "
                        f"attempt{'s' if attempts != 1 else ''} "
                        f"({bad.summary})"
                    )
                    error.spent = (meter.requests, meter.prompt_tokens, meter.completion_tokens)
                    raise error from None
                result, retry = None, bad.problems or bad.retry
        dropped: list[Failed] = []
        for problems in a.reask_lists(failed, self.settings.max_retries):
            again, exc = yield self._request(article, problems=problems)
            asked = list(failed)
            failed.clear()  # now the re-ask's own ungrounded items (``reask_lists`` reads it)
            if exc is not None:
                try:
                    again = self._recover(exc, article, meter, failed)[0]
                except a.Unusable:
                    again = a.nothing()
            result, unplaced = a.merged(result, again, asked)
            again_failing = {(f.key, f.item.get("text")) for f in failed}
            dropped += [f for f in unplaced if (f.key, f.item.get("text")) not in again_failing]
        dropped += failed
        return a.finished(
            result, article, meter, dropped, model=self.endpoint.model, switched=self._switched
        )

    def _async_create(self) -> Callable[..., Any]:
        """One AsyncOpenAI (and its patched ``create``) per event loop: its connection pool
        belongs to the loop."""
        loop = asyncio.get_running_loop()
        if self._aclient is None or self._aclient[0] is not loop:
            client = c.async_client(self.endpoint)
            create = c.apatched_create(client, self.endpoint, self.policy)
            self._aclient = (loop, client, create)
            return create
        return cast(Callable[..., Any], self._aclient[2])

    async def aclose(self) -> None:
        """Close the running loop's client before the loop ends (an open aiohttp session
        left behind is reported on stderr when it is collected)."""
        if self._aclient is not None and self._aclient[0] is asyncio.get_running_loop():
            client = self._aclient[1]
            self._aclient = None
            await client.close()

    def _request(
        self, article: Article, *, problems: str | None = None, retry: str | None = None
    ) -> dict[str, Any]:
        """instructor's keyword arguments; the article goes in as the ``article`` variable.
        instructor itself never re-asks (``max_retries=0``): a re-ask names only the items that
        did not ground (``problems``, see ``answers.reask_lists``) or says why an answer was unusable
        (``retry``); neither sends the answer back."""
        context: dict[str, Any] = {"article": numbered(article.doc), "grounding": article}
        assist = article.assisted
        if assist:
            context["candidates"] = candidates(article.doc, article.candidates)
        chat = messages(assist=assist)
        if problems is not None:
            context["problems"] = problems
            chat = follow_up("reask", assist=assist)
        elif retry is not None:
            context["problems"] = retry
            chat = follow_up("retry", assist=assist)
        model = a.model_for(article)
        request: dict[str, Any] = {
            "response_model": instructed.response_model(model),
            "messages": chat,
            "model": self.endpoint.model,
            "context": context,
            "max_retries": 0,
            "max_tokens": answer_tokens(article.doc, self.settings.max_tokens),
            "strict": False,  # lax validation: a small model's "3" for 3 is not worth a re-ask
        }
        if self.options.temperature is not None:
            request["temperature"] = self.options.temperature
        if self.endpoint.mode == "json" and not self.endpoint.is_openai:
            # llama.cpp constrains output only to response_format["schema"]; instructor's JSON
            # mode sends {"type": "json_object"} alone, so the schema is added here.
            request["extra_body"] = {"response_format": instructed.json_response_format(model)}
        return request

    def _switch_to_json(self, exc: Exception, meter: Meter) -> bool:
        """A tools-mode server that answered without a tool call and without a parseable
        object: from now on this backend asks in JSON mode, and says so in the warnings."""
        from instructor.core import InstructorRetryException

        if self.endpoint.mode != "tools" or not isinstance(exc, InstructorRetryException):
            return False
        if not meter.ignored_tools or isinstance(loads(a.answer_text(exc.last_completion)), dict):
            return False
        self._switched = (
            f"the server ignored tool calls ({meter.ignored_tools} answer(s) without one): "
            "switched to JSON mode (--mode json)"
        )
        self.endpoint = replace(self.endpoint, mode="json")
        return True

    def _recover(
        self, exc: Exception, article: Article, meter: Meter, failed: list[Failed] | None
    ) -> Result:
        """After instructor gave up: a bad or cut-off answer is salvaged; anything else is
        raised as one line, carrying what the attempts cost (``SummarizerError.spent``)."""
        try:
            return a.salvaged(exc, article, failed, self.settings.max_tokens, self.endpoint.mode)
        except SummarizerError as error:
            error.spent = (meter.requests, meter.prompt_tokens, meter.completion_tokens)
            raise
