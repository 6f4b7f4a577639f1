"""What the OpenAI-compatible backend makes of a server's answer: whether it is usable, what
is saved of one instructor gave up on, how a re-ask's answer joins the first, and the ``Draft``
at the end with what happened on the way in its warnings.

``backend.py`` holds the conversation (requests, re-asks, the switch to JSON mode, the clients);
this module holds no state and makes no request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from summarizer.backends.base import Draft
from summarizer.backends.llm import envelope
from summarizer.backends.llm.draft import Failed, build, salvage
from summarizer.backends.llm.prompt import PROMPT_VERSION, answer_tokens
from summarizer.backends.llm.response import (
    Article,
    ArticleExtraction,
    AssistedExtraction,
    Summary,
)
from summarizer.backends.openai.transport import Meter
from summarizer.document import Document
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.models import Usage

#: What the caller got for a request: the answer, or the exception raised instead.
Reply = tuple[Any, Exception | None]
#: A validated (or salvaged) answer and the notes for the warnings.
Result = tuple[ArticleExtraction, list[str]]


class Unusable(ExtractionError):
    """An answer with nothing usable in it: ``retry`` says why to the model, ``summary`` to the
    user (after the last attempt)."""

    def __init__(self, retry: str, summary: str) -> None:
        super().__init__(summary)
        self.retry = retry
        self.summary = summary
        self.problems: str | None = None


def problems(exc: Exception) -> str | None:
    """Our own list of what was wrong with an answer (``response.problems``), when instructor's
    exception carries it: the text a retry sends, never pydantic's."""
    said = str(exc)
    head = "The answer has these problems:"
    if head not in said:
        return None
    lines = said[said.index(head) + len(head) :].strip().splitlines()
    return "; ".join(line.strip("- ").strip() for line in lines[:8])


def usable(answer: ArticleExtraction) -> bool:
    """True when the answer has something in it. In candidates mode every answer does: code's
    quotes and summary are the record, and a model adding nothing to them has answered."""
    if isinstance(answer, AssistedExtraction):
        return True
    return bool(answer.quotes or answer.claims or answer.events or answer.summary.text.strip())


def article_of(doc: Document, assisted: bool = False) -> Article:
    """The article as validators see it, with the candidate quotes of its own sentences."""
    lo, hi = doc.sentences[0][0], doc.sentences[-1][1]
    found = [q for q in doc.candidates if lo <= q.start and q.end <= hi]
    return Article(doc, candidates=found, assisted=assisted or bool(found))


def model_for(article: Article) -> type[ArticleExtraction]:
    """The response model: with candidates to attribute (in candidates mode), or the plain one."""
    return AssistedExtraction if article.assisted else ArticleExtraction


def nothing() -> ArticleExtraction:
    return ArticleExtraction(
        summary=Summary(headline="", text="", key_points=[]), events=[], claims=[], quotes=[]
    )


def reask_lists(failed: list[Failed], max_retries: int) -> Iterator[str]:
    """The problem lists of up to ``max_retries`` targeted re-asks, while items still fail
    (``failed`` is read again before each)."""
    for _ in range(max(0, max_retries)):
        if not failed:
            return
        lines = [
            f"{n}. {'quote' if f.key == 'quotes' else 'claim'} {f.why}"
            for n, f in enumerate(failed, 1)
        ]
        yield "\n".join(lines)


def merged(
    result: Result, again: ArticleExtraction, asked: list[Failed]
) -> tuple[Result, list[Failed]]:
    """The first answer with a re-ask's new grounded quotes and claims added, and the asked
    items it did not replace (each new item of a kind stands for one asked item of that kind)."""
    answer, notes = result
    had = {(q.sentence, q.text) for q in answer.quotes}
    had |= {(x.sentence, x.text) for x in answer.claims}
    quotes = [q for q in again.quotes if (q.sentence, q.text) not in had]
    claims = [x for x in again.claims if (x.sentence, x.text) not in had]
    unplaced = [f for f in asked if f.key == "quotes"][len(quotes) :]
    unplaced += [f for f in asked if f.key == "claims"][len(claims) :]
    both = answer.model_copy(
        update={"quotes": [*answer.quotes, *quotes], "claims": [*answer.claims, *claims]}
    )
    return (both, notes), unplaced


def answer_text(completion: Any) -> str | None:
    """The JSON text of a chat completion's answer, out of any envelope (``envelope``)."""
    return envelope.arguments(completion, ArticleExtraction.__name__)


def salvaged(
    exc: Exception, article: Article, failed: list[Failed] | None, max_tokens: int | None, mode: str
) -> Result:
    """After instructor gave up: a bad or cut-off answer is salvaged (``Unusable`` when nothing
    in it is); one of our errors is raised as it is (with a hint in tools ``mode``), anything
    else as it came."""
    from instructor.core import IncompleteOutputException, InstructorRetryException

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, SummarizerError):
            raise hinted(cause, mode) from None
        cause = cause.__cause__
    if not isinstance(exc, IncompleteOutputException | InstructorRetryException):
        raise exc
    text = answer_text(exc.last_completion)
    if isinstance(exc, IncompleteOutputException):
        return _cut_off(text, article, failed, answer_tokens(article.doc, max_tokens))
    try:
        return salvage(text, article, 1, failed, model_for(article))
    except ExtractionError:
        raise Unusable("it is not one JSON object", "not a JSON object") from None


def _cut_off(text: str | None, article: Article, failed: list[Failed] | None, limit: int) -> Result:
    """What an answer cut off at ``limit`` tokens grounds, said in the warnings."""
    cut = f"the answer was cut off at its output limit ({limit} tokens)"
    unusable = Unusable(
        f"it was cut off at {limit} tokens: give fewer and shorter items",
        f"{cut}; raise --max-tokens or give a shorter article",
    )
    try:
        answer, notes = salvage(text, article, 1, failed, model_for(article))
    except ExtractionError:
        raise unusable from None
    if not usable(answer) and not failed:
        raise unusable
    return answer, [f"{cut}: kept what it grounds", *notes]


def hinted(error: SummarizerError, mode: str) -> SummarizerError:
    """A server that refuses tool calls (some Ollama models, llama.cpp without --jinja)."""
    said = str(error)
    if mode == "tools" and "refused the request" in said and "tool" in said:
        return ExtractionError(f"{said} (try --mode json)")
    return error


def finished(
    result: Result,
    article: Article,
    meter: Meter,
    failed: list[Failed],
    *,
    model: str,
    switched: str | None,
) -> Draft:
    """The ``Draft`` of the final answer, its warnings saying what happened on the way and what
    was dropped; an answer with nothing grounded in it is an ``ExtractionError``."""
    answer, notes = result
    draft = build(answer, article)
    still = [f"dropped a {f.key[:-1]} {f.why} (not placed after re-asks)" for f in failed]
    header = [switched] if switched else []
    if meter.tools_in_content:
        header.append(
            f"the server sent {meter.tools_in_content} tool call(s) as plain text: parsed"
        )
    if article.aligned:
        header.append(
            f"aligned {len(article.aligned)} near-verbatim item(s) to the article's words"
        )
    draft.warnings = header + notes + still + draft.warnings
    draft.usage = Usage(
        prompt_tokens=meter.prompt_tokens,
        completion_tokens=meter.completion_tokens,
        requests=meter.requests,
    )
    draft.model = model
    draft.prompt_version = PROMPT_VERSION
    if not (draft.quotes or draft.claims or draft.events or draft.summary.text.strip()):
        error = ExtractionError(
            f"the model gave no usable answer after {meter.requests} "
            f"request{'s' if meter.requests != 1 else ''}: "
            "nothing in it is grounded in the article"
        )
        error.spent = (meter.requests, meter.prompt_tokens, meter.completion_tokens)
        raise error
    return draft
