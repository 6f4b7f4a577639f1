"""The extractive summary: title as headline, key points as grounded body sentences.

Runs spaCy's small English model (a runtime dependency); no network, no shared data.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.backends.rules import summary
from summarizer.backends.rules.nlp import parse
from summarizer.loading import Loaded, source_for
from summarizer.models import Summary
from summarizer.pipeline import prepare
from summarizer.settings import Settings

REFERENCE = Path(__file__).parent.parent / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def _summary(text: str) -> Summary:
    doc = prepare(Loaded(text, source_for(text)), Settings())
    return summary.extract(doc, parse(doc))


def test_reference_headline_key_points_and_text() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    s = _summary(text)
    assert s.headline == "Iraq: One killed and 18 wounded in US strikes on pro-Iran military sites"
    assert 3 <= len(s.key_points) <= 5
    assert [p.start for p in s.key_points] == sorted(p.start for p in s.key_points)
    for p in s.key_points:
        assert text[p.start : p.end] == p.text
        assert "(AFP)" not in p.text and "newsletter" not in p.text and not p.text.startswith('"')
    assert s.key_points[0].text.startswith("The US conducted a new round of strikes")
    assert s.text.startswith("The US conducted a new round of strikes")
    assert "Middle East Eye delivers" not in s.text


def test_without_a_title_the_first_sentence_is_the_headline() -> None:
    text = (
        "Flooding forced 2,000 families from their homes in Sylhet on Monday. "
        "Rescue teams used boats to reach villages cut off by the water. "
        "The river rose by two metres overnight after days of rain. "
        "Officials opened 40 shelters in schools across the district."
    )
    s = _summary(text)
    assert s.headline == "Flooding forced 2,000 families from their homes in Sylhet on Monday."
    assert s.key_points[0].text == s.headline


def test_near_duplicate_sentences_are_not_both_key_points() -> None:
    body = [
        "The central bank raised interest rates by half a point on Thursday.",
        "The central bank raised its interest rates by half a point on Thursday.",
        "Markets fell sharply after the announcement in the afternoon.",
        "Economists had expected a smaller rise of a quarter point.",
        "The bank's governor will speak to parliament next week.",
    ]
    s = _summary("Rates up\n\n" + " ".join(body))
    texts = [p.text for p in s.key_points]
    assert not (body[0] in texts and body[1] in texts)
