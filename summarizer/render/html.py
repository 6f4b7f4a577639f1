"""One self-contained HTML file: the article with every quote, claim and event highlighted.

A reviewer checks an extraction by seeing it in place. The page loads nothing from the network
(inline CSS and script, a Content-Security-Policy that only lets the report's own script run),
and every character of the article and of the extractions is escaped, so a page that quoted
``<script>`` shows it as text. Highlights may overlap (a quote inside an event's evidence
sentence): the text is cut at every span boundary and each piece is wrapped once per kind that
covers it, so each kind keeps its own visual channel (underline, background, band, bold).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from summarizer.models import Claim, Event, Extraction, Party, Quote, Source
from summarizer.spans import pieces

ASSETS = Path(__file__).with_name("assets")
# Nesting order, outermost first: each kind's style must survive being inside the ones before.
KINDS = ("event", "quote", "claim", "trigger")
LEGEND = (
    ("quote", "Quote"),
    ("claim", "Claim"),
    ("event", "Event evidence"),
    ("trigger", "Event trigger"),
)


@dataclass(frozen=True)
class Failed:
    """A bulk result line whose article failed: its id and the reason."""

    id: str
    reason: str


@dataclass(frozen=True)
class Highlight:
    """One highlighted range of the article; ``rid`` is unique in the page."""

    rid: str
    kind: str
    start: int
    end: int


def e(value: object) -> str:
    """Escape for element content and double-quoted attributes."""
    return escape(str(value), quote=True)


def _who(party: Party | None) -> str:
    return party.name if party else ""


def _mention(party: Party | None) -> str:
    if party and party.mention and party.mention.text != party.name:
        return party.mention.text
    return ""


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _fields(pairs: Sequence[tuple[str, object]]) -> list[list[str]]:
    return [[k, str(v)] for k, v in pairs if v not in (None, "", [])]


def article_text(result: Extraction) -> str | None:
    """The text the offsets index into: carried for web pages, else re-read from the file when
    it is still the same (same SHA-256); None when neither is possible (stdin)."""
    return source_text(result.source)


def source_text(src: Source) -> str | None:
    """``article_text`` of a record's ``source``."""
    if src.text is not None:
        return src.text
    if not src.path:
        return None
    try:
        data = Path(src.path).read_bytes()
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return None
    return text if hashlib.sha256(text.encode("utf-8")).hexdigest() == src.sha256 else None


def _event_fields(ev: Event) -> list[list[str]]:
    when = " ".join(x for x in (ev.time.text, f"[{ev.time.date}]" if ev.time.date else None) if x)
    return _fields(
        [
            ("Type", ev.type),
            ("What", ev.description),
            ("Trigger", ev.trigger.text if ev.trigger else None),
            ("Actors", ", ".join(p.name for p in ev.actors)),
            ("Targets", ", ".join(p.name for p in ev.targets)),
            ("Where", _who(ev.location)),
            ("When", when),
            ("Killed", ev.casualties.killed),
            ("Injured", ev.casualties.injured),
            ("Evidence", f"{len(ev.evidence)} span(s)"),
        ]
    )


def _offsets(item: Quote | Claim) -> str:
    """ "19–31", or "19–31, 43–53 (2 parts)" for an item in pieces."""
    found = pieces(item)
    shown = ", ".join(f"{s}–{e}" for s, e in found)
    return shown if len(found) == 1 else f"{shown} ({len(found)} parts)"


def collect(result: Extraction, section: str) -> tuple[dict[str, dict[str, Any]], list[Highlight]]:
    """The page's items (for the side list and the details) and their highlighted ranges."""
    items: dict[str, dict[str, Any]] = {}
    ranges: list[Highlight] = []

    def add(iid: str, kind: str, title: str, label: str, fields: list[list[str]]) -> None:
        items[iid] = {
            "kind": kind,
            "title": title,
            "label": label,
            "fields": fields,
            "ranges": [],
            "section": section,
        }

    def span(iid: str, suffix: str, kind: str, start: int, end: int) -> None:
        rid = f"{iid}.{suffix}"
        items[iid]["ranges"].append(rid)
        ranges.append(Highlight(rid, kind, start, end))

    for i, ev in enumerate(result.events):
        iid = f"{section}-e{i}"
        add(
            iid,
            "event",
            f"Event: {ev.type}",
            f"{ev.type}: {_short(ev.description)}",
            _event_fields(ev),
        )
        for n, s in enumerate(ev.evidence):
            span(iid, str(n), "event", s.start, s.end)
        if ev.trigger:
            span(iid, "t", "trigger", ev.trigger.start, ev.trigger.end)
    for i, q in enumerate(result.quotes):
        iid = f"{section}-q{i}"
        speaker = _who(q.speaker) or "unattributed"
        fields = _fields(
            [
                ("Speaker", _who(q.speaker) or "(unattributed)"),
                ("Mention", _mention(q.speaker)),
                ("Kind", q.kind),
                ("Cue", q.cue.text if q.cue else None),
                ("Words", f"“{q.text}”"),
                ("Offsets", _offsets(q)),
            ]
        )
        add(iid, "quote", f"Quote: {speaker}", f"{speaker}: “{_short(q.text, 70)}”", fields)
        for n, (start, end) in enumerate(pieces(q)):
            span(iid, str(n), "quote", start, end)
    for i, c in enumerate(result.claims):
        iid = f"{section}-c{i}"
        claimant = _who(c.claimant) or "the article"
        fields = _fields(
            [
                ("Claimant", _who(c.claimant) or "(the article's own voice)"),
                ("Mention", _mention(c.claimant)),
                ("Kind", c.kind),
                ("Statement", c.statement),
                ("Offsets", _offsets(c)),
            ]
        )
        add(iid, "claim", f"Claim: {claimant}", f"{claimant}: {_short(c.statement)}", fields)
        for n, (start, end) in enumerate(pieces(c)):
            span(iid, str(n), "claim", start, end)
    return items, ranges


def highlighted(text: str, ranges: Sequence[Highlight], kinds: Sequence[str] = KINDS) -> str:
    """``text`` escaped, cut at every boundary, each piece wrapped once per covering kind
    (``kinds`` in nesting order, outermost first)."""
    live = [r for r in ranges if 0 <= r.start < r.end <= len(text)]
    bounds = sorted({0, len(text)} | {r.start for r in live} | {r.end for r in live})
    out: list[str] = []
    for a, b in pairwise(bounds):
        piece = escape(text[a:b], quote=False)
        covering = [r for r in live if r.start <= a and b <= r.end]
        for kind in reversed(kinds):
            rids = [r.rid for r in covering if r.kind == kind]
            if rids:
                piece = f'<span class="hl hl-{kind}" data-r="{e(" ".join(rids))}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _source_line(result: Extraction) -> str:
    src = result.source
    parts = [
        src.author and f"By {src.author}",
        src.date,
        src.path,
        f"{src.chars:,} characters",
        f"id {src.id}",
    ]
    html = "".join(f"<span>{e(p)}</span>" for p in parts if p)
    if src.url:
        shown = e(_short(src.url, 90))
        safe = src.url.lower().startswith(("http://", "https://"))
        link = f'<a href="{e(src.url)}" rel="noopener noreferrer">{shown}</a>' if safe else shown
        html += f"<span>{link}</span>"
    return f'<p class="source">{html}</p>'


def _summary(result: Extraction) -> str:
    s = result.summary
    if not (s.headline or s.text or s.key_points):
        return ""
    points = "".join(f"<li>{e(p.text)}</li>" for p in s.key_points)
    return (
        f'<div class="summary"><h3>{e(s.headline or "Summary")}</h3>'
        + (f"<p>{e(s.text)}</p>" if s.text else "")
        + (f"<ul>{points}</ul>" if points else "")
        + "</div>"
    )


def _side(items: dict[str, dict[str, Any]]) -> str:
    parts = ['<div class="details-slot"></div>']
    for kind, heading in (("event", "Events"), ("quote", "Quotes"), ("claim", "Claims")):
        mine = [(iid, it) for iid, it in items.items() if it["kind"] == kind]
        parts.append(f'<h3><span class="swatch {kind}"></span>{heading} ({len(mine)})</h3>')
        if not mine:
            parts.append('<p class="empty">none</p>')
            continue
        links = "".join(
            f'<li><a href="#" class="item-link" data-item="{e(iid)}">{e(it["label"])}</a></li>'
            for iid, it in mine
        )
        parts.append(f"<ol>{links}</ol>")
    return '<aside class="items">' + "".join(parts) + "</aside>"


def _legend() -> str:
    buttons = "".join(
        f'<button type="button" data-kind="{k}" aria-pressed="true">'
        f'<span class="swatch {k}"></span>{e(label)}</button>'
        for k, label in LEGEND
    )
    return f'<div class="legend" aria-label="Legend: click to hide or show a kind">{buttons}</div>'


def headline(result: Extraction) -> str:
    """The article's title when the page gave one, else the extracted headline."""
    src = result.source
    return src.title or result.summary.headline or src.path or src.id


def section(result: Extraction, sid: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """One article's section of the page and its items."""
    items, ranges = collect(result, sid)
    text = article_text(result)
    if text is None:
        body = (
            '<p class="empty">The article text is not in this result (it was read from stdin '
            "or its file changed), so nothing can be highlighted; the items are listed.</p>"
        )
    else:
        body = f'<div class="article-text">{highlighted(text, ranges)}</div>'
    meta = result.meta
    foot = [meta.backend, meta.model, meta.prompt_version, f"{meta.seconds:.2f} s"]
    if meta.usage.requests:
        foot.append(
            f"{meta.usage.requests} request(s), "
            f"{meta.usage.prompt_tokens}+{meta.usage.completion_tokens} tokens"
        )
    warnings = "".join(f"<li>{e(w)}</li>" for w in meta.warnings)
    html = (
        f'<section class="article" id="{e(sid)}">'
        f"<h2>{e(headline(result))}</h2>"
        + _source_line(result)
        + _summary(result)
        + _legend()
        + f'<div class="columns"><div>{body}</div>{_side(items)}</div>'
        + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
        + f'<p class="meta">{e(" · ".join(x for x in foot if x))}</p>'
        + "</section>"
    )
    return html, items


def _index(entries: Sequence[Extraction | Failed]) -> str:
    rows = []
    for n, entry in enumerate(entries):
        if isinstance(entry, Failed):
            rows.append(
                f'<tr><td>{n + 1}</td><td><a href="#errors">{e(entry.id)}</a></td>'
                f'<td colspan="3">error: {e(_short(entry.reason, 120))}</td></tr>'
            )
            continue
        counts = f"{len(entry.events)}</td><td>{len(entry.quotes)}</td><td>{len(entry.claims)}"
        rows.append(
            f'<tr><td>{n + 1}</td><td><a href="#a{n}">{e(_short(headline(entry), 100))}</a>'
            f"</td><td>{counts}</td></tr>"
        )
    head = "<tr><th>#</th><th>article</th><th>events</th><th>quotes</th><th>claims</th></tr>"
    return f'<nav class="index"><table>{head}{"".join(rows)}</table></nav>'


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(entries: Sequence[Extraction | Failed], *, title: str) -> str:
    """The whole HTML document for one or many articles."""
    sections: list[str] = []
    items: dict[str, dict[str, Any]] = {}
    failed = [x for x in entries if isinstance(x, Failed)]
    for n, entry in enumerate(entries):
        if isinstance(entry, Extraction):
            html, found = section(entry, f"a{n}")
            sections.append(html)
            items.update(found)
    if failed:
        lines = "".join(f"<li><strong>{e(f.id)}</strong>: {e(f.reason)}</li>" for f in failed)
        sections.append(
            f'<section class="article" id="errors"><h2>Errors ({len(failed)})</h2>'
            f'<ul class="errors">{lines}</ul></section>'
        )
    many = len(entries) > 1 or bool(failed)
    ok = len(entries) - len(failed)
    sub = f"{ok} article(s)" + (f", {len(failed)} error(s)" if failed else "")
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    body = (
        (f'<header class="page"><h1>{e(title)}</h1><p>{e(sub)}</p></header>' if many else "")
        + (_index(entries) if many else "")
        + "".join(sections)
        + '<div id="tooltip" hidden></div>'
        + f'<script type="application/json" id="report-data">{_script_json({"items": items})}</script>'
    )
    return document(title, body, script=script)


def document(title: str, body: str, *, script: str | None = None, css: str = "") -> str:
    """A self-contained page around ``body`` (see ``document_shell``)."""
    head, tail = document_shell(title, script=script, css=css)
    return head + body + tail


def document_shell(title: str, *, script: str | None = None, css: str = "") -> tuple[str, str]:
    """What goes before and after a page's body, for pages written piece by piece: the report's
    stylesheet (plus ``css``) inline, and a CSP that loads nothing and runs only ``script``
    (no script at all without one)."""
    style = (ASSETS / "report.css").read_text(encoding="utf-8") + css
    if script is None:
        allowed = "'none'"
    else:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        allowed = f"'sha256-{digest}'"
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {allowed}; base-uri 'none'; form-action 'none'"
    )
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{e(title)}</title><style>{style}</style></head><body>"
    )
    tail = (f"<script>{script}</script>" if script is not None else "") + "</body></html>\n"
    return head, tail


def render(result: Extraction) -> str:
    """One article as a self-contained HTML page."""
    return page([result], title=headline(result))


def render_report(
    entries: Sequence[Extraction | Failed], *, title: str = "Summarizer report"
) -> str:
    """Many articles (a bulk run) as one page: an index, one section each, then the errors."""
    return page(entries, title=title)
