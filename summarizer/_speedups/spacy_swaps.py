"""Faster equivalents of three spaCy components of our loaded pipeline (not spaCy's own code).

- NumPy's BLAS for the networks' matrix products instead of thinc's BLIS (same arithmetic);
- the attribute ruler applied by look-up (``attrs``) instead of spaCy's ``Matcher``;
- the lemmatizer with every answer cached.

``tune(nlp)`` applies all three to one loaded ``Language``; ``tests/test_speedups_spacy_swaps.py``
checks each gives what spaCy's component gives.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def tune(nlp: Language) -> None:
    """All three swaps, on this pipeline only."""
    _use_numpy_matmul(nlp)
    _use_fast_attribute_ruler(nlp)
    _use_cached_lemmatizer(nlp)


def _use_numpy_matmul(nlp: Language) -> None:
    """Multiply the networks' matrices with NumPy's BLAS instead of thinc's bundled BLIS.

    Same model, same arithmetic: on the machines here BLIS's generic kernels are three times
    slower than NumPy's for the token-to-vector layers, which are most of the parse time. The
    parser's own decoding loop keeps BLIS (it calls it from compiled code)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def _use_fast_attribute_ruler(nlp: Language) -> None:
    """Swap spaCy's attribute ruler for the same rules applied by look-up (``attrs``)."""
    from spacy.language import Language

    from summarizer._speedups.attrs import FastAttributeRuler

    if "attribute_ruler" not in nlp.pipe_names:
        return
    morph_key = lru_cache(maxsize=None)(nlp.vocab.morphology.add)
    ruler = FastAttributeRuler(nlp.get_pipe("attribute_ruler").patterns, morph_key)  # type: ignore[attr-defined]
    Language.component("summarizer_attribute_ruler", func=ruler)
    nlp.replace_pipe("attribute_ruler", "summarizer_attribute_ruler")


class CachedLemmatizer:
    """spaCy's rule lemmatizer with every answer cached by (word, part of speech, morphology).

    spaCy caches only the answers that reach its tables; names, numbers and function words are
    worked out again on every occurrence (a quarter of the parse time here). The answer depends
    on nothing else, so caching all of them changes no lemma (``tests/test_nlp.py`` checks).
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.inner = lemmatizer
        self.cache: dict[tuple[int, int, int], str] = {}
        self.ready = False

    def _get_ready(self) -> None:
        """Validate spaCy's tables and make each word index a set: the model ships them as lists
        (tens of thousands of words), so each ``form in index`` was a linear scan and a word
        not yet cached took 0.15 ms. Membership is the same, so lemmas are too."""
        if not self.inner._validated:
            self.inner._validate_tables()
        index = self.inner.lookups.get_table("lemma_index", {})
        for key in list(index.keys()):
            index[key] = frozenset(index[key])
        self.ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self.ready:
            self._get_ready()
        overwrite = self.inner.overwrite
        for token in doc:
            if overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
                lemma = self.cache.get(key)
                if lemma is None:
                    lemma = self.cache[key] = self.inner.lemmatize(token)[0]
                token.lemma_ = lemma
        return doc


def _use_cached_lemmatizer(nlp: Language) -> None:
    from spacy.language import Language

    if "lemmatizer" not in nlp.pipe_names:
        return
    Language.component("summarizer_lemmatizer", func=CachedLemmatizer(nlp.get_pipe("lemmatizer")))
    nlp.replace_pipe("lemmatizer", "summarizer_lemmatizer")
