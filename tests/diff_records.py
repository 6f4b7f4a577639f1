"""Hand-made records of one article for the ``diff`` tests (not a model's output): a quote
interrupted by its cue (two items), a reported claim and an attack with casualties."""

from __future__ import annotations

import hashlib
from typing import Any

TEXT = (
    "Strike on the port\n\n"
    "\u201cWe will respond,\u201d Kanaani said, \u201cat the right time.\u201d\n\n"
    "Officials said the talks had failed. Two people were killed in the attack on Monday.\n"
)


def span(words: str, text: str = TEXT) -> dict[str, Any]:
    start = text.index(words)
    return {"text": words, "start": start, "end": start + len(words)}


def party(name: str, mention: str | None = None, text: str = TEXT) -> dict[str, Any]:
    return {"name": name, "mention": span(mention, text) if mention else None}


def record(text: str = TEXT, *, id: str = "port", sha: str | None = None) -> dict[str, Any]:
    """A record of ``text`` carrying its text (so pages can show it); sha256 of the text unless
    ``sha`` says otherwise."""
    digest = sha or hashlib.sha256(text.encode()).hexdigest()
    return {
        "schema_version": "1",
        "source": {"id": id, "chars": len(text), "sha256": digest, "text": text},
        "quotes": [
            {
                **span("We will respond,", text),
                "kind": "direct",
                "speaker": party("Nasser Kanaani", "Kanaani", text),
                "cue": span("said", text),
            },
            {
                **span("at the right time.", text),
                "kind": "direct",
                "speaker": party("Nasser Kanaani", "Kanaani", text),
                "cue": span("said", text),
            },
        ],
        "claims": [
            {
                **span("the talks had failed", text),
                "statement": "The talks had failed",
                "claimant": party("Officials", "Officials", text),
                "kind": "reported",
            }
        ],
        "events": [
            {
                "description": "an attack killed two people",
                "type": "attack",
                "trigger": span("attack", text),
                "actors": [],
                "targets": [party("the port")],
                "location": None,
                "time": {"text": "Monday", "date": None},
                "casualties": {"killed": 2, "injured": None},
                "evidence": [span("Two people were killed in the attack on Monday.", text)],
            }
        ],
        "meta": {"backend": "rules"},
    }
