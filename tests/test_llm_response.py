"""The LLM-facing response model: its validators ground items in the article given as context.

The "answers" validated here are hand-written dicts, not model output.
"""

from __future__ import annotations

import json

import pytest
from llm_canned import REFERENCE, document, number
from pydantic import ValidationError

from summarizer.backends.llm.response import (
    Article,
    ArticleExtraction,
    Event,
    Quote,
    Summary,
    problems,
)
from summarizer.document import Document


@pytest.fixture(scope="module")
def doc() -> Document:
    return document(REFERENCE)


@pytest.fixture(scope="module")
def article(doc: Document) -> Article:
    return Article(doc)


def quote(sentence: int, text: str) -> dict[str, object]:
    return {"sentence": sentence, "text": text, "kind": "direct", "speaker": "Nasser Kanaani"}


def validate_quote(item: dict[str, object], article: Article) -> Quote:
    return Quote.model_validate(item, context={"grounding": article})


def test_verbatim_quote_passes_with_straight_marks_and_plain_spaces(
    doc: Document, article: Article
) -> None:
    n = number(doc, "Iran reserves")
    # the article has a curly quote and a no-break space; the copy has neither
    assert validate_quote(quote(n, '"Iran reserves the right'), article).sentence == n


def test_invented_quote_is_rejected_with_a_message_the_model_can_act_on(
    article: Article,
) -> None:
    with pytest.raises(ValidationError, match="is not in the article verbatim"):
        validate_quote(quote(3, "Iran reserves every right"), article)


def test_a_paraphrase_is_not_verbatim(article: Article) -> None:
    with pytest.raises(ValidationError):
        validate_quote(quote(3, "The US carried out a new round of strikes"), article)


def test_sentence_that_does_not_exist_is_rejected(article: Article) -> None:
    with pytest.raises(ValidationError, match=f"sentence 0 does not exist.*1-{article.count}"):
        validate_quote(quote(0, "Iran reserves the right"), article)


def test_page_furniture_is_not_the_article(article: Article) -> None:
    with pytest.raises(ValidationError):
        validate_quote(quote(1, "Stay informed with MEE's newsletters"), article)


def test_event_and_summary_must_cite_existing_sentences(article: Article) -> None:
    ctx = {"grounding": article}
    event = {"description": "d", "type": "attack", "sentences": [3, 400]}
    with pytest.raises(ValidationError, match="sentence 400 does not exist"):
        Event.model_validate(event, context=ctx)
    with pytest.raises(ValidationError, match="cite at least one sentence"):
        Event.model_validate({**event, "sentences": []}, context=ctx)
    with pytest.raises(ValidationError, match="sentence 99 does not exist"):
        Summary.model_validate({"headline": "h", "text": "t", "key_points": [99]}, context=ctx)


def test_without_context_only_the_shape_is_checked() -> None:
    answer = {
        "summary": {"headline": "h", "text": "t", "key_points": [999]},
        "events": [],
        "claims": [],
        "quotes": [quote(999, "not in any article")],
    }
    assert ArticleExtraction.model_validate(answer).quotes[0].sentence == 999


def test_nearest_whole_word_match_is_chosen(doc: Document, article: Article) -> None:
    n = number(doc, "Iran reserves")
    start = doc.sentences[n - 1][0]
    hit = article.nearest("Kanaani", n - 1, n + 1, start)
    assert hit is not None and doc.text[hit[0] : hit[1]] == "Kanaani"
    assert article.nearest("he", n, n, start) is None  # "the", "reserves" hold no word "he"


def test_schema_is_compact_and_names_the_three_lists() -> None:
    schema = ArticleExtraction.model_json_schema()
    assert list(schema["properties"]) == ["summary", "events", "claims", "quotes"]
    assert all("title" not in p for p in schema["$defs"]["Quote"]["properties"].values())


def test_problems_are_in_our_words_whatever_pydantic_says(article: Article) -> None:
    """A re-ask carries ``problems`` text: no pydantic URL, version or message of its own, so a
    recorded request still matches when pip resolves another pydantic."""
    bad = {
        "summary": {"headline": "h", "text": "t"},  # key_points missing
        "events": [],
        "claims": [],
        "quotes": [{**quote(1, "words the article never has"), "kind": "rumour"}],
    }
    with pytest.raises(ValidationError) as caught:
        ArticleExtraction.model_validate(bad, context={"grounding": article})
    said = problems(caught.value)
    assert "errors.pydantic.dev" in str(caught.value)  # what we must not send
    assert "pydantic" not in said and "http" not in said
    assert "- summary.key_points: this field is required" in said
    assert "- quotes.0.kind: not one of the allowed values" in said


def test_grounding_problems_keep_the_validators_own_message(article: Article) -> None:
    bad = {
        "summary": {"headline": "h", "text": "t", "key_points": []},
        "events": [],
        "claims": [],
        "quotes": [quote(1, "words the article never has")],
    }
    with pytest.raises(ValidationError) as caught:
        ArticleExtraction.model_validate(bad, context={"grounding": article})
    assert problems(caught.value) == (
        "The answer has these problems:\n- quotes.0: text 'words the article never has' "
        "is not in the article verbatim (nor nearly so around sentence 1): "
        "copy it character for character"
    )


def test_the_candidates_mode_answer_is_bounded_in_its_schema() -> None:
    """llama.cpp's grammar enforces ``maxLength`` and ``maxItems`` while the model writes."""
    from summarizer.backends.llm.instructed import json_response_format
    from summarizer.backends.llm.response import (
        ASSISTED_ITEMS,
        NAME_CHARS,
        AssistedExtraction,
        Attribution,
    )

    schema = json_response_format(AssistedExtraction)["schema"]
    assert "summary" not in schema["properties"] and "summary" not in schema["required"]
    assert "Summary" not in schema["$defs"]  # code writes the summary: not asked, not sent
    assert schema["properties"]["events"]["maxItems"] == ASSISTED_ITEMS
    assert "maxItems" not in schema["properties"]["attributions"]  # every candidate may be wrong
    mention = schema["$defs"]["Attribution"]["properties"]["mention"]["anyOf"]
    assert {"type": "string", "maxLength": NAME_CHARS} in mention  # where the grammar reads it
    long = {"candidate": 1, "speech": True, "kind": "direct", "speaker": "x" * 99}
    assert Attribution.model_validate(long).speaker == "x" * 99  # a hint, never a failure
    plain = json.dumps(json_response_format()["schema"])
    assert "maxLength" not in plain and "maxItems" not in plain
