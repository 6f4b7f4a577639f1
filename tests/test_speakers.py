"""Who says a quote when the parse gives its cue no subject, or there is no cue (``rules.speakers``,
through ``quotes.extract``)."""

from __future__ import annotations

import pytest
from rules_text import parsed

from summarizer.backends.rules import quotes


def _speaker(text: str) -> str | None:
    doc, p = parsed(text)
    found, _ = quotes.extract(doc, p)
    return found[0].speaker.name if found and found[0].speaker else None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“We are ready for the storm,” Tulsa police Chief Chuck Jordan said.", "Chuck Jordan"),
        ("“We are ready for the storm,” said Chuck Jordan.", "Chuck Jordan"),
        ("“We are ready for the storm,” Cummings (D-Md.) said.", "Cummings"),
    ],
)
def test_the_noun_phrase_next_to_a_cue_speaks(text: str, name: str) -> None:
    assert _speaker(text) == name


def test_a_quote_signed_with_a_dash_and_a_name() -> None:
    assert _speaker("“Be kind to each other, always.” ― Krystal Correa") == "Krystal Correa"


def test_the_subject_of_the_sentence_leading_into_a_quote() -> None:
    text = "Councillor Rita Mendes was blunt: “This budget fails the town.”"
    assert _speaker(text) == "Rita Mendes"
