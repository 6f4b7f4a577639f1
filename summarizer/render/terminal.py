"""The rich terminal view shown when stdout is a terminal."""

from __future__ import annotations

import shutil

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.models import Claim, Extraction, Party, Quote
from summarizer.spans import pieces

LLM_HINT = (
    "Offline rules backend. For an LLM: --model openai/gpt-4o-mini (with OPENAI_API_KEY), "
    "or --base-url http://localhost:8000/v1 --model <name> for a local server."
)


def _who(p: Party | None) -> str:
    if p is None:
        return "-"
    if p.mention and p.mention.text != p.name:
        return f"{p.name} ({p.mention.text})"
    return p.name


def _at(item: Quote | Claim) -> str:
    """Offsets of an item, each part's for one in pieces: "19-31, 43-53"."""
    return ", ".join(f"{s}-{e}" for s, e in pieces(item))


def _tables(result: Extraction) -> list[Table]:
    events = Table(title=f"Events ({len(result.events)})", expand=True, title_justify="left")
    for col in ("type", "what", "who", "where", "when", "killed/injured"):
        events.add_column(col, overflow="fold")
    for ev in result.events:
        cas = ev.casualties
        events.add_row(
            ev.type,
            ev.description,
            ", ".join(_who(a) for a in ev.actors) or "-",
            ev.location.name if ev.location else "-",
            " ".join(x for x in (ev.time.text, f"[{ev.time.date}]" if ev.time.date else None) if x)
            or "-",
            f"{'-' if cas.killed is None else cas.killed}/{'-' if cas.injured is None else cas.injured}",
        )
    quotes = Table(title=f"Quotes ({len(result.quotes)})", expand=True, title_justify="left")
    for col in ("speaker", "kind", "words", "at"):
        quotes.add_column(col, overflow="fold")
    for q in result.quotes:
        quotes.add_row(_who(q.speaker), q.kind, q.text, _at(q))
    claims = Table(title=f"Claims ({len(result.claims)})", expand=True, title_justify="left")
    for col in ("claimant", "kind", "claim", "at"):
        claims.add_column(col, overflow="fold")
    for c in result.claims:
        claims.add_row(
            _who(c.claimant) if c.claimant else "(article)",
            c.kind,
            c.statement,
            _at(c),
        )
    return [events, quotes, claims]


def render(result: Extraction) -> str:
    width = min(shutil.get_terminal_size((120, 40)).columns, 160)
    console = Console(force_terminal=True, width=width, highlight=False)
    s = result.summary
    head = Text(s.headline or "(no headline)", style="bold")
    body = [head, Text(s.text)] if s.text else [head]
    for point in s.key_points:
        body.append(Text(f"  - {point.text}"))
    meta = result.meta
    foot = f"{meta.backend}{' / ' + meta.model if meta.model else ''} · {meta.seconds:.2f}s"
    if meta.usage.requests:
        foot += f" · {meta.usage.requests} requests, {meta.usage.prompt_tokens}+{meta.usage.completion_tokens} tokens"
    with console.capture() as cap:
        console.print(
            Panel(Group(*body), title=result.source.path or result.source.id, subtitle=foot)
        )
        for table in _tables(result):
            console.print(table)
        for w in meta.warnings:
            console.print(Text(f"warning: {w}", style="yellow"))
        if meta.backend == "rules":
            console.print(Text(LLM_HINT, style="dim"))
    return cap.get()
