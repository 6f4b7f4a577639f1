"""Event scoring against WikiEvents (JSONL: one document per line, gold triggers and arguments).

Each document's text is rebuilt from its sentences, one paragraph each, so offsets are exact
and the segmenter sees real sentence ends. Predicted triggers pair with gold ones one-to-one by
the project's matching rule (``matching``: overlap of at least half of the shorter). Reported:
trigger identification (any type), trigger classification (the gold KAIROS type mapped onto the
project's event types must equal the predicted type, pairing only within a type) and argument
identification (a gold argument of a paired event is found when a predicted actor,
target or place of its paired prediction matches it, again one-to-one).

The rules backend is scored on every trigger it finds (``events.mentions``), before mentions
of one happening are merged into one record; other backends on their output events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.backends.base import Backend
from summarizer.document import Range
from summarizer.errors import InputError
from summarizer.evaluation import Metrics, Report, matching
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


def predict(docs: list[WikiDoc], backend: Backend, settings: Settings) -> list[list[EventItem]]:
    """Each document's predicted events (every trigger, for the rules backend)."""
    prepared = [
        prepare(Loaded(d.text, source_for(d.text, source_id=d.name)), settings) for d in docs
    ]
    out = []
    for doc in prepared:
        mentions = backend.event_mentions(doc)
        if mentions is not None:
            out.append([EventItem(*m) for m in mentions])
            continue
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


def _typed_pairs(preds: list[EventItem], golds: list[EventItem]) -> list[tuple[int, int]]:
    """Trigger pairs made only between events of the same type."""
    return matching.pair(
        [[p.trigger] for p in preds],
        [[g.trigger] for g in golds],
        allowed=lambda i, j: preds[i].type == golds[j].type,
    )


def score(pairs: list[tuple[list[EventItem], list[EventItem]]]) -> dict[str, Metrics]:
    """Trigger identification, trigger classification and argument identification P/R/F1.

    All one-to-one through ``matching.pair``: a gold trigger is claimed by one predicted trigger
    (typed: by one of its own type), and within each paired event a gold argument by one
    predicted argument.
    """
    n = {k: 0 for k in ("pred", "gold", "matched", "typed", "pa", "ga", "args")}
    for preds, golds in pairs:
        n["pred"] += len(preds)
        n["gold"] += len(golds)
        n["pa"] += sum(len(p.arguments) for p in preds)
        n["ga"] += sum(len(g.arguments) for g in golds)
        p_triggers = [[p.trigger] for p in preds]
        g_triggers = [[g.trigger] for g in golds]
        events = matching.pair(p_triggers, g_triggers)
        n["matched"] += len(events)
        n["typed"] += len(_typed_pairs(preds, golds))
        for i, j in events:
            n["args"] += len(
                matching.pair([[a] for a in preds[i].arguments], [[b] for b in golds[j].arguments])
            )
    return {
        "triggers": matching.prf(n["matched"], n["pred"], n["gold"]),
        "triggers_typed": matching.prf(n["typed"], n["pred"], n["gold"]),
        "arguments": matching.prf(n["args"], n["pa"], n["ga"]),
    }


def evaluate(path: Path, backend: Backend, settings: Settings, limit: int | None) -> Report:
    docs = read(path)[:limit]
    predicted = predict(docs, backend, settings)
    pairs = [(p, d.events) for p, d in zip(predicted, docs, strict=True)]
    return Report("wikievents", str(path), backend.name, len(docs), score(pairs))
