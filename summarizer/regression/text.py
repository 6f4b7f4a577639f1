"""A diff as words: one line per change, for the terminal table, Markdown and JUnit messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from summarizer.regression.compare import KINDS, ArticleDiff
from summarizer.regression.totals import Totals

SINGULAR = {"quotes": "quote", "claims": "claim", "events": "event"}
NONE = "–"


def short(text: Any, n: int = 70) -> str:
    words = " ".join(str(text or "").split())
    return words if len(words) <= n else words[: n - 1] + "…"


def _name(party: Any) -> str:
    return str(party.get("name")) if isinstance(party, dict) and party.get("name") else NONE


def _words(span: Any) -> str:
    return short(span.get("text"), 40) if isinstance(span, dict) else NONE


def _text(field: str, item: dict[str, Any]) -> str:
    return f"“{short(item.get(field))}”"


def _span(field: str, item: dict[str, Any]) -> str:
    parts = item.get("parts") or []
    shown = ", ".join(f"{p.get('start')}–{p.get('end')}" for p in parts if isinstance(p, dict))
    return shown or f"{item.get('start')}–{item.get('end')}"


def _party(field: str, item: dict[str, Any]) -> str:
    return _name(item.get(field))


def _cited(field: str, item: dict[str, Any]) -> str:
    return _words(item.get(field))


def _parties(field: str, item: dict[str, Any]) -> str:
    return ", ".join(_name(p) for p in item.get(field) or ()) or NONE


def _date(field: str, item: dict[str, Any]) -> str:
    when = item.get("time") or {}
    return str(when.get("date") or when.get("text") or NONE)


def _casualties(field: str, item: dict[str, Any]) -> str:
    c = item.get("casualties") or {}
    return f"killed {c.get('killed', None) or NONE}, injured {c.get('injured', None) or NONE}"


def _plain(field: str, item: dict[str, Any]) -> str:
    return str(item.get(field) or NONE)


#: How each field of ``FIELDS`` is shown; a field not named here is shown as it is.
_SHOWN: dict[str, Callable[[str, dict[str, Any]], str]] = {
    "text": _text,
    "span": _span,
    **dict.fromkeys(("speaker", "claimant", "location"), _party),
    **dict.fromkeys(("cue", "trigger"), _cited),
    **dict.fromkeys(("actors", "targets"), _parties),
    "date": _date,
    "casualties": _casualties,
}


def value(field: str, item: dict[str, Any]) -> str:
    """One field of an item as a reader sees it."""
    return _SHOWN.get(field, _plain)(field, item)


def values(field: str, a: dict[str, Any], b: dict[str, Any]) -> tuple[str, str]:
    """A changed field in A and in B; long texts from a little before where they part, so the
    difference is in what is shown."""
    if field != "text":
        return value(field, a), value(field, b)
    ta, tb = " ".join(str(a.get("text") or "").split()), " ".join(str(b.get("text") or "").split())
    same = 0
    while same < min(len(ta), len(tb)) and ta[same] == tb[same]:
        same += 1
    cut = max(0, same - 20)
    if cut:
        cut = ta.rfind(" ", 0, cut) + 1  # start at a word
    lead = "…" if cut else ""
    return f"“{lead}{short(ta[cut:])}”", f"“{lead}{short(tb[cut:])}”"


def label(kind: str, item: dict[str, Any]) -> str:
    """An item in a few words: a quote's words and speaker, an event's type and trigger."""
    if kind == "quotes":
        return f"“{short(item.get('text'), 60)}” ({_name(item.get('speaker'))})"
    if kind == "claims":
        return f"“{short(item.get('text'), 60)}” ({_name(item.get('claimant'))})"
    trigger = _words(item.get("trigger"))
    return f"{item.get('type')}: {trigger} ({short(item.get('description'), 50)})"


def change_lines(diff: ArticleDiff) -> list[str]:
    """Every change of one article, one line each."""
    if diff.missing is not None:
        lines = [f"missing in {diff.missing.upper()} (no record, or a bulk error line)"]
    else:
        lines = []
    for kind in KINDS:
        one = SINGULAR[kind]
        d = diff.kind(kind)
        lines += [f"{one} removed: {label(kind, x)}" for x in d.removed]
        lines += [f"{one} added: {label(kind, x)}" for x in d.added]
        for c in d.changed:
            shown = [(f, *values(f, c.a, c.b)) for f in c.fields]
            what = "; ".join(f"{f} {va} → {vb}" for f, va, vb in shown)
            lines.append(f"{one} changed: {label(kind, c.a)}: {what}")
    return lines


def counts(diff: ArticleDiff, kind: str) -> str:
    """``+added −removed ~changed`` of one kind, or "" when nothing changed."""
    d = diff.kind(kind)
    parts = [
        f"{sign}{n}"
        for sign, n in (("+", len(d.added)), ("−", len(d.removed)), ("~", len(d.changed)))
        if n
    ]
    return " ".join(parts)


def totals_lines(totals: Totals) -> list[str]:
    """The closing summary: how many articles differ, and per kind what changed."""
    head = f"{totals.differing} of {totals.articles} article(s) differ"
    notes = []
    if totals.missing_a or totals.missing_b:
        notes.append(f"missing in A {totals.missing_a}, in B {totals.missing_b}")
    if totals.errors_a or totals.errors_b:
        notes.append(
            f"bulk error lines counted as missing: A {totals.errors_a}, B {totals.errors_b}"
        )
    lines = [head + (f" ({'; '.join(notes)})" if notes else "")]
    for kind in KINDS:
        t = totals.kinds[kind].to_json()
        fields = ", ".join(f"{k} {v}" for k, v in t["fields"].items())
        lines.append(
            f"{kind}: +{t['added']} −{t['removed']} ~{t['changed']}"
            + (f" ({fields})" if fields else "")
            + f"; B against A: P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}"
        )
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class Markdown:
    """The diff as Markdown (a pull-request comment): the summary, a table of the articles that
    differ, then each one's changes."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.rows: list[str] = []
        self.details: list[str] = []

    def add(self, diff: ArticleDiff) -> None:
        if not diff.differs:
            return
        cells = [_cell(diff.id), *(counts(diff, k) or NONE for k in KINDS)]
        self.rows.append("| " + " | ".join(cells) + " |")
        self.details.append(f"\n### {_cell(diff.id)}\n")
        self.details += [f"- {_cell(line)}" for line in change_lines(diff)]

    def finish(self, totals: Totals) -> str:
        out = [f"# summarizer diff\n\nA: `{self.a}`  \nB: `{self.b}`\n"]
        out += [f"- {line}" for line in totals_lines(totals)]
        if self.rows:
            out += ["", "| article | quotes | claims | events |", "|---|---|---|---|", *self.rows]
            out += ["", "## Changes", *self.details]
        return "\n".join(out) + "\n"
