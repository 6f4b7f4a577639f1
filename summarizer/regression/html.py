"""The diff as one self-contained HTML page: for each article that differs, a table of its
changes, then A's and B's text side by side with each item highlighted by what happened to it
(removed from A, added in B, changed, unchanged).

Built on ``render.html``: its stylesheet, its escaping, its range highlighter and its page shell
(a CSP that loads nothing; this page runs no script at all). Written piece by piece as articles
are compared, so a 10,000-article diff is never held whole; the summary is written last and
shown first (CSS ``order``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summarizer.evaluation.matching import parts_of
from summarizer.regression.compare import KINDS, ArticleDiff
from summarizer.regression.text import SINGULAR, label, totals_lines, values
from summarizer.regression.totals import Totals
from summarizer.render.html import Highlight, document_shell, e, highlighted, source_text

# Nesting order, outermost first.
STATES = ("same", "changed", "removed", "added")
CSS = """
main.diff { display: flex; flex-direction: column; }
main.diff > header.page { order: -1; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.2rem; }
.sides h3 { margin: 0.6rem 0 0.3rem; font-size: 1rem; }
.sides .article-text { font-size: 0.95rem; }
.hl-same { background: #eef1f4; }
.hl-changed { background: #ffe8a3; }
.hl-removed { background: #ffc9c9; text-decoration: line-through 1px #c92a2a; }
.hl-added { background: #b2f2bb; }
table.changes { border-collapse: collapse; width: 100%; font-size: 0.88rem; margin: 0.4rem 0; }
table.changes td, table.changes th { text-align: left; padding: 0.2rem 0.5rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
tr.removed td:first-child { border-left: 4px solid #c92a2a; }
tr.added td:first-child { border-left: 4px solid #2b8a3e; }
tr.changed td:first-child { border-left: 4px solid #e67700; }
.missing { color: #c92a2a; font-weight: 600; }
ul.totals { margin: 0.3rem 0 0; padding-left: 1.2rem; }
"""


def _legend() -> str:
    names = (("removed", "removed (A)"), ("added", "added (B)"), ("changed", "changed"))
    spans = "".join(f'<span class="hl hl-{k}">{e(t)}</span> ' for k, t in names)
    return f'<p class="legend">{spans}<span class="hl hl-same">unchanged</span></p>'


def _states(diff: ArticleDiff) -> dict[int, str]:
    """State of each compared item, by object identity (the diff holds the records' own dicts)."""
    out: dict[int, str] = {}
    for kind in KINDS:
        d = diff.kind(kind)
        out |= {id(x): "removed" for x in d.removed}
        out |= {id(x): "added" for x in d.added}
        for c in d.changed:
            out[id(c.a)] = out[id(c.b)] = "changed"
    return out


def _where(kind: str, item: dict[str, Any]) -> list[tuple[int, int]]:
    if kind == "events":
        trigger = item.get("trigger")
        return parts_of(trigger) if isinstance(trigger, dict) else []
    return parts_of(item)


def _side(record: dict[str, Any] | None, side: str, sid: str, states: dict[int, str]) -> str:
    heading = f"<h3>{'A' if side == 'a' else 'B'}</h3>"
    if record is None:
        return f'<div>{heading}<p class="missing">no record on this side</p></div>'
    text = _text(record)
    if text is None:
        return (
            f'<div>{heading}<p class="empty">The article text is not in this record (read from '
            "stdin, or its file changed): the changes are listed above.</p></div>"
        )
    ranges = []
    for kind in KINDS:
        for i, item in enumerate(x for x in record.get(kind) or () if isinstance(x, dict)):
            state = states.get(id(item), "same")
            for n, (start, end) in enumerate(_where(kind, item)):
                ranges.append(Highlight(f"{sid}-{side}-{kind[0]}{i}.{n}", state, start, end))
    return (
        f'<div>{heading}<div class="article-text">{highlighted(text, ranges, STATES)}</div></div>'
    )


def _text(record: dict[str, Any]) -> str | None:
    from pydantic import ValidationError

    from summarizer.models import Source

    try:
        return source_text(Source.model_validate(record.get("source")))
    except ValidationError:
        return None


def _changes(diff: ArticleDiff) -> str:
    rows = []
    for kind in KINDS:
        one, d = SINGULAR[kind], diff.kind(kind)
        for x in d.removed:
            rows.append(("removed", one, "", label(kind, x), ""))
        for x in d.added:
            rows.append(("added", one, "", "", label(kind, x)))
        for c in d.changed:
            for f in c.fields:
                rows.append(("changed", one, f, *values(f, c.a, c.b)))
    body = "".join(
        f'<tr class="{state}"><td>{e(state)}</td><td>{e(one)}</td><td>{e(f)}</td>'
        f"<td>{e(a)}</td><td>{e(b)}</td></tr>"
        for state, one, f, a, b in rows
    )
    head = "<tr><th>what</th><th>item</th><th>field</th><th>A</th><th>B</th></tr>"
    return f'<table class="changes">{head}{body}</table>' if rows else ""


class Page:
    """Pieces of the page: ``head()``, one ``article()`` per differing article, ``tail()``."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.title = f"summarizer diff: {Path(a).name} → {Path(b).name}"
        self.count = 0
        self._head, self._tail = document_shell(self.title, css=CSS)

    def head(self) -> str:
        return self._head + '<main class="diff">'

    def article(self, diff: ArticleDiff, a: dict[str, Any] | None, b: dict[str, Any] | None) -> str:
        """One article's section; "" when it does not differ."""
        if not diff.differs:
            return ""
        sid = f"d{self.count}"
        self.count += 1
        states = _states(diff)
        missing = (
            f'<p class="missing">missing in {diff.missing.upper()}: no record, or a bulk '
            "error line</p>"
            if diff.missing
            else ""
        )
        scores = " · ".join(f"{k} F1 {diff.kind(k).f1:.3f}" for k in KINDS if diff.kind(k).differs)
        return (
            f'<section class="article" id="{e(sid)}"><h2>{e(diff.id)}</h2>'
            + missing
            + (f'<p class="source">B against A: {e(scores)}</p>' if scores else "")
            + _changes(diff)
            + _legend()
            + f'<div class="sides">{_side(a, "a", sid, states)}{_side(b, "b", sid, states)}</div>'
            + "</section>"
        )

    def tail(self, totals: Totals) -> str:
        lines = "".join(f"<li>{e(line)}</li>" for line in totals_lines(totals))
        header = (
            f'<header class="page"><h1>{e(self.title)}</h1>'
            f'<p>A: {e(self.a)} · B: {e(self.b)}</p><ul class="totals">{lines}</ul></header>'
        )
        return header + "</main>" + self._tail
