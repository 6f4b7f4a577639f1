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


def test_readers_answers_signed_one_a_line_are_direct_quotes_of_their_signers() -> None:
    # A vox pop: answers listed one a line inside one paragraph, each signed with a dash.
    text = (
        "Readers on the stadium plan\n\n"
        "We asked readers in Harbour City what they make of the plan.\n\n"
        "“I do not want my taxes spent on a football ground. The roads are falling apart.” "
        "― Tomas Brandt\n"
        "“It is about time the city built something people can be proud of.”― Lena Kurz\n"
        "“Nobody asked the people who live next to the site.” ― Omar Haddad.\n"
    )
    doc, p = parsed(text)
    found, _ = quotes.extract(doc, p)
    direct = [q for q in found if q.kind == "direct"]
    assert [q.speaker.name if q.speaker else None for q in direct] == [
        "Tomas Brandt",
        "Lena Kurz",
        "Omar Haddad",
    ]
    assert direct[0].text.startswith("I do not want") and direct[0].speaker is not None
    mention = direct[0].speaker.mention
    assert mention is not None and mention.text == "Tomas Brandt"


def test_a_quote_after_a_cue_with_its_own_subject_is_that_speaker_s() -> None:
    text = (
        "Councillor Rita Mendes said the rule would not cover tenants, and when pressed on "
        'why it leaves out renters, the 52-year-old lawyer replied, "It is meant to protect '
        'the owners who live in their homes, and nobody else."'
    )
    doc, p = parsed(text)
    (q,) = [q for q in quotes.extract(doc, p)[0] if q.kind == "direct"]
    assert q.cue is not None and q.cue.text == "replied"
    assert q.speaker is not None and q.speaker.mention is not None
    assert q.speaker.mention.text == "the 52-year-old lawyer"


def test_names_joined_by_and_before_a_cue_speak_together_when_the_parse_splits_them() -> None:
    """The parser made the first name part of the phrase before (a conjunct of "war") and gave
    the cue no subject: the names right before the cue still speak, both of them. The parse is
    written by hand here, as the parser produced it on such a sentence."""
    import spacy
    from spacy.tokens import Doc

    from summarizer.backends.rules.article import Article
    from summarizer.backends.rules.names import NameBook
    from summarizer.backends.rules.speakers import speaker_at

    words = ["part", "of", "the", "war", ",", "Vance", "and", "Ortega", "call", "them", "liars"]
    heads = [8, 0, 3, 1, 3, 3, 5, 5, 8, 8, 8]
    deps = ["npadvmod", "prep", "det", "pobj", "punct", "conj", "cc", "conj", "ROOT", "dobj"]
    deps.append("oprd")
    pos = ["NOUN", "ADP", "DET", "NOUN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PRON"]
    pos.append("NOUN")
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    art = Article(doc.text, doc, [(0, len(doc.text))], [], NameBook(), [(0, len(doc.text))])
    found, mention = speaker_at(art, doc[8])
    assert found is not None and found.name == "Vance and Ortega"
    assert mention is not None and doc.text[slice(*mention)] == "Vance and Ortega"
