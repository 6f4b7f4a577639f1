"""Event scoring against WikiEvents (JSONL: one document per line, gold triggers and arguments).

Each document's text is rebuilt from its sentences, one paragraph each, so offsets are exact
and the segmenter sees real sentence ends. A predicted trigger matches a gold one when their
character spans overlap. Reported: trigger identification (any type), trigger classification
(the gold KAIROS type mapped onto the project's event types must equal the predicted type) and
argument identification (a gold argument of a matched event is found when a predicted actor,
target or place of the matching prediction overlaps it).

The rules backend is scored on every trigger it finds (``events.mentions``), before mentions
of one happening are merged into one record; other backends on their output events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from summarizer.backends.base import Backend
from summarizer.document import Document, Range
from summarizer.errors import InputError
from summarizer.evaluation import Metrics, Report
from summarizer.loading import Loaded, source_for
from summarizer.pipeline import prepare, run
from summarizer.settings import Settings

# KAIROS event types (first two levels) onto ``Event.type``; anything else is "other".
KAIROS_TYPES = {
    "Conflict.Attack": "attack",
    "Life.Die": "killing",
    "Life.Injure": "injury",
    "Justice.ArrestJailDetain": "arrest",
    "Contact.Contact": "statement",
    "Contact.RequestCommand": "statement",
    "Contact.ThreatenCoerce": "statement",
    "Conflict.Demonstrate": "protest",
    "Movement.Transportation": "deployment",
}
MEETING_TYPES = ("Contact.Contact.Meet", "Contact.RequestCommand.Meet")


def project_type(kairos: str) -> str:
    """The project's event type for a KAIROS type such as ``Conflict.Attack.DetonateExplode``."""
    if kairos in MEETING_TYPES:
        return "meeting"
    return KAIROS_TYPES.get(".".join(kairos.split(".")[:2]), "other")


@dataclass
class EventItem:
    """A gold or predicted event: its trigger, type and where its arguments are."""

    trigger: Range
    type: str
    arguments: list[Range] = field(default_factory=list)


@dataclass
class WikiDoc:
    name: str
    text: str
    events: list[EventItem]


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _parse_line(line: str, number: int) -> WikiDoc:
    """One JSONL line as a document with its gold events, offsets into the rebuilt text."""
    try:
        raw = json.loads(line)
        sentences = raw["sentences"]
        mentions = raw["event_mentions"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"line {number}: not a WikiEvents document ({exc})") from None
    parts: list[str] = []
    token_ranges: list[Range] = []
    offset = 0
    for tokens, sentence in sentences:
        first = tokens[0][1] if tokens else 0
        cursor = 0
        for word, start, _end in tokens:
            at = start - first
            if sentence[at : at + len(word)] != word:  # offsets drift: find the word instead
                at = sentence.find(word, cursor)
            at = max(at, cursor) if at >= 0 else cursor
            token_ranges.append((offset + at, offset + at + len(word)))
            cursor = at + len(word)
        parts.append(sentence)
        offset += len(sentence) + 2
    entities = {
        e["id"]: (token_ranges[e["start"]][0], token_ranges[e["end"] - 1][1])
        for e in raw.get("entity_mentions", [])
    }
    events = [
        EventItem(
            trigger=(
                token_ranges[ev["trigger"]["start"]][0],
                token_ranges[ev["trigger"]["end"] - 1][1],
            ),
            type=project_type(ev["event_type"]),
            arguments=[
                entities[a["entity_id"]] for a in ev["arguments"] if a["entity_id"] in entities
            ],
        )
        for ev in mentions
    ]
    return WikiDoc(raw.get("doc_id", f"line{number}"), "\n\n".join(parts), events)


def read(path: Path) -> list[WikiDoc]:
    """The documents of a WikiEvents JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return [_parse_line(line, i + 1) for i, line in enumerate(lines) if line.strip()]


def is_wikievents(path: Path) -> bool:
    """A ``.jsonl`` file whose first document has ``event_mentions``."""
    if not (path.is_file() and path.suffix == ".jsonl"):
        return False
    with path.open(encoding="utf-8") as fh:
        first = fh.readline()
    try:
        return "event_mentions" in json.loads(first)
    except json.JSONDecodeError:
        return False


@runtime_checkable
class MentionReader(Protocol):
    """A backend that can give every trigger before merging (the rules backend): scored mention
    by mention, as WikiEvents annotates them."""

    def event_mentions(
        self, doc: Document
    ) -> list[tuple[tuple[int, int], str, list[tuple[int, int]]]]: ...


def predict(docs: list[WikiDoc], backend: Backend, settings: Settings) -> list[list[EventItem]]:
    """Each document's predicted events (every trigger, for the rules backend)."""
    prepared = [
        prepare(Loaded(d.text, source_for(d.text, source_id=d.name)), settings) for d in docs
    ]
    if isinstance(backend, MentionReader):
        return [[EventItem(*m) for m in backend.event_mentions(doc)] for doc in prepared]
    out = []
    for doc in prepared:
        record = run(doc, backend)
        out.append(
            [
                EventItem(
                    (e.trigger.start, e.trigger.end),
                    e.type,
                    [
                        (p.mention.start, p.mention.end)
                        for p in [*e.actors, *e.targets, *([e.location] if e.location else [])]
                        if p.mention is not None
                    ],
                )
                for e in record.events
                if e.trigger is not None
            ]
        )
    return out


def _prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> Metrics:
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "predicted": pred,
        "gold": gold,
        "predicted_matched": tp_pred,
        "gold_matched": tp_gold,
    }


def score(pairs: list[tuple[list[EventItem], list[EventItem]]]) -> dict[str, Metrics]:
    """Trigger identification, trigger classification and argument identification P/R/F1."""
    n = {k: 0 for k in ("pred", "gold", "pm", "gm", "pt", "gt", "pa", "ga", "pam", "gam")}
    for preds, golds in pairs:
        n["pred"] += len(preds)
        n["gold"] += len(golds)
        for p in preds:
            hits = [g for g in golds if _overlaps(p.trigger, g.trigger)]
            n["pm"] += bool(hits)
            n["pt"] += any(g.type == p.type for g in hits)
            n["pa"] += len(p.arguments)
            n["pam"] += sum(
                any(_overlaps(a, b) for g in hits for b in g.arguments) for a in p.arguments
            )
        for g in golds:
            hits = [p for p in preds if _overlaps(p.trigger, g.trigger)]
            n["gm"] += bool(hits)
            n["gt"] += any(g.type == p.type for p in hits)
            n["ga"] += len(g.arguments)
            n["gam"] += sum(
                any(_overlaps(a, b) for p in hits for b in p.arguments) for a in g.arguments
            )
    return {
        "triggers": _prf(n["pm"], n["pred"], n["gm"], n["gold"]),
        "triggers_typed": _prf(n["pt"], n["pred"], n["gt"], n["gold"]),
        "arguments": _prf(n["pam"], n["pa"], n["gam"], n["ga"]),
    }


def evaluate(path: Path, backend: Backend, settings: Settings, limit: int | None) -> Report:
    docs = read(path)[:limit]
    predicted = predict(docs, backend, settings)
    pairs = [(p, d.events) for p, d in zip(predicted, docs, strict=True)]
    return Report("wikievents", str(path), backend.name, len(docs), score(pairs))
