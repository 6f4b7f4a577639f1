"""The spaCy swaps the CLI makes (``summarizer._speedups.spacy_swaps``) give what spaCy's own
components give, on our pipeline only; spaCy's own pipeline is untouched without them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.backends.rules.nlp import load_nlp

pytestmark = pytest.mark.usefixtures("tuned")
ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


@pytest.fixture
def tuned() -> Iterator[None]:
    """The pipeline loaded with the swaps, as the CLI loads it; reloaded plain afterwards."""
    from summarizer import _speedups

    _speedups.install()
    load_nlp.cache_clear()
    yield
    _speedups.uninstall()
    load_nlp.cache_clear()


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
    # every fixture article, twice: the second time from the rules' caches
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    for text in texts + texts:
        ours, theirs = nlp(text, disable=skip), nlp(text, disable=skip)
        fast(ours)
        reference(theirs)
        want = [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in theirs]
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in ours] == want


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
