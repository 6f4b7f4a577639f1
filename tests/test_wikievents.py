"""WikiEvents scoring: reading the JSONL layout, trigger and argument P/R/F1.

The JSONL below is hand-written in WikiEvents' format (two tiny documents), not shared data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evaluation import detect_format
from summarizer.evaluation.wikievents import (
    EventItem,
    is_wikievents,
    project_type,
    read,
    score,
)


def _sentence(words: list[str], start: int) -> tuple[list[list[object]], str]:
    """Tokens with document-level offsets (as WikiEvents gives them) and the sentence text."""
    tokens: list[list[object]] = []
    at = start
    for w in words:
        tokens.append([w, at, at + len(w)])
        at += len(w) + 1
    return tokens, " ".join(words)


S1 = _sentence(["A", "bomb", "exploded", "in", "Mosul", "."], 0)
S2 = _sentence(["Police", "arrested", "two", "men", "."], 25)
DOC = {
    "doc_id": "tiny_1",
    "tokens": [
        "A",
        "bomb",
        "exploded",
        "in",
        "Mosul",
        ".",
        "Police",
        "arrested",
        "two",
        "men",
        ".",
    ],
    "text": S1[1] + S2[1],
    "sentences": [list(S1), list(S2)],
    "entity_mentions": [
        {"id": "T1", "sent_idx": 0, "start": 4, "end": 5, "entity_type": "GPE", "text": "Mosul"},
        {"id": "T2", "sent_idx": 1, "start": 6, "end": 7, "entity_type": "PER", "text": "Police"},
        {"id": "T3", "sent_idx": 1, "start": 8, "end": 10, "entity_type": "PER", "text": "two men"},
    ],
    "relation_mentions": [],
    "event_mentions": [
        {
            "id": "E1",
            "event_type": "Conflict.Attack.DetonateExplode",
            "trigger": {"start": 2, "end": 3, "text": "exploded", "sent_idx": 0},
            "arguments": [{"entity_id": "T1", "role": "Place", "text": "Mosul"}],
        },
        {
            "id": "E2",
            "event_type": "Justice.ArrestJailDetain.Unspecified",
            "trigger": {"start": 7, "end": 8, "text": "arrested", "sent_idx": 1},
            "arguments": [
                {"entity_id": "T2", "role": "Jailer", "text": "Police"},
                {"entity_id": "T3", "role": "Detainee", "text": "two men"},
            ],
        },
    ],
}


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    return path


def test_read_rebuilds_text_with_exact_offsets(gold: Path) -> None:
    (doc,) = read(gold)
    assert doc.text == "A bomb exploded in Mosul .\n\nPolice arrested two men ."
    assert [doc.text[slice(*e.trigger)] for e in doc.events] == ["exploded", "arrested"]
    assert [e.type for e in doc.events] == ["attack", "arrest"]
    assert [doc.text[slice(*a)] for a in doc.events[1].arguments] == ["Police", "two men"]


def test_detected_as_a_gold_format(gold: Path, tmp_path: Path) -> None:
    assert is_wikievents(gold)
    assert detect_format(gold) == "wikievents"
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": 1}\n', encoding="utf-8")
    assert not is_wikievents(other)


def test_a_broken_line_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read(bad)


def test_kairos_types_map_onto_the_project_vocabulary() -> None:
    assert project_type("Life.Die.Unspecified") == "killing"
    assert project_type("Contact.Contact.Meet") == "meeting"
    assert project_type("Contact.Contact.Broadcast") == "statement"
    assert project_type("Disaster.DiseaseOutbreak.Unspecified") == "other"


def test_score_overlap_type_and_arguments() -> None:
    golds = [
        EventItem((10, 18), "attack", [(22, 27)]),
        EventItem((40, 48), "arrest", [(33, 39), (49, 56)]),
    ]
    preds = [
        EventItem((2, 18), "attack", [(22, 27), (0, 1)]),  # overlaps, right type, 1 of 2 args
        EventItem((40, 48), "killing", []),  # overlaps, wrong type
        EventItem((60, 65), "statement", []),  # no gold there
    ]
    result = score([(preds, golds)])
    assert result["triggers"]["precision"] == round(2 / 3, 4)
    assert result["triggers"]["recall"] == 1.0
    assert result["triggers_typed"]["matched"] == 1
    assert result["triggers_typed"]["recall"] == 0.5
    assert result["arguments"]["precision"] == 0.5
    assert result["arguments"]["recall"] == round(1 / 3, 4)


def test_nothing_predicted_scores_zero_not_an_error() -> None:
    result = score([([], [EventItem((0, 4), "attack")])])
    assert result["triggers"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "predicted": 0,
        "gold": 1,
        "matched": 0,
    }


def test_two_triggers_on_one_gold_event_are_one_hit_and_one_false_positive() -> None:
    golds = [EventItem((10, 18), "attack", [(22, 27)])]
    preds = [
        EventItem((10, 18), "killing", [(22, 27)]),  # the best overlap, but of another type
        EventItem((12, 18), "attack", [(22, 27)]),  # a second mention of the same trigger
    ]
    result = score([(preds, golds)])
    # Many-to-one counted both as hits (precision 1.0) and both arguments as found.
    assert (result["triggers"]["matched"], result["triggers"]["precision"]) == (1, 0.5)
    # Typed pairing looks only within a type, so the attack prediction claims the gold attack.
    assert result["triggers_typed"]["matched"] == 1
    assert result["arguments"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": round(2 / 3, 4),
        "predicted": 2,
        "gold": 1,
        "matched": 1,
    }


def test_rules_backend_end_to_end(gold: Path) -> None:
    from summarizer.backends.rules import RulesBackend
    from summarizer.evaluation.wikievents import evaluate
    from summarizer.settings import Settings

    report = evaluate(gold, RulesBackend(), Settings(), None)
    assert report.format == "wikievents" and report.articles == 1
    assert report.sections["triggers"]["recall"] == 1.0
    assert report.sections["triggers_typed"]["recall"] == 1.0


def test_a_backend_without_mentions_is_scored_from_its_merged_events(gold: Path) -> None:
    """``event_mentions`` is None by default (``BackendBase``): eval scores the record's events,
    and finds the gold trigger through them."""
    from summarizer.backends.base import BackendBase, Draft
    from summarizer.backends.rules import RulesBackend
    from summarizer.document import Document
    from summarizer.evaluation.wikievents import evaluate
    from summarizer.settings import Settings

    extracted: list[str] = []

    class MergedOnly(BackendBase):
        """The rules backend's merged events, without its per-mention answer."""

        def extract(self, doc: Document) -> Draft:
            extracted.append(doc.text)
            return RulesBackend().extract(doc)

    report = evaluate(gold, MergedOnly(), Settings(), None)
    assert report.articles == 1 and len(extracted) == 1
    assert 0 < report.sections["triggers"]["recall"] <= 1.0
