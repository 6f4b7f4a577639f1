"""Bulk results as SQLite tables, so questions across an archive are one SQL query.

Tables: ``articles`` (one row per id, its latest status), ``quotes``, ``claims`` and ``events``
(one row per item, with ``start_char``/``end_char`` offsets into the article and the item's
text). Party fields are flattened to a name plus the mention's span; lists of parties and
evidence spans are JSON, and so are the ``parts`` of a discontinuous quote or claim (NULL for
one in a single piece). The JSONL output stays the source of truth: rows are replaced per id
as lines arrive, and ``catch_up`` fills in whatever an interrupted run wrote to the JSONL only.

    SELECT a.id, a.title, q.text FROM quotes q JOIN articles a ON a.id = q.article_id
    WHERE q.speaker = 'Nasser Kanaani' ORDER BY a.date;
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from summarizer.bulk.store import iter_lines
from summarizer.errors import ConfigError

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, error TEXT, path TEXT, url TEXT, title TEXT,
    author TEXT, date TEXT, sha256 TEXT, chars INTEGER, headline TEXT, summary TEXT,
    backend TEXT, model TEXT, prompt_version TEXT, requests INTEGER, prompt_tokens INTEGER,
    completion_tokens INTEGER, warnings TEXT
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, kind TEXT,
    speaker TEXT, speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER,
    cue TEXT, cue_start INTEGER, cue_end INTEGER, parts TEXT
);
CREATE TABLE IF NOT EXISTS claims (
    article_id TEXT NOT NULL REFERENCES articles(id), text TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, statement TEXT, kind TEXT,
    claimant TEXT, claimant_mention TEXT, claimant_start INTEGER, claimant_end INTEGER,
    parts TEXT
);
CREATE TABLE IF NOT EXISTS events (
    article_id TEXT NOT NULL REFERENCES articles(id), description TEXT, type TEXT,
    trigger TEXT, trigger_start INTEGER, trigger_end INTEGER, actors TEXT, targets TEXT,
    location TEXT, time_text TEXT, date TEXT, killed INTEGER, injured INTEGER, evidence TEXT
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS claims_claimant ON claims(claimant);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE INDEX IF NOT EXISTS events_type ON events(type, date);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
"""


def _span(s: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    return (s["text"], s["start"], s["end"]) if s else (None, None, None)


def _party(p: dict[str, Any] | None) -> tuple[Any, Any, Any, Any]:
    if not p:
        return (None, None, None, None)
    return (p["name"], *_span(p.get("mention")))


def _parts(item: dict[str, Any]) -> str | None:
    parts = item.get("parts")
    return json.dumps(parts, ensure_ascii=False) if parts else None


def _add_parts_columns(conn: sqlite3.Connection) -> None:
    """A database made before items had ``parts`` gets the column, so resuming into it works."""
    for table in ("quotes", "claims"):
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if "parts" not in columns:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN parts TEXT")


def _names(parties: list[dict[str, Any]]) -> str:
    return json.dumps([p["name"] for p in parties], ensure_ascii=False)


class ResultsDB:
    """A SQLite file kept in step with a bulk output; commits at most every ``commit_seconds``."""

    def __init__(self, path: Path, *, commit_seconds: float = 1.0) -> None:
        try:
            self.conn = sqlite3.connect(path)
            self.conn.executescript(SCHEMA)
            _add_parts_columns(self.conn)
        except sqlite3.Error as exc:
            raise ConfigError(f"--db {path}: cannot open ({exc})") from None
        self.commit_seconds = commit_seconds
        self._committed = time.monotonic()

    def ids(self, status: str = "ok") -> set[str]:
        return {
            r[0] for r in self.conn.execute("SELECT id FROM articles WHERE status = ?", (status,))
        }

    def add_line(self, line: str | bytes) -> None:
        """Store one output line, replacing whatever the database held for its id."""
        self.add(json.loads(line))

    def add(self, r: dict[str, Any]) -> None:
        c = self.conn
        aid = r["id"]
        for table in ("quotes", "claims", "events"):
            c.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        if r.get("status") != "ok":
            c.execute(
                "INSERT OR REPLACE INTO articles (id, status, error, path) VALUES (?, ?, ?, ?)",
                (aid, r.get("status", "error"), r.get("error"), r.get("origin")),
            )
        else:
            self._add_ok(aid, r)
        if time.monotonic() - self._committed >= self.commit_seconds:
            self.commit()

    def _add_ok(self, aid: str, r: dict[str, Any]) -> None:
        c = self.conn
        src, meta, summ = r["source"], r["meta"], r["summary"]
        usage = meta.get("usage", {})
        c.execute(
            "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                aid, "ok", None, src.get("path"), src.get("url"), src.get("title"),
                src.get("author"), src.get("date"), src.get("sha256"), src.get("chars"),
                summ.get("headline"), summ.get("text"), meta.get("backend"), meta.get("model"),
                meta.get("prompt_version"), usage.get("requests"), usage.get("prompt_tokens"),
                usage.get("completion_tokens"), json.dumps(meta.get("warnings", [])),
            ),
        )  # fmt: skip
        c.executemany(
            "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (aid, q["text"], q["start"], q["end"], q["kind"], *_party(q.get("speaker")),
                 *_span(q.get("cue")), _parts(q))
                for q in r.get("quotes", [])
            ],
        )  # fmt: skip
        c.executemany(
            "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (aid, m["text"], m["start"], m["end"], m["statement"], m["kind"],
                 *_party(m.get("claimant")), _parts(m))
                for m in r.get("claims", [])
            ],
        )  # fmt: skip
        c.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (aid, e["description"], e["type"], *_span(e.get("trigger")),
                 _names(e.get("actors", [])), _names(e.get("targets", [])),
                 (e.get("location") or {}).get("name"), e["time"].get("text"),
                 e["time"].get("date"), e["casualties"].get("killed"),
                 e["casualties"].get("injured"), json.dumps(e.get("evidence", []), ensure_ascii=False))
                for e in r.get("events", [])
            ],
        )  # fmt: skip

    def catch_up(self, output: Path, ok_ids: set[str]) -> int:
        """Add the ok lines of ``output`` the database lacks (a run killed before committing)."""
        missing = ok_ids - self.ids()
        if not missing:
            return 0
        added = 0
        for line, h in iter_lines(output):
            if h is not None and h[1] == "ok" and h[0] in missing:
                self.add_line(line)
                missing.discard(h[0])
                added += 1
        self.commit()
        return added

    def commit(self) -> None:
        self.conn.commit()
        self._committed = time.monotonic()

    def close(self) -> None:
        self.commit()
        self.conn.close()
