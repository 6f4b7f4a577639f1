"""spaCy loading and parsing for the rules backend: offsets, furniture, sentences, entities."""

from __future__ import annotations

from summarizer.backends.rules.nlp import content_text, load_nlp, parse, parse_many
from summarizer.document import Document
from summarizer.loading import source_for
from summarizer.segment import segment

TEXT = (
    "Skip to main content\n\n"
    "Harbour strike enters second day\n\n"
    "Maria Okafor spoke in London on Tuesday.\n"
    "5:45 p.m.\n\n"
    "Union leaders met the minister in Paris, officials said.\n\n"
    "Sign up to our newsletter for the latest news\n"
)


def doc() -> Document:
    return segment(TEXT, source_for(TEXT))


def test_model_is_loaded_once_with_paragraph_breaks_before_the_parser() -> None:
    nlp = load_nlp()
    assert load_nlp() is nlp
    names = nlp.pipe_names
    assert names.index("paragraph_breaks") < names.index("parser")


def test_token_offsets_are_article_offsets_and_furniture_is_blank() -> None:
    d = doc()
    parsed = parse(d)
    assert len(parsed.doc.text) == len(TEXT)
    for token in parsed.doc:
        if not token.is_space:
            assert TEXT[token.idx : token.idx + len(token.text)] == token.text
    furniture_words = {"Skip", "newsletter", "Sign"}
    assert not furniture_words & {t.text for t in parsed.doc}
    assert parsed.model_name.startswith("spacy/en_core_web_sm")


def test_content_text_keeps_length_and_newlines() -> None:
    d = doc()
    blanked = content_text(d)
    assert len(blanked) == len(TEXT)
    assert [i for i, c in enumerate(blanked) if c == "\n"] == [
        i for i, c in enumerate(TEXT) if c == "\n"
    ]
    assert "Skip" not in blanked and "Maria Okafor" in blanked


def test_a_line_break_always_starts_a_sentence() -> None:
    parsed = parse(doc())
    starts = {s[0].text for s in parsed.doc.sents if not s[0].is_space}
    assert {"Maria", "5:45", "Union"} <= starts


def test_entities_only_on_the_sentences_asked_for() -> None:
    d = doc()
    everywhere = parse(d).doc
    assert {"Maria Okafor", "London", "Paris"} <= {e.text for e in everywhere.ents}
    nowhere = parse(d, entities=lambda _: False).doc
    assert list(nowhere.ents) == []
    only_paris = parse(d, entities=lambda s: "Paris" in s.text).doc
    assert "Paris" in {e.text for e in only_paris.ents}
    assert not {"Maria Okafor", "London"} & {e.text for e in only_paris.ents}


def test_parse_many_matches_parse(speedups: bool) -> None:
    other_text = 'The mayor said "no" on Friday.\n'
    docs = [doc(), segment(other_text, source_for(other_text))]
    together = parse_many(docs)
    for d, p in zip(docs, together, strict=True):
        alone = parse(d).doc
        assert [(t.text, t.dep_, t.head.i) for t in p.doc] == [
            (t.text, t.dep_, t.head.i) for t in alone
        ]
