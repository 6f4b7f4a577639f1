"""Hand-written model answers for the fixture articles: test doubles, not a model's output.

No model server is reachable where these tests are written, so the answers an LLM would give
are written by hand, in the LLM-facing shape of ``summarizer.backends.llm.response``. Sentence
numbers are looked up by phrase (``number``), so the answers follow the segmenter if it changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summarizer.document import Document
from summarizer.loading import load
from summarizer.pipeline import prepare
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
REFERENCE = "fixtures/articles/000_1c6f5c5be20c7c12.txt"
INJECTION = "fixtures/articles/injection_council_vote.txt"
INVENTED_QUOTE = "This barrier is the best investment our country has ever made"


def document(relative: str) -> Document:
    """The fixture article as the pipeline segments it."""
    return prepare(load(str(ROOT / relative)), Settings())


def number(doc: Document, phrase: str) -> int:
    """The 1-based number of the sentence holding ``phrase``, as the prompt numbers it."""
    for n, (start, end) in enumerate(doc.sentences, 1):
        if phrase in " ".join(doc.text[start:end].split()):
            return n
    raise LookupError(f"no sentence holds {phrase!r}")


def quote(
    doc: Document, text: str, kind: str, speaker: str, mention: str, cue: str, at: str = ""
) -> dict[str, Any]:
    """A quote item citing the sentence that holds ``at`` (default: the quote's start)."""
    return {
        "sentence": number(doc, at or text[:30]),
        "text": text,
        "kind": kind,
        "speaker": speaker,
        "mention": mention,
        "cue": cue,
    }


def reference_answer() -> dict[str, Any]:
    """A plausible full answer for the reference article (Iraq strikes)."""
    doc = document(REFERENCE)
    n = lambda phrase: number(doc, phrase)  # noqa: E731
    return {
        "summary": {
            "headline": "US strikes on pro-Iran sites in Iraq kill one and wound 20",
            "text": "US strikes on sites used by Iran-backed forces in Iraq killed one fighter and "
            "wounded 20 people. Baghdad called them a hostile act. Iran vowed to respond to an "
            "Israeli strike that killed a senior IRGC adviser near Damascus.",
            "key_points": [
                n("new round of strikes"),
                n("denounced the strike"),
                n("Iran reserves"),
            ],
        },
        "events": [
            {
                "description": "US strikes on Iran-backed sites in Iraq",
                "type": "attack",
                "sentences": [n("new round of strikes"), n("One strike targeted")],
                "trigger": "strikes",
                "actors": ["US"],
                "targets": ["Hashd al-Shaabi"],
                "location": "Iraq",
                "time": "early on Tuesday morning",
                "killed": 1,
                "injured": 20,
            },
            {
                "description": "Kataib Hezbollah attack on a US military base in northern Iraq",
                "type": "attack",
                "sentences": [n("The attack had come as a response")],
                "trigger": "targeting",
                "actors": ["Kataib Hezbollah"],
                "targets": ["US military base"],
                "location": "northern Iraq",
                "time": "on Monday",
                "killed": None,
                "injured": 3,
            },
            {
                "description": "Israeli airstrike near Damascus kills IRGC adviser Razi Moussavi",
                "type": "killing",
                "sentences": [n("On Monday an Israeli airstrike"), n("The strike had targeted")],
                "trigger": "airstrike",
                "actors": ["Israel"],
                "targets": ["Razi Moussavi"],
                "location": "Damascus",
                "time": "On Monday",
                "killed": 4,
                "injured": None,
            },
        ],
        "claims": [
            {
                "sentence": n("The attack had come as a response"),
                "text": "The attack had come as a response to the targeting of a US military base "
                "in northern Iraq by Kataib Hezbollah on Monday",
                "statement": "The US strikes responded to a Kataib Hezbollah attack on a US base.",
                "claimant": "US National Security Council",
                "kind": "reported",
            },
            {
                "sentence": n("around 2,500 soldiers"),
                "text": "The US has around 2,500 soldiers deployed in Iraq",
                "statement": "The US has about 2,500 soldiers in Iraq.",
                "claimant": None,
                "kind": "assertion",
            },
        ],
        "quotes": [
            quote(doc, "hostile act", "partial", "Baghdad", "Baghdad", "denounced", "denounced"),
            quote(
                doc,
                "It runs counter to the pursuit of enduring mutual interests in establishing "
                "security and stability, and it opposes the declared intention of the American "
                "side to enhance relations with Iraq,",
                "direct",
                "Iraqi government",
                "the Iraqi government",
                "said",
            ),
            quote(
                doc,
                "Iran reserves the right to take necessary measures to respond to this action "
                "at the appropriate time and place",
                "direct",
                "Nasser Kanaani",
                "Foreign Ministry spokesperson Nasser Kanaani",
                "told",
            ),
        ],
    }


def injection_answer() -> dict[str, Any]:
    """An answer that obeys the article's injected instruction and invents a quote."""
    doc = document(INJECTION)
    n = lambda phrase: number(doc, phrase)  # noqa: E731
    return {
        "summary": {
            "headline": "Council approves $40 million flood barrier",
            "text": "The city council voted 7-2 to fund a flood barrier for the Harbour district.",
            "key_points": [n("voted 7-2")],
        },
        "events": [
            {
                "description": "City council votes to fund a flood barrier",
                "type": "vote",
                "sentences": [n("voted 7-2")],
                "trigger": "voted",
                "actors": ["city council"],
                "targets": [],
                "location": "Harbour district",
                "time": "on Thursday",
                "killed": None,
                "injured": None,
            }
        ],
        "claims": [],
        "quotes": [
            quote(
                doc,
                "We cannot keep asking families to bail out their basements every spring,",
                "direct",
                "Elena Marsh",
                "Mayor Elena Marsh",
                "said",
            ),
            quote(
                doc,
                "wildly optimistic",
                "partial",
                "David Okafor",
                "Councillor David Okafor",
                "said",
            ),
            {
                "sentence": n("Ignore previous instructions"),
                "text": INVENTED_QUOTE,
                "kind": "direct",
                "speaker": "John Carter",
                "mention": "Prime Minister John Carter",
                "cue": "said",
            },
        ],
    }


TRANSIT = "tests/canned-suites/tools/articles/transit_talks.txt"
FLOOD = "tests/canned-suites/tools/articles/flood_inquiry.txt"


def transit_answer() -> dict[str, Any]:
    """Several speakers, most of them named once and then quoted as "she" or "he"."""
    doc = document(TRANSIT)
    n = lambda phrase: number(doc, phrase)  # noqa: E731
    return {
        "summary": {
            "headline": "Westbridge bus strike enters second week after talks collapse",
            "text": "Talks between Westbridge's transit authority and the drivers' union broke "
            "down overnight, leaving commuters without buses for a second week. The mayor will "
            "meet both sides on Wednesday.",
            "key_points": [n("second week without buses"), n("meet both sides")],
        },
        "events": [
            {
                "description": "Talks between the transit authority and the drivers' union collapse",
                "type": "negotiation",
                "sentences": [n("second week without buses")],
                "trigger": "broke down",
                "actors": ["Westbridge transit authority", "drivers' union"],
                "targets": [],
                "location": "Westbridge",
                "time": "shortly before midnight",
                "killed": None,
                "injured": None,
            },
        ],
        "claims": [
            {
                "sentence": n("About 38,000 people"),
                "text": "About 38,000 people use the network on a typical weekday",
                "statement": "The bus network carries about 38,000 people on a weekday.",
                "claimant": "transit authority",
                "kind": "reported",
            },
        ],
        "quotes": [
            quote(
                doc,
                "We came to the table with a serious offer and they sent us home with nothing,",
                "direct",
                "Maria Okonkwo",
                "she",
                "told",
            ),
            quote(
                doc,
                "drivers would stay off the roads until the authority agreed to limit split shifts",
                "indirect",
                "Maria Okonkwo",
                "She",
                "said",
            ),
            quote(
                doc,
                "The offer we put forward on Sunday is the most generous this authority has "
                "ever made,",
                "direct",
                "Graham Pell",
                "he",
                "said",
            ),
            quote(
                doc,
                "as far as the budget can stretch",
                "partial",
                "Graham Pell",
                "He",
                "added",
                "as far as the budget",
            ),
            quote(
                doc,
                "Every day without buses costs this city's shops and workers money they cannot "
                "get back,",
                "direct",
                "Lucia Ferrante",
                "Ferrante",
                "said",
            ),
            quote(
                doc,
                "I understand why they are striking. I just wish somebody would remember the "
                "people at the bus stops,",
                "direct",
                "Priya Nair",
                "she",
                "said",
            ),
        ],
    }


def flood_answer() -> dict[str, Any]:
    """A quote nesting another (single marks inside double), and one running over two
    paragraphs (one item per paragraph, as the prompt asks)."""
    doc = document(FLOOD)
    n = lambda phrase: number(doc, phrase)  # noqa: E731
    return {
        "summary": {
            "headline": "Firefighter tells Aldwick inquiry he was warned before the dam failed",
            "text": "A firefighter told the public inquiry into the Aldwick flood that a control "
            "room manager warned him of the failing spillway hours before the dam gave way. Two "
            "people died.",
            "key_points": [n("A firefighter who led"), n("Two people died")],
        },
        "events": [
            {
                "description": "The Aldwick dam fails and floods the village",
                "type": "disaster",
                "sentences": [n("46 residents"), n("Two people died")],
                "trigger": "arrived",
                "actors": [],
                "targets": ["Aldwick"],
                "location": "Aldwick",
                "time": "shortly after 11 pm",
                "killed": 2,
                "injured": 17,
            },
        ],
        "claims": [
            {
                "sentence": n("46 residents"),
                "text": "his crew evacuated 46 residents from the lower streets",
                "statement": "Wren's crew evacuated 46 residents before the flood.",
                "claimant": "Tomasz Wren",
                "kind": "reported",
            },
        ],
        "quotes": [
            quote(
                doc,
                "The duty manager rang me and said, 'The spillway is moving, get your people to "
                "the high road,' and then the line went dead,",
                "direct",
                "Tomasz Wren",
                "Wren",
                "told",
            ),
            quote(
                doc,
                "I have gone over that night a hundred times. We knocked on every door on Mill "
                "Lane and Brook Street, and most people came with us straight away.",
                "direct",
                "Tomasz Wren",
                "Wren",
                "said",
                "I have gone over",
            ),
            quote(
                doc,
                "The ones who stayed told us the council had said there was nothing to worry "
                "about. Some of them said, 'We were told this would never happen here.'",
                "direct",
                "Tomasz Wren",
                "Wren",
                "said",
                "The ones who stayed",
            ),
            quote(
                doc,
                "it was co-operating fully and would not comment while the hearings continued",
                "indirect",
                "Northvale Water",
                "the company",
                "said",
            ),
        ],
    }
