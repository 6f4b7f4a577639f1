"""Bulk results in SQLite: tables with source spans, the speaker query, catching up after a kill."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from interrupted import FIRST, SECOND, interrupted
from interrupted import TEXT as interrupted_text

from summarizer.bulk.inputs import Item
from summarizer.bulk.sqlite import ResultsDB
from summarizer.bulk.work import error_line, ok_line
from summarizer.models import (
    Casualties,
    Claim,
    Event,
    Extraction,
    Meta,
    Party,
    Quote,
    Source,
    Span,
    TimeRef,
)

TEXT = 'Police arrested two men on Monday. "We acted fast," Chief Ann Roe said.'
SPEAKER_QUERY = """
SELECT a.id, q.text, q.start_char, q.end_char FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.speaker = 'Ann Roe' ORDER BY a.id
"""


def _extraction(aid: str, speaker: str) -> Extraction:
    s = TEXT.index("We acted")
    mention = TEXT.index("Chief")
    return Extraction(
        source=Source(id=aid, path=f"{aid}.txt", chars=len(TEXT), sha256="0" * 64, title="T"),
        quotes=[
            Quote(
                text="We acted fast",
                start=s,
                end=s + 13,
                kind="direct",
                speaker=Party(
                    name=speaker,
                    mention=Span(text="Chief Ann Roe", start=mention, end=mention + 13),
                ),
                cue=Span(text="said", start=len(TEXT) - 5, end=len(TEXT) - 1),
            )
        ],
        claims=[
            Claim(
                text="Police arrested two men",
                start=0,
                end=23,
                statement="Police arrested two men.",
                kind="assertion",
            )
        ],
        events=[
            Event(
                description="arrest",
                type="arrest",
                trigger=Span(text="arrested", start=7, end=15),
                actors=[Party(name="Police")],
                targets=[Party(name="two men")],
                time=TimeRef(text="on Monday", date="2024-05-06"),
                casualties=Casualties(),
                evidence=[Span(text=TEXT[:34], start=0, end=34)],
            )
        ],
        meta=Meta(backend="llm", model="m"),
    )


def test_tables_hold_spans_and_the_speaker_query_is_one_select(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.sqlite")
    db.add_line(ok_line("a1", _extraction("a1", "Ann Roe"), cached=False))
    db.add_line(ok_line("a2", _extraction("a2", "Bob Poe"), cached=False))
    db.add_line(ok_line("a3", _extraction("a3", "Ann Roe"), cached=False))
    db.add_line(error_line(Item(id="bad", origin="in.jsonl:4"), "empty"))
    db.close()
    conn = sqlite3.connect(tmp_path / "r.sqlite")
    rows = conn.execute(SPEAKER_QUERY).fetchall()
    assert [r[0] for r in rows] == ["a1", "a3"]
    _, text, start, end = rows[0]
    assert TEXT[start:end] == text == "We acted fast"
    assert conn.execute("SELECT status, error FROM articles WHERE id = 'bad'").fetchone() == (
        "error",
        "empty",
    )
    event = conn.execute("SELECT type, trigger, trigger_start, date, actors FROM events").fetchone()
    assert event == ("arrest", "arrested", 7, "2024-05-06", '["Police"]')
    assert conn.execute("SELECT count(*) FROM claims").fetchone() == (3,)


def test_a_retried_article_replaces_its_rows(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.sqlite")
    db.add_line(error_line(Item(id="a1", origin="x"), "timeout"))
    db.add_line(ok_line("a1", _extraction("a1", "Ann Roe"), cached=False))
    db.add_line(ok_line("a1", _extraction("a1", "Ann Roe"), cached=True))
    db.close()
    conn = sqlite3.connect(tmp_path / "r.sqlite")
    assert conn.execute("SELECT count(*), max(status) FROM articles").fetchone() == (1, "ok")
    assert conn.execute("SELECT count(*) FROM quotes").fetchone() == (1,)


def test_catch_up_adds_ok_lines_the_database_missed(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(
        ok_line("a1", _extraction("a1", "Ann Roe"), cached=False)
        + "\n"
        + ok_line("a2", _extraction("a2", "Ann Roe"), cached=False)
        + "\n"
    )
    db = ResultsDB(tmp_path / "r.sqlite")
    db.add_line(ok_line("a1", _extraction("a1", "Ann Roe"), cached=False))
    assert db.catch_up(out, {"a1", "a2"}) == 1
    assert db.ids() == {"a1", "a2"}
    db.close()


def test_the_parts_of_a_discontinuous_item_are_stored_as_json(tmp_path: Path) -> None:
    db = ResultsDB(tmp_path / "r.sqlite")
    db.add_line(ok_line("a1", interrupted("a1"), cached=False))
    db.add_line(ok_line("a2", _extraction("a2", "Ann Roe"), cached=False))
    db.close()
    conn = sqlite3.connect(tmp_path / "r.sqlite")
    for table in ("quotes", "claims"):
        rows = conn.execute(f"SELECT article_id, text, parts FROM {table} ORDER BY 1").fetchall()
        (_, words, parts), (_, _, single) = rows
        got = [(p["start"], p["end"]) for p in json.loads(parts)]
        assert [interrupted_text[s:e] for s, e in got] == [FIRST, SECOND]
        assert words == f"{FIRST} {SECOND}"
        assert single is None


def test_a_database_made_before_parts_gets_the_column(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE quotes (article_id TEXT NOT NULL, text TEXT NOT NULL, start_char INTEGER "
        "NOT NULL, end_char INTEGER NOT NULL, kind TEXT, speaker TEXT, speaker_mention TEXT, "
        "speaker_start INTEGER, speaker_end INTEGER, cue TEXT, cue_start INTEGER, cue_end INTEGER)"
    )
    old.commit()
    old.close()
    db = ResultsDB(path)
    db.add_line(ok_line("a1", interrupted("a1"), cached=False))
    db.close()
    rows = sqlite3.connect(path).execute("SELECT text, parts IS NOT NULL FROM quotes").fetchall()
    assert rows == [(f"{FIRST} {SECOND}", 1)]
