"""The last gate before output: every span holds the text it claims, and the words are what the
item says they are.

Backends compute offsets with ``summarizer.spans``; this module checks them again for every
backend, so nothing reaches the output that is not in the article. An item whose own span is
wrong (for a discontinuous item: any of its parts) is dropped and named in the warnings; a wrong
secondary span (a cue, a mention, a piece of evidence) is removed from the item, which is kept. Then what the words are:

- a ``direct`` quote is a whole passage inside quote marks, a ``partial`` one a quoted phrase
  inside the writer's sentence, an ``indirect`` one reported speech outside quote marks with a
  verb of saying in its sentence (``summarizer.marks`` decides; a wrong kind is corrected where
  the marks decide it, and an unmarked "quote" with no verb of saying is dropped);
- a speaker (or claimant) is named in the article and mentioned in the item's paragraph or
  within ``NEAR_BEFORE`` sentences before to ``NEAR_AFTER`` after it, else set to null; a cue lies in the
  quote's sentence or next to it, else removed;
- casualty numbers are stated in the event's sentences, dates are resolved here from the time
  words (never taken from a backend);
- free text (headline, summary, event descriptions, claim statements) states no number or name
  that the article (for an item: its own sentences and parties) does not have, else it is
  replaced by the article's own words.
Each correction is named in the warnings.
"""

from __future__ import annotations

from bisect import bisect_right

from summarizer import dates, marks, wording
from summarizer.backends.base import Draft
from summarizer.document import Document
from summarizer.models import Casualties, Claim, Event, Party, Quote, Span, Summary, TimeRef
from summarizer.spans import is_grounded, make_span, parts_grounded, pieces, shorten

# How far from its item a speaker's mention may be, in sentences: a paragraph-long quote is
# often attributed in the sentence before it, a run-on quote two or three sentences back.
NEAR_BEFORE = 3
NEAR_AFTER = 1
HEADLINE_CHARS = 120


def _span_ok(text: str, span: Span | None) -> bool:
    return span is None or is_grounded(text, span.text, span.start, span.end)


def _item_ok(text: str, item: Quote | Claim) -> bool:
    """An item's own words: each of its parts when it is discontinuous, else its one span."""
    if not item.text.strip():
        return False
    if item.parts:
        return parts_grounded(text, item.text, item.start, item.end, item.parts)
    return is_grounded(text, item.text, item.start, item.end)


class _Checker:
    """One draft's checks against one document, collecting warnings as it goes."""

    def __init__(self, doc: Document, warnings: list[str]) -> None:
        self.doc = doc
        self.text = doc.text
        self.warnings = warnings
        self.starts = [s for s, _ in doc.sentences]
        self.passages = marks.find(doc.text, doc.paragraphs) if doc.paragraphs else []
        self.kinds = marks.kinds(doc.text, self.passages, doc.paragraphs)
        self.words = wording.SentenceWords(doc.text, doc.sentences)  # each sentence read once
        self.article = wording.vocabulary(doc.text)
        self._named: dict[str, bool] = {}

    # -- where things are ----------------------------------------------------------------
    def sentence_at(self, offset: int) -> int:
        """0-based index of the sentence holding ``offset`` (or the last one before it)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def sentences_of(self, start: int, end: int) -> tuple[int, int]:
        return self.sentence_at(start), self.sentence_at(max(start, end - 1))

    def window(self, first: int, last: int, before: int, after: int) -> str:
        """The text of sentences ``first - before`` to ``last + after``."""
        if not self.doc.sentences:
            return self.text
        lo = self.doc.sentences[max(0, first - before)][0]
        hi = self.doc.sentences[min(len(self.doc.sentences) - 1, last + after)][1]
        return self.text[lo:hi]

    def window_words(self, first: int, last: int, before: int, after: int) -> wording.Vocabulary:
        """The vocabulary of ``window``, from the article's words found once."""
        if not self.doc.sentences:
            return self.article
        last_sentence = len(self.doc.sentences) - 1
        return self.words.run(max(0, first - before), min(last_sentence, last + after))

    def is_named(self, name: str) -> bool:
        """``_named`` against the article, once per name (speakers recur)."""
        if name not in self._named:
            self._named[name] = _named(name, self.article)
        return self._named[name]

    def same_paragraph(self, a: int, b: int) -> bool:
        return any(start <= min(a, b) and max(a, b) < end for start, end in self.doc.paragraphs)

    # -- parties -------------------------------------------------------------------------
    def party(self, party: Party | None, what: str, first: int, last: int) -> Party | None:
        """``party`` if it is named in the article and mentioned near sentences
        ``first``-``last``; a wrong mention span is dropped first."""
        if party is None:
            return None
        if not _span_ok(self.text, party.mention):
            party = party.model_copy(update={"mention": None})
        if not self.is_named(party.name):
            self.warnings.append(f"removed the {what} {party.name!r}: not named in the article")
            return None
        if party.mention is None:
            self.warnings.append(f"removed the {what} {party.name!r}: not mentioned near the item")
            return None
        at = self.sentence_at(party.mention.start)
        item = self.doc.sentences[first][0] if self.doc.sentences else 0
        near = first - NEAR_BEFORE <= at <= last + NEAR_AFTER
        if not near and not self.same_paragraph(party.mention.start, item):
            self.warnings.append(
                f"removed the {what} {party.name!r}: mentioned {abs(at - first)} sentences away"
            )
            return None
        return party

    def named(self, party: Party | None, what: str) -> Party | None:
        """``party`` when it is named in the article (events' actors, targets, places)."""
        if party is None:
            return None
        if not _span_ok(self.text, party.mention):
            party = party.model_copy(update={"mention": None})
        if self.is_named(party.name):
            return party
        self.warnings.append(f"removed the {what} {party.name!r}: not named in the article")
        return None

    # -- quotes --------------------------------------------------------------------------
    def quote(self, q: Quote) -> Quote | None:
        """``q`` with its kind, cue and speaker checked; None when it is not speech."""
        first, last = self.sentences_of(q.start, q.end)
        cue = self.quote_cue(q, first, last)
        update = self.quote_kind(q, cue, first, last)
        if update is None:
            return None
        update["cue"] = cue
        start = int(update.get("start", q.start))  # type: ignore[call-overload]
        end = int(update.get("end", q.end))  # type: ignore[call-overload]
        first, last = self.sentences_of(start, end)
        checked = q.model_copy(update=update)
        speaker = self.party(q.speaker, "speaker", first, last)
        return checked.model_copy(update={"speaker": self.outside(speaker, checked, cue)})

    def outside(self, speaker: Party | None, q: Quote, cue: Span | None) -> Party | None:
        """``speaker`` unless it is named only inside the words attributed to it, after their
        cue (a name the quoted words mention is not who said them); words that open with their
        own attribution ("X said ...", a transcript's "X: ...") keep X."""
        m = speaker.mention if speaker is not None else None
        if (
            speaker is None
            or m is None
            or not any(a <= m.start and m.end <= b for a, b in pieces(q))
        ):
            return speaker
        if m.start == pieces(q)[0][0] or (cue is not None and m.end <= cue.start):
            return speaker  # a label or "X said" opening the item's own words
        self.warnings.append(
            f"removed the speaker {speaker.name!r}: named only inside the words attributed to it"
        )
        return None

    def quote_cue(self, q: Quote, first: int, last: int) -> Span | None:
        """The quote's cue if it is in the article, in or next to sentences ``first``-``last``."""
        cue = q.cue if _span_ok(self.text, q.cue) else None
        if cue is not None:
            at = self.sentence_at(cue.start)
            if not first - 1 <= at <= last + 1:
                self.warnings.append(
                    f"removed the cue {cue.text!r} of {shorten(q.text)!r}: "
                    "not in or next to the quote's sentence"
                )
                cue = None
        return cue

    def quote_kind(
        self, q: Quote, cue: Span | None, first: int, last: int
    ) -> dict[str, object] | None:
        """What changes in ``q`` for its kind to be what its quote marks say (None: it is not
        speech): every piece inside one passage in marks takes that passage's kind; a quoted
        kind outside marks is narrowed, corrected or dropped; reported speech needs a cue or a
        verb of saying."""
        holding = [[p for p in self.passages if p.start <= a and b <= p.end] for a, b in pieces(q)]
        if all(holding) and holding[0]:
            return self.marked_kind(q, holding[0][0])
        if q.kind in ("direct", "partial"):
            return self.unmarked_quoted(q, cue, first, last)
        if not (cue is not None or wording.reports_speech(self.window(first, last, 0, 0))):
            self.warnings.append(
                f"dropped an indirect quote with no verb of saying in its sentence: "
                f"{shorten(q.text)!r}"
            )
            return None
        return {}

    def marked_kind(self, q: Quote, passage: marks.Marked) -> dict[str, object]:
        """The kind of the passage in marks holding ``q``, where it differs from ``q``'s."""
        want = self.kinds[self.passages.index(passage)]
        # A phrase ending in its own punctuation ('said "we will win," he added') may be
        # speech: the marks do not decide, the backend's "direct" stands.
        ambiguous = want == "partial" and self.text[passage.end - 1] in ".,!?"
        if q.kind == want or (ambiguous and q.kind == "direct"):
            return {}
        self.warnings.append(
            f"corrected a quote's kind from {q.kind} to {want} "
            f"(its quote marks say so): {shorten(q.text)!r}"
        )
        return {"kind": want}

    def unmarked_quoted(
        self, q: Quote, cue: Span | None, first: int, last: int
    ) -> dict[str, object] | None:
        """A direct or partial quote not inside one passage in marks: narrowed to the one
        passage it frames, dropped when it straddles marks, indirect when its cue is in its
        sentences, else dropped."""
        overlapping = [p for p in self.passages if p.start < q.end and q.start < p.end]
        narrowed = self.narrowed(q, overlapping)
        if narrowed is not None:
            return narrowed
        if overlapping:
            self.warnings.append(
                f"dropped a {q.kind} quote that is not one passage in quote marks: "
                f"{shorten(q.text)!r}"
            )
            return None
        if cue is not None and first <= self.sentence_at(cue.start) <= last:
            self.warnings.append(
                f"corrected a quote's kind from {q.kind} to indirect "
                f"(it has no quote marks): {shorten(q.text)!r}"
            )
            return {"kind": "indirect"}
        self.warnings.append(
            f"dropped a {q.kind} quote that has no quote marks and no reporting cue "
            f"in its sentence: {shorten(q.text)!r}"
        )
        return None

    def narrowed(self, q: Quote, overlapping: list[marks.Marked]) -> dict[str, object] | None:
        """``q`` cut to the one passage in marks it covers when the rest is only its frame
        (marks, a cue); None when it is not that."""
        covered = [p for p in overlapping if q.start <= p.start and p.end <= q.end]
        own = self.text[q.start : q.end]
        if q.parts or len(overlapping) != 1 or not covered:
            return None
        if not _only_frame(own, covered[0], q.start):
            return None
        passage = covered[0]
        span = make_span(self.text, passage.start, passage.end)
        want = self.kinds[self.passages.index(passage)]
        self.warnings.append(
            f"narrowed a {q.kind} quote to the words inside its quote marks: {shorten(span.text)!r}"
        )
        return {"text": span.text, "start": span.start, "end": span.end, "kind": want}

    # -- claims, events, summary ---------------------------------------------------------
    def claim(self, c: Claim) -> Claim:
        first, last = self.sentences_of(c.start, c.end)
        claimant = self.party(c.claimant, "claimant", first, last)
        source = self.window_words(first, last, 1, 0).plus(claimant.name if claimant else "")
        statement = self.free_text(c.statement, source, "claim statement") or c.text
        return c.model_copy(update={"claimant": claimant, "statement": statement})

    def event(self, ev: Event) -> Event | None:
        evidence = [s for s in ev.evidence if _span_ok(self.text, s)]
        trigger = ev.trigger if _span_ok(self.text, ev.trigger) else None
        if not evidence and trigger is None:
            self.warnings.append(
                f"dropped an event with no evidence in the article: {shorten(ev.description)!r}"
            )
            return None
        if evidence:
            cited = "\n".join(s.text for s in evidence)
        else:
            assert trigger is not None
            cited = self.window(*self.sentences_of(trigger.start, trigger.end), 0, 0)
        actors = [p for p in (self.named(a, "actor") for a in ev.actors) if p]
        targets = [p for p in (self.named(t, "target") for t in ev.targets) if p]
        location = self.named(ev.location, "location")
        parties = " ".join(p.name for p in [*actors, *targets, *([location] if location else [])])
        fallback = evidence[0].text if evidence else cited
        description = self.free_text(ev.description, cited + "\n" + parties, "event description")
        return ev.model_copy(
            update={
                "evidence": evidence,
                "trigger": trigger,
                "actors": actors,
                "targets": targets,
                "location": location,
                "description": description or " ".join(fallback.split()),
                "casualties": self.casualties(ev.casualties, cited, ev.description),
                "time": self.time(ev.time, cited),
            }
        )

    def casualties(self, c: Casualties, cited: str, name: str) -> Casualties:
        """Counts the event's sentences state (as digits or words); 1 needs no numeral
        ("killed a senior adviser")."""
        kept: dict[str, int | None] = {}
        for field in ("killed", "injured"):
            n = getattr(c, field)
            if n is None or n == 1 or wording.has_number(n, cited):
                kept[field] = n
            else:
                kept[field] = None
                self.warnings.append(
                    f"removed {field}={n} from the event {shorten(name)!r}: "
                    "its sentences do not state that number"
                )
        return Casualties(**kept)

    def time(self, t: TimeRef, cited: str) -> TimeRef:
        """The time words if the event's sentences have them, the date resolved from them here."""
        words = (t.text or "").strip()
        if not words:
            return TimeRef()
        anchor = self.doc.anchor_date
        if words.lower() not in " ".join(cited.split()).lower():
            self.warnings.append(f"removed the time {words!r}: not in the event's sentences")
            return TimeRef()
        resolved = {dates.resolve(words, anchor), dates.resolve(words, anchor, future=True)}
        date = t.date if t.date in resolved else dates.resolve(words, anchor)
        if t.date is not None and t.date not in resolved:
            self.warnings.append(
                f"replaced the date {t.date} of {words!r} by the one resolved from the article: "
                f"{date}"
            )
        return TimeRef(text=t.text, date=date)

    def summary(self, s: Summary) -> Summary:
        points = [p for p in s.key_points if _span_ok(self.text, p)]
        headline = self.free_text(s.headline, self.article, "headline")
        text = self.free_text(s.text, self.article, "summary")
        if headline is not None and not headline.strip():
            self.warnings.append("the backend gave no headline: the article's own title used")
            headline = None
        if text is not None and not text.strip():
            self.warnings.append("the backend gave no summary: the article's key sentences used")
            text = None
        if headline is None:
            headline = self.extract_headline()
        if text is None:
            chosen = points or [make_span(self.text, *r) for r in self.doc.sentences[:2]]
            text = " ".join(" ".join(p.text.split()) for p in chosen[:3])
        return s.model_copy(update={"key_points": points, "headline": headline, "text": text})

    def extract_headline(self) -> str:
        """The article's title line, else its first sentence, cut at a word."""
        where = self.doc.title or (self.doc.sentences[0] if self.doc.sentences else (0, 0))
        words = " ".join(self.text[where[0] : where[1]].split())
        if len(words) <= HEADLINE_CHARS:
            return words
        return words[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "..."

    def free_text(self, said: str, source: str | wording.Vocabulary, what: str) -> str | None:
        """``said`` when every number and name in it is in ``source``, else None (warned)."""
        missing = wording.unfounded(said, source)
        if not missing:
            return said
        self.warnings.append(
            f"replaced the {what} {shorten(said)!r} by the article's words: "
            f"{', '.join(missing[:5])} not in the article"
        )
        return None


def _named(name: str, article: wording.Vocabulary) -> bool:
    """True when the article has the name, or one of its capitalised parts ("Kanaani")."""
    parts = [p for p in wording.names(name) if len(p) > 1]
    if not parts:
        return bool(name.strip()) and name.strip().lower() in article.text.lower()
    return any(wording.has_name(p, article) for p in parts)


def _only_frame(own: str, passage: marks.Marked, offset: int) -> bool:
    """True when the words of a span outside ``passage`` are only its marks and punctuation
    (a model that copied the quote marks, or the comma before them)."""
    before = own[: passage.start - offset]
    after = own[passage.end - offset :]
    return not any(ch.isalnum() for ch in before + after)


def _once(events: list[Event], warnings: list[str]) -> list[Event]:
    """``events`` without exact repeats (a small model that loops writes one event many times),
    each checked and warned about once."""
    seen: set[str] = set()
    kept = []
    for ev in events:
        key = ev.model_dump_json()
        if key not in seen:
            seen.add(key)
            kept.append(ev)
    if len(kept) < len(events):
        warnings.append(f"dropped {len(events) - len(kept)} repeated event(s)")
    return kept


def ground(draft: Draft, doc: Document) -> Draft:
    """A copy of ``draft`` with only grounded, de-duplicated, checked items."""
    text = doc.text
    warnings = list(draft.warnings)
    check = _Checker(doc, warnings)

    quotes: list[Quote] = []
    seen: set[tuple[object, ...]] = set()
    for q in draft.quotes:
        if not _item_ok(text, q):
            warnings.append(
                f"dropped a quote not found verbatim in the article: {shorten(q.text)!r}"
            )
            continue
        checked = check.quote(q)
        if checked is None:
            continue
        key = ("q", checked.start, checked.end)
        if key in seen:
            continue
        seen.add(key)
        quotes.append(checked)

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
        claims.append(check.claim(c))

    events = [e for e in (check.event(ev) for ev in _once(draft.events, warnings)) if e is not None]
    return Draft(
        quotes=sorted(quotes, key=lambda q: q.start),
        claims=sorted(claims, key=lambda c: c.start),
        events=events,
        summary=check.summary(draft.summary),
        usage=draft.usage,
        warnings=warnings,
        model=draft.model,
        prompt_version=draft.prompt_version,
    )
