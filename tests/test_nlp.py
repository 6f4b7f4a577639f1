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


def test_parse_many_matches_parse() -> None:
    other_text = 'The mayor said "no" on Friday.\n'
    docs = [doc(), segment(other_text, source_for(other_text))]
    together = parse_many(docs)
    for d, p in zip(docs, together, strict=True):
        alone = parse(d).doc
        assert [(t.text, t.dep_, t.head.i) for t in p.doc] == [
            (t.text, t.dep_, t.head.i) for t in alone
        ]


def test_fast_attribute_ruler_equals_spacys() -> None:
    from spacy.pipeline import AttributeRuler

    nlp = load_nlp()
    fast = nlp.get_pipe("attribute_ruler")
    reference = AttributeRuler(nlp.vocab)
    reference.add_patterns(fast.patterns)  # type: ignore[attr-defined]
    text = (
        "\u201cWe ain't gonna stop,\u201d he said. There is no end, y'all. Let's go: "
        "c'mon, we gotta win 3 of 4 games in the U.S. on Tuesday.\n\nShe's done it."
    )
    skip = ["attribute_ruler", "lemmatizer", "ner"]
    ours, theirs = nlp(text, disable=skip), nlp(text, disable=skip)
    fast(ours)
    reference(theirs)
    seen = [(t.pos_, str(t.morph), t.lemma_) for t in ours]
    assert seen == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]
    assert ("AUX", "Tense=Pres|VerbForm=Fin", "be") in seen  # "ai" of "ain't"


def test_cached_lemmatizer_equals_spacys() -> None:
    nlp = load_nlp()
    cached = nlp.get_pipe("lemmatizer")
    text = (
        "The ministers were saying that 3 of the 12 strikes had hit Hilla; Kanaani's aides "
        "denied it. They say the ministers say so, and the aides deny it again."
    )
    skip = ["lemmatizer", "ner"]
    ours, theirs = nlp(text, disable=skip), nlp(text, disable=skip)
    cached(ours)
    cached.inner(theirs)  # type: ignore[attr-defined]
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert [t.lemma_ for t in ours][:4] == ["the", "minister", "be", "say"]
    assert len(cached.cache) > 0  # type: ignore[attr-defined]


def test_numpy_matmul_parses_as_blis_does() -> None:
    import spacy

    from summarizer.backends.rules.nlp import MODEL_PACKAGES

    nlp = load_nlp()
    tok2vec = nlp.get_pipe("tok2vec").model  # type: ignore[attr-defined]
    assert all(not getattr(n.ops, "use_blis", True) for n in tok2vec.walk())
    plain = next(spacy.load(p) for p in MODEL_PACKAGES if spacy.util.is_package(p))
    assert plain.get_pipe("tok2vec").model.ops.use_blis  # type: ignore[attr-defined]
    text = (
        "The US conducted a new round of strikes on Iran-backed sites in Iraq on Tuesday, "
        "killing one fighter, officials said. Baghdad denounced the attack as a hostile act."
    )
    ours, theirs = nlp(text), plain(text)
    seen = [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in ours]
    assert seen == [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in theirs]
