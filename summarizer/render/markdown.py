"""A Markdown report: headline, summary, key points, events, quotes, claims, warnings, source.

Article words are escaped so a quote containing ``*``, ``|`` or ``<script>`` reads as written in
any Markdown viewer and never turns into formatting or raw HTML.
"""

from __future__ import annotations

import re

from summarizer.models import Claim, Event, Extraction, Party, Quote
from summarizer.spans import pieces

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def md(text: object) -> str:
    """Inline Markdown for ``text``: one line, every formatting character escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _who(party: Party | None, default: str = "-") -> str:
    if party is None:
        return default
    if party.mention and party.mention.text != party.name:
        return f"{md(party.name)} ({md(party.mention.text)})"
    return md(party.name)


def _when(ev: Event) -> str:
    parts = [md(ev.time.text) if ev.time.text else "", ev.time.date or ""]
    return " ".join(p for p in parts if p) or "-"


def _count(n: int | None) -> str:
    return "-" if n is None else str(n)


def _chars(item: Quote | Claim) -> str:
    """ "chars 19–31", or each part's offsets for an item in pieces: "chars 19–31, 43–53"."""
    return "chars " + ", ".join(f"{s}–{e}" for s, e in pieces(item))


def _events(result: Extraction) -> list[str]:
    if not result.events:
        return ["_None found._"]
    rows = [
        "| # | type | what | who | to whom | where | when | killed | injured | evidence |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, ev in enumerate(result.events, 1):
        evidence = " / ".join(f"“{md(s.text)}”" for s in ev.evidence) or "-"
        rows.append(
            "| "
            + " | ".join(
                [
                    str(n),
                    md(ev.type),
                    md(ev.description),
                    ", ".join(_who(p) for p in ev.actors) or "-",
                    ", ".join(_who(p) for p in ev.targets) or "-",
                    _who(ev.location),
                    _when(ev),
                    _count(ev.casualties.killed),
                    _count(ev.casualties.injured),
                    evidence,
                ]
            )
            + " |"
        )
    return rows


def _quotes(result: Extraction) -> list[str]:
    if not result.quotes:
        return ["_None found._"]
    out = []
    for q in result.quotes:
        cue = f", cue “{md(q.cue.text)}”" if q.cue else ""
        out.append(f"> “{md(q.text)}”")
        out.append(">")
        out.append(f"> — **{_who(q.speaker, 'unattributed')}** ({q.kind}{cue}; {_chars(q)})")
        out.append("")
    return out[:-1]


def _claims(result: Extraction) -> list[str]:
    if not result.claims:
        return ["_None found._"]
    return [
        f"- **{_who(c.claimant, 'the article')}** ({c.kind}): {md(c.statement)}"
        f"  \n  “{md(c.text)}” ({_chars(c)})"
        for c in result.claims
    ]


def _source(result: Extraction) -> list[str]:
    src = result.source
    rows = [
        ("Title", src.title),
        ("Author", src.author),
        ("Published", src.date),
        ("URL", src.url),
        ("File", src.path),
        ("Id", src.id),
        ("Characters", f"{src.chars:,}"),
        ("SHA-256", src.sha256),
    ]
    meta = result.meta
    model = " / ".join(x for x in (meta.backend, meta.model, meta.prompt_version) if x)
    rows.append(("Extracted by", f"{model}, {meta.seconds:.2f} s"))
    if meta.usage.requests:
        rows.append(
            (
                "Usage",
                f"{meta.usage.requests} request(s), {meta.usage.prompt_tokens} prompt + "
                f"{meta.usage.completion_tokens} completion tokens",
            )
        )
    return [f"- {k}: {md(v)}" for k, v in rows if v]


def render(result: Extraction) -> str:
    """``result`` as a Markdown document."""
    s = result.summary
    src = result.source
    title = src.title or s.headline or src.path or src.id
    lines = [f"# {md(title)}", ""]
    if s.headline and s.headline != title:
        lines += [f"**{md(s.headline)}**", ""]
    if s.text:
        lines += ["## Summary", "", md(s.text), ""]
    if s.key_points:
        lines += ["### Key points", ""] + [f"- {md(p.text)}" for p in s.key_points] + [""]
    lines += [f"## Events ({len(result.events)})", "", *_events(result), ""]
    lines += [f"## Quotes ({len(result.quotes)})", "", *_quotes(result), ""]
    lines += [f"## Claims ({len(result.claims)})", "", *_claims(result), ""]
    if result.meta.warnings:
        lines += ["## Warnings", ""] + [f"- {md(w)}" for w in result.meta.warnings] + [""]
    lines += ["## Source", "", *_source(result)]
    return "\n".join(lines) + "\n"
