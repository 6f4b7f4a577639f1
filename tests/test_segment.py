"""Segmentation: content paragraphs and sentences, with page furniture set aside (never dropped
from the text, so offsets hold) and real content kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.loading import source_for
from summarizer.segment import furniture_lines, segment, split_sentences

REFERENCE = Path(__file__).parent.parent / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"


def _furniture(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in furniture_lines(text)]


def test_reference_article_furniture_is_set_aside() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    doc = segment(text, source_for(text))
    found = [text[s:e] for s, e in doc.furniture]
    assert found[0] == "Skip to main content"
    assert sum("stationed on a street in Baghdad" in f for f in found) == 2  # caption, twice
    assert any(f.startswith("Stay informed with MEE") for f in found)
    assert any(f.startswith("Sign up to get the latest alerts") for f in found)
    assert any(f.startswith("Middle East Eye delivers independent") for f in found)
    content = " ".join(doc.text[s:e] for s, e in doc.sentences)
    for bit in ("Skip to main", "newsletter", "Sign up", "(AFP)", "republishing"):
        assert bit not in content
    assert doc.title is not None
    assert text[slice(*doc.title)].startswith("Iraq: One killed and 18 wounded")
    assert any("2,500 soldiers" in doc.text[s:e] for s, e in doc.sentences)
    assert all(doc.in_content(s, e) for s, e in doc.sentences)


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Share on Facebook",
        "Share this article",
        "Read more: Iran vows revenge for commander's killing",
        "Advertisement",
        "We use cookies to give you the best experience on our website.",
        "Accept all cookies",
        "Sign up for our daily newsletter",
        "Subscribe now",
        "By Jane Doe and John Roe, Reuters",
        "Published 3 hours ago",
        "Updated: 12:30 GMT, 26 December 2023",
        "December 26, 2023 10:32 AM ET",
        "5 min read",
        "2 hours ago",
        "Photo: Reuters",
        "\u00a9 2023 Example News. All rights reserved.",
        "Facebook Twitter Email",
        "Follow us on Instagram",
        "Privacy Policy",
        "Chris Davies - Nov 19, 2019, 10:31 pm",
        "By Jane Doe | December 26, 2023",
        "Follow VentureBeat on Facebook",
        "Got a news tip?",
    ],
)
def test_furniture_lines(line: str) -> None:
    text = f"A real first paragraph of the story, with a full stop.\n\n{line}\n\nAnd more story."
    assert _furniture(text) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "By the time rescuers arrived, the building had collapsed.",
        "Sign up for a Hulu ad-free account for $11.99 a month",
        "Police said the attack began shortly after midnight (local time).",
        "12) Roger Waters \u2013 The Wall (DVD)",
        "Updated Police Identify Man, Woman Found Dead in Plano Apartment",
        "What happened next?",
        "Home Office officials declined to comment on the report.",
        "The newly elected council met on Monday.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    text = f"A real first paragraph of the story, with a full stop.\n\n{line}\n\nAnd more story."
    assert _furniture(text) == []


def test_a_caption_repeated_far_apart_or_a_repeated_sentence_is_content() -> None:
    caption = "Troops patrol a street in Kabul on Monday (Reuters)"
    assert _furniture(f"{caption}\n{caption}\n\nStory.") == [caption, caption]
    repeated = "What inspired you to start cooking?"
    text = f"{repeated}\nShe loved it.\n\n{repeated}\nHe did too."
    assert _furniture(text) == []
    no_credit = "Troops patrol a street in Kabul on Monday"
    assert _furniture(f"{no_credit}\n{no_credit}\n\nStory.") == [no_credit, no_credit]


def test_a_run_of_menu_links_is_furniture_but_a_short_list_is_not() -> None:
    menu = "News\nWorld\nBusiness\nCompany Town\nEnergy & Environment\n\nThe story starts here."
    assert len(_furniture(menu)) == 5
    items = "You will need:\n\nbaby carrier\nhealthy snack bars\ncamera\nbottled water\n"
    assert _furniture(items) == []


def test_sentences_split_at_ends_but_not_after_abbreviations() -> None:
    text = 'Mr. Smith met Dr. Jones in the U.S. on Monday. "We agreed," he said. Talks end at 5 p.m. Friday.'
    parts = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    assert parts[0] == "Mr. Smith met Dr. Jones in the U.S. on Monday."
    assert parts[1] == '"We agreed," he said.'


def test_paragraph_mixing_furniture_and_content_keeps_the_content_lines() -> None:
    text = "Headline here\n\nFirst line of story.\nShare on Twitter\nSecond line of story."
    doc = segment(text, source_for(text))
    paragraphs = [text[s:e] for s, e in doc.paragraphs]
    assert paragraphs == ["Headline here", "First line of story.", "Second line of story."]
    assert doc.title is not None and text[slice(*doc.title)] == "Headline here"


def test_title_is_a_short_first_line_not_a_first_sentence() -> None:
    story = "Police arrested three men in Lahore on Friday."
    assert segment(story, source_for(story)).title is None
    two = f"{story}\n\nThey were later released."
    assert segment(two, source_for(two)).title is None
    headed = f"Three held in Lahore\n\n{story}"
    doc = segment(headed, source_for(headed))
    assert doc.title is not None and headed[slice(*doc.title)] == "Three held in Lahore"
