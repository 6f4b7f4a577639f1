"""Compare two records of one article: which quotes, claims and events were added, removed or
changed, and how B scores against A taken as gold.

Items pair through ``evaluation.matching.pair`` (one scorer in the project): first the same words
(normalised text; an event's type and trigger) nearest first, whatever their offsets, so an item
moved because the article text shifted is still the same item; then by overlap, one-to-one, best
overlap first (identical items pair with each other before anything else). A paired item is
``changed`` when a compared field differs after normalisation:

- quotes: text, span, speaker, kind, cue; claims: text, span, claimant, kind;
- events: type, trigger, actors, targets, location, date, casualties.

Tolerance: text is compared with runs of whitespace collapsed and curly quote marks made
straight; names (speaker, claimant, actors, targets, location) also case-folded and without a
leading determiner ("the Foreign Ministry" == "Foreign ministry"); actors and targets as sets.

A pure offset move is **not** a change when the article text differs between A and B (their
``source.sha256`` differ): offsets into two different texts are not comparable, and the words are
what a reader sees. When both records come from the same text, different offsets are a different
stretch of it and count as ``span`` (even with the same words: another occurrence of them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from summarizer.evaluation.matching import pair, parts_of
from summarizer.spans import fold

Item = dict[str, Any]
KINDS = ("quotes", "claims", "events")

_DETERMINER = re.compile(r"^(?:the|a|an)\s+")


def norm_text(text: Any) -> str:
    """Text as compared: whitespace runs collapsed, quote marks and dashes straight."""
    return fold(str(text or "")).text.strip()


def norm_name(name: Any) -> str:
    """A name as compared: ``norm_text``, case-folded, without a leading determiner."""
    return _DETERMINER.sub("", norm_text(name).casefold()).strip(" .,;:'\"")


def _party(party: Any) -> str | None:
    return norm_name(party.get("name")) if isinstance(party, dict) else None


def _span_text(span: Any) -> str | None:
    return norm_text(span.get("text")).casefold() if isinstance(span, dict) else None


def _offsets(item: Item) -> tuple[Any, ...]:
    return (item.get("start"), item.get("end"), tuple(parts_of(item)))


def _date(event: Item) -> tuple[str | None, str | None]:
    """The ISO date when resolved, else the words used."""
    when = event.get("time") or {}
    if when.get("date"):
        return (when["date"], None)
    return (None, norm_text(when.get("text")).casefold() or None)


def _casualties(event: Item) -> tuple[Any, Any]:
    c = event.get("casualties") or {}
    return (c.get("killed"), c.get("injured"))


def _names(parties: Any) -> frozenset[str]:
    return frozenset(n for p in parties or () if (n := _party(p)) is not None)


Field = Callable[[Item], Any]
FIELDS: dict[str, dict[str, Field]] = {
    "quotes": {
        "text": lambda q: norm_text(q.get("text")),
        "span": _offsets,
        "speaker": lambda q: _party(q.get("speaker")),
        "kind": lambda q: q.get("kind"),
        "cue": lambda q: _span_text(q.get("cue")),
    },
    "claims": {
        "text": lambda c: norm_text(c.get("text")),
        "span": _offsets,
        "claimant": lambda c: _party(c.get("claimant")),
        "kind": lambda c: c.get("kind"),
    },
    "events": {
        "type": lambda e: e.get("type"),
        "trigger": lambda e: _span_text(e.get("trigger")),
        "actors": lambda e: _names(e.get("actors")),
        "targets": lambda e: _names(e.get("targets")),
        "location": lambda e: _party(e.get("location")),
        "date": _date,
        "casualties": _casualties,
    },
}


def _where(kind: str, item: Item) -> list[tuple[int, int]]:
    """Where an item is, for pairing by overlap: an event by its trigger, else its evidence."""
    if kind != "events":
        return parts_of(item)
    if isinstance(item.get("trigger"), dict):
        return parts_of(item["trigger"])
    return [p for span in item.get("evidence") or () for p in parts_of(span)]


def _words(kind: str, item: Item) -> tuple[Any, ...] | None:
    """What makes two items the same words wherever they are; None pairs only by overlap."""
    if kind == "events":
        key = _span_text(item.get("trigger")) or norm_text(item.get("description")).casefold()
        return (item.get("type"), key) if key else None
    text = norm_text(item.get("text"))
    return (text,) if text else None


@dataclass(frozen=True)
class Changed:
    """A pair of items that are the same item in A and B, and the fields in which they differ."""

    a: dict[str, Any]
    b: dict[str, Any]
    fields: list[str]


@dataclass
class KindDiff:
    """One of quotes / claims / events: what B added, removed and changed, and B's scores
    against A as gold (one-to-one; 1.0 when a side has nothing to find or to be wrong about)."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    matched: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": [{"a": c.a, "b": c.b, "fields": c.fields} for c in self.changed],
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class ArticleDiff:
    """What changed in one article between run A and run B."""

    id: str
    missing: Literal["a", "b"] | None
    quotes: KindDiff
    claims: KindDiff
    events: KindDiff

    @property
    def differs(self) -> bool:
        return self.missing is not None or any(self.kind(k).differs for k in KINDS)

    def kind(self, name: str) -> KindDiff:
        """The diff of ``quotes``, ``claims`` or ``events`` by name."""
        diff: KindDiff = getattr(self, name)
        return diff

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "missing": self.missing,
            "differs": self.differs,
            **{k: self.kind(k).to_json() for k in KINDS},
        }


def scores(matched: int, in_b: int, in_a: int) -> tuple[float, float, float]:
    """B's precision, recall and F1 against A from pair counts; 1.0 for a side with nothing."""
    p = matched / in_b if in_b else 1.0
    r = matched / in_a if in_a else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f1, 4)


def _identical(
    a_items: Sequence[Item], b_items: Sequence[Item]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of identical items (the best pair either could have), and the indices left over.

    Most items of a changed article did not change; pairing them here leaves ``pair`` only the
    few that did.
    """
    by_place: dict[tuple[Any, ...], list[int]] = {}
    for j, x in enumerate(a_items):
        by_place.setdefault(_place(x), []).append(j)
    pairs, rest_b, used = [], [], set()
    for i, x in enumerate(b_items):
        for j in by_place.get(_place(x), ()):
            if j not in used and a_items[j] == x:
                used.add(j)
                pairs.append((i, j))
                break
        else:
            rest_b.append(i)
    return pairs, rest_b, [j for j in range(len(a_items)) if j not in used]


def _place(item: Item) -> tuple[Any, ...]:
    return (item.get("start"), item.get("end"), item.get("type"), item.get("description"))


def compare_items(
    kind: str, a_items: Sequence[Item], b_items: Sequence[Item], *, same_text: bool = True
) -> KindDiff:
    """Pair B's items with A's and name what differs; ``same_text``: both come from one text."""
    if a_items == b_items:  # the common case, at C speed: every item paired with itself
        return KindDiff(matched=len(a_items))
    pairs = _pairs(kind, a_items, b_items)
    paired_b = {i for i, _ in pairs}
    paired_a = {j for _, j in pairs}
    p, r, f1 = scores(len(pairs), len(b_items), len(a_items))
    return KindDiff(
        added=[x for i, x in enumerate(b_items) if i not in paired_b],
        removed=[x for j, x in enumerate(a_items) if j not in paired_a],
        changed=_changed(kind, a_items, b_items, pairs, same_text),
        matched=len(pairs),
        precision=p,
        recall=r,
        f1=f1,
    )


def _pairs(kind: str, a_items: Sequence[Item], b_items: Sequence[Item]) -> list[tuple[int, int]]:
    """``(B index, A index)`` pairs: identical items first, then the rest as ``pair`` pairs
    them (the same words wherever they are, then overlap)."""
    pairs, rest_b, rest_a = _identical(a_items, b_items)
    if rest_a and rest_b:
        found = pair(
            [_where(kind, b_items[i]) for i in rest_b],
            [_where(kind, a_items[j]) for j in rest_a],
            keys=(
                [_words(kind, b_items[i]) for i in rest_b],
                [_words(kind, a_items[j]) for j in rest_a],
            ),
        )
        pairs += [(rest_b[i], rest_a[j]) for i, j in found]
    return pairs


def _changed(
    kind: str,
    a_items: Sequence[Item],
    b_items: Sequence[Item],
    pairs: list[tuple[int, int]],
    same_text: bool,
) -> list[Changed]:
    """The paired items that differ, in A's order, with the fields that do (``span`` only
    within one text)."""
    fields = FIELDS[kind]
    changed = []
    for i, j in sorted(pairs, key=lambda p: p[1]):
        a, b = a_items[j], b_items[i]
        if a is b or a == b:
            continue
        differ = [
            name
            for name, get in fields.items()
            if (same_text or name != "span") and get(a) != get(b)
        ]
        if differ:
            changed.append(Changed(a, b, differ))
    return changed


def _usable(record: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A bulk line with ``status: error`` has no record: it counts as missing."""
    if record is None or record.get("status") == "error":
        return None
    return record


def _items(record: Mapping[str, Any] | None, kind: str) -> list[Item]:
    if record is None:
        return []
    items: Iterable[Any] = record.get(kind) or ()
    return [x for x in items if isinstance(x, dict)]


def _sha(record: Mapping[str, Any] | None) -> Any:
    source = record.get("source") if record is not None else None
    return source.get("sha256") if isinstance(source, dict) else None


def compare(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None, *, id: str) -> ArticleDiff:
    """The diff of one article's record in run A and in run B (``None``: absent on that side).

    Records are dicts of the ``summarise --format json`` contract; bulk lines may add ``id``,
    ``status`` and ``cached``, and a line with ``status: error`` counts as a missing record.
    Absent on both sides is no difference (``missing`` None, nothing added or removed).
    """
    a, b = _usable(a), _usable(b)
    # Absent on both sides (both runs failed on it) is no difference between the runs.
    missing: Literal["a", "b"] | None = None
    if (a is None) != (b is None):
        missing = "a" if a is None else "b"
    sha_a, sha_b = _sha(a), _sha(b)
    same_text = sha_a is None or sha_b is None or sha_a == sha_b
    diffs = {
        kind: compare_items(kind, _items(a, kind), _items(b, kind), same_text=same_text)
        for kind in KINDS
    }
    return ArticleDiff(id, missing, diffs["quotes"], diffs["claims"], diffs["events"])
