"""The article's own checkable assertions; attributed sentences are left to reported claims.

Runs spaCy's small English model (a runtime dependency); no network, no shared data.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.backends.rules import assertions
from summarizer.backends.rules.nlp import parse
from summarizer.loading import Loaded, source_for
from summarizer.models import Claim
from summarizer.pipeline import prepare
from summarizer.settings import Settings

REFERENCE = Path(__file__).parent.parent / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def _claims(text: str) -> list[Claim]:
    doc = prepare(Loaded(text, source_for(text)), Settings())
    return assertions.extract(doc, parse(doc))


def test_reference_deployment_and_casualty_sentences_are_assertions() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    found = _claims(text)
    assert all(c.kind == "assertion" and c.claimant is None for c in found)
    assert all(text[c.start : c.end] == c.text for c in found)
    statements = [c.statement for c in found]
    assert any(
        s.startswith("The US has around 2,500 soldiers deployed in Iraq") for s in statements
    )
    assert any("killing one member of pro-Iranian forces" in s for s in statements)
    assert any(s.startswith("On Monday an") and "three fighters" in s for s in statements)
    # attributed: a quote, "said in a statement", "according to Reuters", "to announce that"
    for said in (
        "It runs counter",
        "National Security Council said",
        "according to Reuters",
        "announce",
    ):
        assert not any(said in c.text for c in found)
    # the title and the page furniture are not assertions
    assert not any("18 wounded" in c.text or "(AFP)" in c.text for c in found)


def test_statement_is_one_line_without_a_leading_connective() -> None:
    text = "Meanwhile, the army sent\n4,000 troops to the border town of Rafah on Monday."
    (claim,) = _claims(f"Headline\n\n{text}")
    assert claim.statement == "The army sent 4,000 troops to the border town of Rafah on Monday."
    assert claim.text == text


def test_sentences_without_anything_to_check_are_not_assertions() -> None:
    assert (
        _claims("The talks were tense and the mood was grim. Nobody knows what comes next.") == []
    )


def test_numbers_inside_dates_alone_do_not_count() -> None:
    assert _claims("The council met on 26 December 2023 to discuss the budget plans.") == []
