"""From validated answers to output items; salvaging the grounded part of a last bad answer.

The answers are hand-written (tests/llm_canned.py), not a model's.
"""

from __future__ import annotations

import json

import pytest
from llm_canned import REFERENCE, document, number, reference_answer

from summarizer.backends.llm.draft import build, salvage
from summarizer.backends.llm.response import Article, ArticleExtraction
from summarizer.errors import ExtractionError


@pytest.fixture(scope="module")
def article() -> Article:
    return Article(document(REFERENCE))


def test_build_computes_every_offset_from_the_article(article: Article) -> None:
    answer = ArticleExtraction.model_validate(reference_answer(), context={"grounding": article})
    draft = build(answer, article)
    text = article.doc.text
    spans = [s for q in draft.quotes for s in (q, q.cue, q.speaker and q.speaker.mention) if s]
    spans += [s for e in draft.events for s in (*e.evidence, e.trigger) if s]
    spans += list(draft.summary.key_points)
    assert len(spans) > 15
    for span in spans:
        assert text[span.start : span.end] == span.text
    baghdad = draft.quotes[0]
    assert (baghdad.text, baghdad.kind) == ("hostile act", "partial")
    assert baghdad.cue is not None and baghdad.cue.text == "denounced"


def test_time_words_are_resolved_by_code_against_the_article_date(article: Article) -> None:
    answer = ArticleExtraction.model_validate(reference_answer(), context={"grounding": article})
    attack_on_base = build(answer, article).events[1]
    assert attack_on_base.time.text == "on Monday"
    assert attack_on_base.time.date == "2023-12-25"


def test_salvage_keeps_grounded_items_and_names_the_rest(article: Article) -> None:
    raw = reference_answer()
    raw["quotes"].append({"sentence": 2, "text": "We will win", "kind": "direct", "speaker": "X"})
    raw["quotes"].append({"sentence": 3, "kind": "direct"})
    raw["claims"][0]["sentence"] = 77
    raw["events"][1]["sentences"] = [77]
    raw["events"][2]["sentences"].append(88)
    answer, notes = salvage(json.dumps(raw), article, attempts=3)
    assert len(answer.quotes) == 3 and len(answer.claims) == 1 and len(answer.events) == 2
    doc = article.doc
    expected = [number(doc, "On Monday an Israeli"), number(doc, "The strike had targeted")]
    assert answer.events[1].sentences == expected  # sentence 88 removed, the event kept
    assert notes == [
        "dropped a quote not found verbatim in the article: 'We will win'",
        "dropped a quote that does not fit the schema",
        "dropped a claim citing sentence 77, which does not exist: "
        "'The attack had come as a response to the targeting of a U...'",
        "dropped an event citing no sentence of the article: "
        "'Kataib Hezbollah attack on a US military base in northern...'",
    ]


def test_salvage_of_something_that_is_not_json_is_an_extraction_error(article: Article) -> None:
    with pytest.raises(ExtractionError, match="no usable answer after 3 attempts"):
        salvage("Sure! Here are the events:", article, attempts=3)


def test_salvage_tolerates_missing_lists_and_summary(article: Article) -> None:
    answer, notes = salvage('{"quotes": "none"}', article, attempts=1)
    assert answer.quotes == [] and answer.summary.headline == "" and notes == []


def _interrupted_answer(doc_article: Article, more: list[str]) -> dict[str, object]:
    """A hand-written answer (not a model's): one quote in two pieces around its cue."""
    return {
        "summary": {"headline": "Strike", "text": "Dockworkers walked out.", "key_points": []},
        "events": [],
        "claims": [],
        "quotes": [
            {
                "sentence": number(doc_article.doc, "We will respond"),
                "text": "We will respond,",
                "more": more,
                "kind": "direct",
                "speaker": "Maria Okafor",
                "mention": "she",
                "cue": "said",
            }
        ],
    }


def test_a_quote_in_pieces_becomes_one_item_with_its_parts() -> None:
    strike = Article(document("fixtures/articles/010_port_strike.txt"))
    raw = _interrupted_answer(strike, ["at the right time and not before."])
    answer = ArticleExtraction.model_validate(raw, context={"grounding": strike})
    (q,) = build(answer, strike).quotes
    text = strike.doc.text
    assert q.parts is not None
    assert [text[p.start : p.end] for p in q.parts] == [
        "We will respond,",
        "at the right time and not before.",
    ]
    assert q.text == "We will respond, at the right time and not before."
    assert (q.start, q.end) == (q.parts[0].start, q.parts[1].end)
    assert q.cue is not None and q.parts[0].end < q.cue.start < q.parts[1].start


def test_a_piece_not_in_the_article_is_refused_for_a_re_ask() -> None:
    strike = Article(document("fixtures/articles/010_port_strike.txt"))
    raw = _interrupted_answer(strike, ["at a time of our choosing."])
    with pytest.raises(ValueError, match="pieces in more are not in the article verbatim"):
        ArticleExtraction.model_validate(raw, context={"grounding": strike})


def test_salvage_keeps_an_event_without_a_type_and_says_why_others_go(article: Article) -> None:
    """Qwen2.5-Coder-1.5B left "type" out of its only event (a real answer's shape, rewritten
    by hand here): the event is kept as "other"; one that does not fit says so, not that it
    cites nothing."""
    raw = reference_answer()
    first, second = raw["events"][0], raw["events"][1]
    del first["type"]
    second["killed"] = "many"
    answer, notes = salvage(json.dumps(raw), article, attempts=1)
    assert answer.events[0].type == "other"
    assert answer.events[0].description == first["description"]
    [note] = notes
    assert note.startswith("dropped an event that does not fit the schema: 'Kataib Hezbollah")


def test_a_summary_cut_off_mid_sentence_keeps_its_whole_sentences() -> None:
    """An answer cut off at its output limit can stop inside a sentence."""
    from summarizer.backends.llm.draft import _whole_sentences

    assert _whole_sentences("Mary J. Blige sings. She asks Clinton whe") == "Mary J. Blige sings."
    assert _whole_sentences('He said "we won." Then the') == 'He said "we won."'
    assert _whole_sentences("Blige sings to Clinton, asking") == "Blige sings to Clinton, asking"
    assert _whole_sentences("Two. Whole sentences.") == "Two. Whole sentences."


def test_salvage_of_a_candidates_mode_answer_keeps_its_attributions(article: Article) -> None:
    """A hand-written candidates-mode answer with one quote that does not ground: the rest is
    salvaged into the assisted model, which has no summary of the model's (code writes it)."""
    from summarizer.backends.llm.response import AssistedExtraction

    article.candidates = [object()]
    raw = {
        **reference_answer(),
        "attributions": [{"candidate": 1, "speech": False, "kind": "partial", "speaker": None}],
    }
    raw["quotes"].append({"sentence": 2, "text": "We will win", "kind": "direct", "speaker": "X"})
    answer, notes = salvage(json.dumps(raw), article, 1, model=AssistedExtraction)
    assert isinstance(answer, AssistedExtraction) and len(answer.attributions) == 1
    assert answer.summary.headline == "" and len(answer.quotes) == len(raw["quotes"]) - 1
    assert notes == ["dropped a quote not found verbatim in the article: 'We will win'"]
    empty, _ = salvage("{}", article, 1, model=AssistedExtraction)
    assert empty.summary.text == "" and empty.attributions == []
