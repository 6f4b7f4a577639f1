"""The last gate before output: every span must hold exactly the text it claims.

Backends compute offsets with ``summarizer.spans``; this module checks them again for every
backend, so nothing reaches the output that is not in the article. An item whose own span is
wrong (for a discontinuous item: any of its parts) is dropped and named in the warnings; a wrong
secondary span (a cue, a mention, a piece of evidence) is removed from the item, which is kept.
"""

from __future__ import annotations

from summarizer.backends.base import Draft
from summarizer.document import Document
from summarizer.models import Claim, Event, Party, Quote, Span
from summarizer.spans import is_grounded, parts_grounded, shorten


def _span_ok(text: str, span: Span | None) -> bool:
    return span is None or is_grounded(text, span.text, span.start, span.end)


def _item_ok(text: str, item: Quote | Claim) -> bool:
    """An item's own words: each of its parts when it is discontinuous, else its one span."""
    if not item.text.strip():
        return False
    if item.parts:
        return parts_grounded(text, item.text, item.start, item.end, item.parts)
    return is_grounded(text, item.text, item.start, item.end)


def _party(text: str, party: Party | None) -> Party | None:
    if party is None or _span_ok(text, party.mention):
        return party
    return party.model_copy(update={"mention": None})


def ground(draft: Draft, doc: Document) -> Draft:
    """A copy of ``draft`` with only grounded, de-duplicated items."""
    text = doc.text
    warnings = list(draft.warnings)

    quotes: list[Quote] = []
    seen: set[tuple[object, ...]] = set()
    for q in draft.quotes:
        if not _item_ok(text, q):
            warnings.append(
                f"dropped a quote not found verbatim in the article: {shorten(q.text)!r}"
            )
            continue
        key = ("q", q.start, q.end)
        if key in seen:
            continue
        seen.add(key)
        cue = q.cue if _span_ok(text, q.cue) else None
        quotes.append(q.model_copy(update={"speaker": _party(text, q.speaker), "cue": cue}))

    claims: list[Claim] = []
    for c in draft.claims:
        if not _item_ok(text, c):
            warnings.append(
                f"dropped a claim whose span is not in the article: {shorten(c.text)!r}"
            )
            continue
        key = ("c", c.start, c.end)
        if key in seen:
            continue
        seen.add(key)
        claims.append(c.model_copy(update={"claimant": _party(text, c.claimant)}))

    events: list[Event] = []
    for ev in draft.events:
        evidence = [s for s in ev.evidence if _span_ok(text, s)]
        trigger = ev.trigger if _span_ok(text, ev.trigger) else None
        if not evidence and trigger is None:
            warnings.append(
                f"dropped an event with no evidence in the article: {shorten(ev.description)!r}"
            )
            continue
        events.append(
            ev.model_copy(
                update={
                    "evidence": evidence,
                    "trigger": trigger,
                    "actors": [p for p in (_party(text, a) for a in ev.actors) if p],
                    "targets": [p for p in (_party(text, t) for t in ev.targets) if p],
                    "location": _party(text, ev.location),
                }
            )
        )

    points = [s for s in draft.summary.key_points if _span_ok(text, s)]
    summary = draft.summary.model_copy(update={"key_points": points})
    return Draft(
        quotes=sorted(quotes, key=lambda q: q.start),
        claims=sorted(claims, key=lambda c: c.start),
        events=events,
        summary=summary,
        usage=draft.usage,
        warnings=warnings,
        model=draft.model,
        prompt_version=draft.prompt_version,
    )
