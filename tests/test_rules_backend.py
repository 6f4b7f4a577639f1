"""The rules backend end to end on fixture articles: grounded output, batch equals single."""

from __future__ import annotations

from pathlib import Path

from summarizer.backends.rules import RulesBackend, needs_entities
from summarizer.backends.rules.nlp import parse
from summarizer.document import Document
from summarizer.loading import load
from summarizer.pipeline import prepare, run
from summarizer.settings import Settings

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


def prepared(name: str) -> Document:
    return prepare(load(str(ARTICLES / name)), Settings())


def test_output_is_grounded_and_says_which_backend(speedups: bool) -> None:
    doc = prepared("010_port_strike.txt")
    result = run(doc, RulesBackend())
    assert result.meta.backend == "rules"
    assert result.meta.model and result.meta.model.startswith("spacy/en_core_web_sm")
    assert result.meta.warnings == []  # grounding dropped nothing
    text = doc.text
    assert len(result.quotes) >= 10
    for item in (*result.quotes, *result.claims):
        assert all(text[p.start : p.end] == p.text for p in item.parts or [item])
    assert sum(1 for q in result.quotes if q.parts) == 3  # interrupted, run on, sentence after
    reported = [c for c in result.claims if c.kind == "reported"]
    assert len(reported) >= len(result.quotes) - 1


def test_extract_many_gives_what_extract_gives() -> None:
    docs = [prepared("011_flood_relief.txt"), prepared("012_council_vote.txt")]
    backend = RulesBackend()
    together = backend.extract_many(docs, chunk=1)
    for doc, draft in zip(docs, together, strict=True):
        alone = backend.extract(doc)
        assert draft.quotes == alone.quotes
        assert draft.claims == alone.claims


def test_entities_are_kept_for_event_and_number_sentences_only() -> None:
    doc = prepared("011_flood_relief.txt")
    parsed = parse(doc, entities=needs_entities)
    with_entities = {id(s) for s in parsed.doc.sents if s.ents}
    assert with_entities
    for sent in parsed.doc.sents:
        if not needs_entities(sent):
            assert not sent.ents, sent.text


def test_a_plain_count_needs_no_entities_but_years_and_spans_of_time_do() -> None:
    from summarizer.backends.rules.nlp import load_nlp

    nlp = load_nlp()

    def needs(text: str) -> bool:
        return needs_entities(next(iter(nlp(text).sents)))

    assert not needs("Rescue teams reached 40 villages across the district.")
    assert needs("The talks lasted three days before the council adjourned.")
    assert needs("The 2016 election changed the party completely.")
    assert not needs("The new bridge opened to traffic this week.")  # no number at all


def test_a_statement_needs_no_entities_but_an_arrest_does() -> None:
    from summarizer.backends.rules.nlp import load_nlp

    nlp = load_nlp()

    def needs(text: str) -> bool:
        return needs_entities(next(iter(nlp(text).sents)))

    assert not needs("The senator called for calm after the vote.")
    assert needs("Police arrested the senator after the vote.")
