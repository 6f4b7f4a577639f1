"""The shared response model through instructor, whatever client answers: the request, the
salvage when re-asks run out, and the ``Draft`` at the end. instructor is imported inside
functions (``summarizer --help`` never pays for it); no model client's SDK is imported here.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from functools import lru_cache
from typing import Any, cast

from summarizer.backends.base import Draft
from summarizer.backends.llm.draft import build, salvage
from summarizer.backends.llm.prompt import PROMPT_VERSION, messages, numbered
from summarizer.backends.llm.response import Article, ArticleExtraction, problems
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.models import Usage

_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)


def quiet_instructor() -> None:
    """instructor logs every failed attempt at ERROR; we report failures ourselves, once."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("instructor").setLevel(logging.CRITICAL)


@lru_cache(maxsize=4)
def response_model(model: type[ArticleExtraction] = ArticleExtraction) -> type[ArticleExtraction]:
    """``ArticleExtraction`` already wrapped by ``instructor.response_schema``, built once, with
    its JSON Schema built once too.

    Given a plain model, instructor wraps it in a new class on every call, so its schema cache
    (keyed by class) never hits and the JSON Schema is rebuilt per request (~5 ms); a class that
    is already a ``ResponseSchema`` is used as is. JSON mode also asks for
    ``model_json_schema()`` on every request, so the default schema is kept and a copy handed
    out. Same name, docstring, fields and validators, so requests and answers are unchanged.
    """
    import instructor
    from instructor.core.exceptions import ResponseParsingError
    from pydantic import ValidationError

    wrapped: Any = instructor.response_schema(model)
    schema = wrapped.model_json_schema()

    build_schema = wrapped.model_json_schema.__func__
    parse = wrapped.model_validate_json.__func__

    def model_json_schema(cls: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return build_schema(cls, *args, **kwargs) if args or kwargs else copy.deepcopy(schema)

    def model_validate_json(cls: Any, data: Any, **kwargs: Any) -> Any:
        # instructor re-asks with ``str(error)``: ours, not pydantic's (see ``problems``).
        try:
            return parse(cls, data, **kwargs)
        except ValidationError as exc:
            raise ResponseParsingError(problems(exc)) from exc

    # Made through the metaclass so that the name pydantic puts in validation errors (and so in
    # re-ask messages) is ArticleExtraction, as before.
    namespace = {
        "__module__": model.__module__,
        "__doc__": model.__doc__,
        "model_json_schema": classmethod(model_json_schema),
        "model_validate_json": classmethod(model_validate_json),
    }
    Cached = type(wrapped)(model.__name__, (wrapped,), namespace)
    return cast(type[ArticleExtraction], Cached)


def request(article: Article, model: str, max_retries: int) -> dict[str, Any]:
    """instructor's keyword arguments; the article goes in as the ``article`` variable."""
    return {
        "response_model": response_model(),
        "messages": messages(),
        "model": model,
        "context": {"article": numbered(article.doc), "grounding": article},
        "max_retries": max(0, max_retries),
        "strict": False,  # lax validation: a small model's "3" for 3 is not worth a re-ask
    }


@lru_cache(maxsize=4)
def json_response_format(model: type[ArticleExtraction] = ArticleExtraction) -> dict[str, Any]:
    """``response_format`` for JSON mode on llama.cpp (server or in process), built once: it
    constrains output only to ``response_format["schema"]``. The grammar needs only the
    structure: the descriptions the model reads are in instructor's system message already, so
    this copy goes without them (~1,000 characters)."""
    return {"type": "json_object", "schema": _structure(model.model_json_schema())}


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


def recover(
    exc: Exception, article: Article, max_retries: int
) -> tuple[ArticleExtraction, list[str]]:
    """After instructor gave up: a bad last answer is salvaged (its grounded items kept, the
    rest named); a cut-off answer, one of ours or any other failure is raised."""
    from instructor.core import IncompleteOutputException, InstructorRetryException

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, SummarizerError):
            raise cause from None
        cause = cause.__cause__
    if isinstance(exc, IncompleteOutputException):
        raise ExtractionError(
            "the model's answer was cut off at its output limit (finish_reason=length); "
            "raise the model's max output tokens or give a shorter article"
        ) from None
    if not isinstance(exc, InstructorRetryException):
        raise exc
    attempts = exc.n_attempts or max(0, max_retries) + 1
    answer, notes = salvage(answer_text(exc.last_completion), article, attempts)
    return answer, [f"{n} (still wrong after {attempts} attempts)" for n in notes]


def finish(
    result: tuple[ArticleExtraction, list[str]], article: Article, usage: Usage, model: str
) -> Draft:
    """The ``Draft`` of a validated (or salvaged) answer, with its warnings and cost."""
    answer, notes = result
    draft = build(answer, article)
    draft.warnings = notes + draft.warnings
    draft.usage = usage
    draft.model = model
    draft.prompt_version = PROMPT_VERSION
    return draft


def empty(model: str) -> Draft:
    """The draft of an article with no sentences: nothing is sent."""
    return Draft(
        model=model,
        prompt_version=PROMPT_VERSION,
        warnings=["the article has no sentences to analyse: nothing was sent to the model"],
    )


def answer_text(completion: Any) -> str | None:
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
