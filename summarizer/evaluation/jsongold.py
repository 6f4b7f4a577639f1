"""The project's own output as gold: a folder of ``*.json`` Extraction records.

Hand-corrected ``summarizer`` output is the cheapest gold to make. Each record's text is
``source.text`` when set, else the file at ``source.path`` (relative paths are tried against the
record's folder first), else ``<source.id>.txt`` beside the record; its sha256 must match
``source.sha256`` so offsets cannot silently point into a different text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import InputError
from summarizer.evaluation.gold import GoldArticle, GoldAttribution
from summarizer.evaluation.matching import parts_of
from summarizer.models import Extraction, Party


def is_json_gold(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*.json"))


def _text_for(record: Extraction, where: Path) -> str:
    if record.source.text is not None:
        return record.source.text
    candidates = []
    if record.source.path:
        given = Path(record.source.path)
        candidates += [where.parent / given, given] if not given.is_absolute() else [given]
    candidates.append(where.parent / f"{record.source.id}.txt")
    for candidate in candidates:
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != record.source.sha256:
                raise InputError(f"{where}: {candidate} is not the text it was made from (sha256)")
            return text
    raise InputError(f"{where}: cannot find its article text (tried {candidates[0]})")


def _source(party: Party | None) -> tuple[tuple[int, int], ...]:
    if party is None or party.mention is None:
        return ()
    return ((party.mention.start, party.mention.end),)


def to_gold(record: Extraction, text: str, name: str) -> GoldArticle:
    """Quotes and reported claims as gold attributions (all ``parts`` of a discontinuous one); a
    claim repeating a quote counts once."""
    out = [
        GoldAttribution(tuple(parts_of(q)), _source(q.speaker), q.kind != "indirect")
        for q in record.quotes
    ]
    seen = {(q.start, q.end) for q in record.quotes}
    for c in record.claims:
        if c.kind == "reported" and (c.start, c.end) not in seen:
            out.append(GoldAttribution(tuple(parts_of(c)), _source(c.claimant)))
    return GoldArticle(name, text, out)


def read(path: Path) -> list[GoldArticle]:
    """Every ``*.json`` record under ``path``, in name order."""
    articles = []
    for where in sorted(path.glob("*.json")):
        try:
            record = Extraction.model_validate_json(where.read_bytes())
        except (ValidationError, UnicodeDecodeError):
            raise InputError(f"{where}: not a summarizer output record (schema 1)") from None
        articles.append(to_gold(record, _text_for(record, where), where.stem))
    return articles
