"""Quoted words that are nobody's speech: titles, names, markup and unreported scare quotes.

Quote marks in news prose also set off the title of a programme, publication or work (“Fox News
Sunday”, 'The 411'), a name or nickname (Rep. Robert C. "Bobby" Scott), a section heading in
quote marks, the attribute values of embed markup (tweet-date="...") and words the writer keeps
at a distance. None of these is a quote with a speaker. A scare quote stays a partial quote only
when a reporting verb frames it: the quoted words lie in what the verb reports, not in an
adjunct of it ("On Tuesday's episode of “The Steve Harvey Morning Show,” she said ...").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.backends.rules.lexicon.speech import (
    ADJUNCT_PREPOSITIONS,
    NAMING_VERBS,
    TITLE_MINOR_WORDS,
    WORK_NOUNS,
)
from summarizer.models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words right before a title: "of “Fox News Sunday”", "on “Morning Joe”", "CBS's “Face ...”".
_BEFORE_TITLE = re.compile(
    r"(?:\b(?:of|on|in|at|to|from|titled|entitled|called|named)|['\u2019]s?)\s*$"
)
_MARKUP = re.compile(r"""(?:=\s*$)|[<>]|="|(?<!\w)@\w{2,}|https?://|www\.|pic\.twitter""")


def _title_case(words: str, longest: int = 8) -> bool:
    tokens = re.findall(r"[^\W\d_][\w'\u2019.\-]*", words)
    if not tokens or len(tokens) > longest:
        return False
    return tokens[0][0].isupper() and all(
        t[0].isupper() or t.lower() in TITLE_MINOR_WORDS for t in tokens
    )


def _paragraph(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi >= 0 else len(text)]


def is_markup(text: str, quote: Quote) -> bool:
    """Embed remnants: an attribute value (tweet-date="..."), a handle or a link."""
    before = text[max(0, quote.start - 3) : quote.start - 1]
    return bool(_MARKUP.search(quote.text)) or before.rstrip().endswith("=")


def _named_by(doc: Doc, quote: Quote) -> bool:
    cue = quote.cue
    if cue is None:
        return False
    token = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return token is not None and token[0].lemma_.lower() in NAMING_VERBS


def is_title(text: str, quote: Quote, doc: Doc) -> bool:
    """A title or a name in quote marks: title-case words, as a heading of their own, inside a
    name (Robert C. "Bobby" Scott), or after "of"/"on"/a possessive or before "show"."""
    words = quote.text.strip(" ,.;:!?")
    if not _title_case(words):
        return False
    mark_open, mark_close = quote.start - 1, quote.end + 1
    paragraph = _paragraph(text, quote.start, quote.end)
    if paragraph.strip(" .\u201c\u201d\"'\u2018\u2019") == words:
        return True  # a section heading set in quote marks
    if _title_case(paragraph.replace(quote.text, " "), longest=40):
        return False  # a headline: all its words are capitalised, quoted or not
    if _named_by(doc, quote) and quote.kind != "direct":
        return False  # Trump called her “Miss Piggy”: the naming is reported speech
    before = text[max(0, mark_open - 12) : max(0, mark_open)]
    after = text[mark_close : mark_close + 30]
    next_word = re.match(r"\s*([A-Za-z][\w\-]*)", after)
    if next_word and next_word.group(1).lower() in WORK_NOUNS:
        return True
    if _BEFORE_TITLE.search(before):
        return True
    # A nickname inside a name: a capitalised word right before and right after the marks.
    prev_word = re.search(r"([A-Z][\w.]*)\s*$", before)
    return bool(prev_word and next_word and next_word.group(1)[:1].isupper())


def _frames(cue: Token, quoted: list[Token]) -> bool:
    """False when the quoted words hang from ``cue`` through an adjunct of it ("On ... of
    “...”, she said"): the cue reports something else. The parse is trusted no further: words
    it does not tie to the cue at all are given the benefit of the doubt."""
    inside = {t.i for t in quoted}
    top = next((t for t in quoted if t.head.i not in inside or t.head == t), quoted[0])
    node = top
    while node.head != node and node.i != cue.i:
        if node.head.i == cue.i:
            return not (node.dep_ == "prep" and node.lower_ in ADJUNCT_PREPOSITIONS)
        node = node.head
    return True


def is_unreported(doc: Doc, quote: Quote) -> bool:
    """A partial quote whose cue does not frame it: a scare quote no speaker is reported to say."""
    if quote.kind != "partial" or quote.cue is None:
        return False
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    spans = [(p.start, p.end) for p in quote.parts] if quote.parts else [(quote.start, quote.end)]
    quoted = [t for s, e in spans for t in (doc.char_span(s, e, alignment_mode="expand") or [])]
    if cue is None or not quoted or cue[0].lower_ == "according":
        return False
    return not _frames(cue[0], quoted)


def is_speech(doc: Doc, text: str, quote: Quote) -> bool:
    """False for quoted words that are nobody's speech (see the module's docstring)."""
    if quote.kind == "indirect":
        return True
    return not (is_markup(text, quote) or is_title(text, quote, doc) or is_unreported(doc, quote))
