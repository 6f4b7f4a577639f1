"""From the model's answer to a ``Draft``: offsets computed here, by code, never by the model.

``build`` turns a validated ``ArticleExtraction`` into output items: a quote's or claim's span is
where its text is found verbatim, an event's evidence is the sentences it cites, a speaker's
mention and a cue are the nearest whole-word occurrence around the quote (dropped when absent).
``salvage`` handles the last answer after instructor ran out of re-asks: every item is validated
on its own, the grounded ones are kept and the others named in the warnings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summarizer import dates
from summarizer.backends.base import Draft
from summarizer.backends.llm import response as r
from summarizer.errors import ExtractionError
from summarizer.models import Casualties, Claim, Event, Party, Quote, Span, Summary, TimeRef
from summarizer.spans import join_parts, make_parts, make_span, shorten

M = TypeVar("M", bound=BaseModel)


def _span(article: r.Article, found: tuple[int, int] | None) -> Span | None:
    return make_span(article.doc.text, *found) if found else None


def _party(
    article: r.Article, name: str | None, mention: str | None, lo: int, hi: int, near: int
) -> Party | None:
    """A named party; its mention is placed near ``near`` within sentences ``lo``-``hi``."""
    if not name or not name.strip():
        return None
    where = article.nearest(mention or name, lo, hi, near)
    if where is None and mention:
        where = article.nearest(name, lo, hi, near)
    return Party(name=name.strip(), mention=_span(article, where))


def _quote(article: r.Article, q: r.Quote) -> Quote | None:
    found = article.pieces(q.text, q.more or [], q.sentence)
    if found is None:
        return None
    parts = make_parts(article.doc.text, found)
    span = make_span(article.doc.text, *found[0])
    whole = (parts[0].start, parts[-1].end) if parts else (span.start, span.end)
    first, last = article.sentence_at(whole[0]), article.sentence_at(whole[1] - 1)
    near = span.end if parts else span.start  # the cue of a quote in pieces is between them
    cue = article.nearest(q.cue, first - 1, last + 1, near) if q.cue else None
    return Quote(
        text=join_parts(parts) if parts else span.text,
        start=whole[0],
        end=whole[1],
        parts=parts,
        kind=q.kind,
        speaker=_party(article, q.speaker, q.mention, first - 2, last + 1, span.start),
        cue=_span(article, cue),
    )


def _claim(article: r.Article, c: r.Claim) -> Claim | None:
    found = article.find(c.text, c.sentence)
    if found is None:
        return None
    span = make_span(article.doc.text, *found)
    first, last = article.sentence_at(span.start), article.sentence_at(span.end - 1)
    return Claim(
        text=span.text,
        start=span.start,
        end=span.end,
        statement=c.statement.strip() or span.text,
        claimant=_party(article, c.claimant, None, first - 2, last + 1, span.start),
        kind=c.kind,
    )


def _event(article: r.Article, e: r.Event) -> Event:
    cited = sorted({n for n in e.sentences if 1 <= n <= article.count})
    evidence = [make_span(article.doc.text, *article.sentence(n)) for n in cited]
    lo, hi = cited[0], cited[-1]
    near = evidence[0].start

    def party(name: str | None) -> Party | None:
        return _party(article, name, None, lo, hi, near)

    trigger = article.nearest(e.trigger, lo, hi, near) if e.trigger else None
    time_text = (e.time or "").strip() or None
    return Event(
        description=e.description.strip(),
        type=e.type.strip().lower() or "other",
        trigger=_span(article, trigger),
        actors=[p for p in map(party, e.actors) if p],
        targets=[p for p in map(party, e.targets) if p],
        location=party(e.location),
        time=TimeRef(
            text=time_text,
            date=dates.resolve(time_text, article.doc.anchor_date) if time_text else None,
        ),
        casualties=Casualties(
            killed=e.killed if e.killed is None or e.killed >= 0 else None,
            injured=e.injured if e.injured is None or e.injured >= 0 else None,
        ),
        evidence=evidence,
    )


def _summary(article: r.Article, s: r.Summary) -> Summary:
    seen: list[int] = []
    for n in s.key_points:
        if 1 <= n <= article.count and n not in seen:
            seen.append(n)
    return Summary(
        headline=s.headline.strip(),
        text=_whole_sentences(s.text.strip()),
        key_points=[make_span(article.doc.text, *article.sentence(n)) for n in seen],
    )


# A sentence's end: after a word of two letters or more (not "Mary J."), before a capital.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{2})[.!?][\"'\u2019\u201d)]*\s+(?=[A-Z\"\u201c])")


def _whole_sentences(text: str) -> str:
    """``text`` without a last sentence cut off mid-way (an answer cut off at its output limit
    is salvaged as far as it goes); a text of one unfinished sentence is kept as it is."""
    if not text or text[-1] in ".!?\"'\u2019\u201d)":
        return text
    ends = list(_SENTENCE_END.finditer(text))
    return text[: ends[-1].end()].rstrip() if ends else text


def _attributed(article: r.Article, answer: r.AssistedExtraction, draft: Draft) -> None:
    """The candidate quotes with the model's attributions: offsets stay the ones code found;
    one code attributed (``r.settled``, not listed in the prompt) or the model left out keeps
    code's attribution, one the model rejected is named."""
    said = {a.candidate: a for a in answer.attributions}
    for n, cand in enumerate(article.candidates, 1):
        att = said.get(n)
        if att is None or r.settled(cand):
            draft.quotes.append(cand)
            continue
        if not att.speech:
            draft.warnings.append(f"the model rejected a candidate quote: {shorten(cand.text)!r}")
            continue
        first, last = article.sentence_at(cand.start), article.sentence_at(cand.end - 1)
        cue = article.nearest(att.cue, first - 1, last + 1, cand.start) if att.cue else None
        speaker = _party(article, att.speaker, att.mention, first - 2, last + 1, cand.start)
        draft.quotes.append(
            cand.model_copy(
                update={
                    "kind": att.kind,
                    "speaker": speaker,
                    "cue": _span(article, cue) if cue else cand.cue,
                }
            )
        )


def build(answer: r.ArticleExtraction, article: r.Article) -> Draft:
    """Output items for a validated answer; anything that fails to place is dropped, named."""
    if isinstance(answer, r.AssistedExtraction):
        draft = Draft(summary=article.doc.code_summary or _summary(article, answer.summary))
        _attributed(article, answer, draft)
    else:
        draft = Draft(summary=_summary(article, answer.summary))
    found = [(q.start, q.end) for q in draft.quotes]
    for q in answer.quotes:
        quote = _quote(article, q)
        if quote is None:
            draft.warnings.append(
                f"dropped a quote not found verbatim in the article: {shorten(q.text)!r}"
            )
        elif not any(a < quote.end and quote.start < b for a, b in found):
            draft.quotes.append(quote)  # a candidate's words are the candidate's
    for c in answer.claims:
        claim = _claim(article, c)
        if claim is None:
            draft.warnings.append(
                f"dropped a claim not found verbatim in the article: {shorten(c.text)!r}"
            )
        else:
            draft.claims.append(claim)
    draft.events = [_event(article, e) for e in answer.events if _cites(article, e.sentences)]
    return draft


def _cites(article: r.Article, numbers: list[int]) -> bool:
    return any(1 <= n <= article.count for n in numbers)


def _valid(model: type[M], value: Any, article: r.Article | None) -> M | None:
    """``value`` as ``model``, checked against ``article`` (None: against the schema only)."""
    try:
        return model.model_validate(value, context={"grounding": article})
    except ValidationError:
        return None


def _why(item: Any, article: r.Article) -> str:
    """Why a quote or claim was refused, in words a reader of the warnings understands."""
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return "that does not fit the schema"
    n = item.get("sentence")
    text = shorten(item["text"])
    if isinstance(n, int) and not 1 <= n <= article.count:
        return f"citing sentence {n}, which does not exist: {text!r}"
    if article.find(item["text"], n if isinstance(n, int) else 0) is None:
        return f"not found verbatim in the article: {text!r}"
    return f"that does not fit the schema: {text!r}"


def _items(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    return value if isinstance(value, list) else []


@dataclass
class Failed:
    """A quote or claim of an answer that did not ground: what a targeted re-ask asks about."""

    key: str  # "quotes" or "claims"
    item: dict[str, Any]
    why: str


def loads(raw_json: str | None) -> Any:
    """The JSON value of an answer; a cut-off answer is read as far as it goes (its last,
    unfinished string kept), so what it grounds can be kept."""
    import jiter

    text = (raw_json or "").strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return jiter.from_json(text.encode(), partial_mode="trailing-strings")
    except ValueError:
        return None


def salvage(
    raw_json: str | None,
    article: r.Article,
    attempts: int,
    failed: list[Failed] | None = None,
    model: type[r.ArticleExtraction] = r.ArticleExtraction,
) -> tuple[r.ArticleExtraction, list[str]]:
    """The grounded part of the last answer, and warnings naming what was left out; quotes and
    claims that did not ground are added to ``failed`` (a re-ask may still place them).

    Raises ``ExtractionError`` when the last answer is not a JSON object at all.
    """
    raw = loads(raw_json)
    if not isinstance(raw, dict):
        raise ExtractionError(
            f"the model gave no usable answer after {attempts} attempts (not a JSON object)"
        )
    fields: dict[str, Any] = {"events": [], "claims": [], "quotes": []}
    notes: list[str] = []
    if model is r.AssistedExtraction:  # no summary: code writes it
        attributions = [_valid(r.Attribution, a, article) for a in _items(raw, "attributions")]
        fields["attributions"] = [a for a in attributions if a is not None]
        if None in attributions:
            notes.append(f"left out {attributions.count(None)} attribution(s) that do not fit")
    else:
        summary = _cited_only(raw.get("summary"), "key_points", article)
        fields["summary"] = _valid(r.Summary, summary, article) or r.Summary(
            headline="", text="", key_points=[]
        )
    answer = model(**fields)
    items: tuple[tuple[str, type[r.Item], str], ...] = (
        ("quotes", r.Quote, "quote"),
        ("claims", r.Claim, "claim"),
    )
    for key, kind, label in items:
        kept = []
        for item in _items(raw, key):
            valid = _valid(kind, item, article)
            if valid is None and failed is not None and _reaskable(item, kind, article):
                failed.append(Failed(key, item, _why(item, article)))
            elif valid is None:
                notes.append(f"dropped a {label} {_why(item, article)}")
            else:
                kept.append(valid)
        setattr(answer, key, kept)
    for item in _items(raw, "events"):
        cited = _cited_only(_typed(item), "sentences", article)
        event = _valid(r.Event, cited, article)
        if event is None:
            what = shorten(str(item.get("description") if isinstance(item, dict) else None))
            why = "citing no sentence of the article" if _valid(r.Event, cited, None) else ""
            notes.append(f"dropped an event {why or 'that does not fit the schema'}: {what!r}")
        else:
            answer.events.append(event)
    return answer, notes


def _typed(item: Any) -> Any:
    """An event the model gave no ``type`` is still an event: of type "other" (small models
    leave the field out when the description already names it)."""
    if isinstance(item, dict) and not isinstance(item.get("type"), str):
        return {**item, "type": "other"}
    return item


def _reaskable(item: Any, model: type[BaseModel], article: r.Article) -> bool:
    """True when only the item's text or sentence is wrong: the rest fits the schema."""
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return False
    try:
        model.model_validate({**item, "sentence": item.get("sentence", 1)})
    except ValidationError:
        return False
    return True


def _cited_only(value: Any, key: str, article: r.Article) -> Any:
    """``value`` with sentence numbers that do not exist removed from ``value[key]``."""
    if not isinstance(value, dict) or not isinstance(value.get(key), list):
        return value
    ok = [n for n in value[key] if isinstance(n, int) and 1 <= n <= article.count]
    return {**value, key: ok}
