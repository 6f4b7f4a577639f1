"""Prompt templates (``prompts/<version>.system.txt`` and ``.user.txt``) and the numbered article.

The templates live at the top of the repository in ``prompts/``; the wheel ships them as
``summarizer/prompts`` (pyproject force-include), so both places are searched. Changing a
template's wording means a new version file: ``Draft.prompt_version`` names the one used.

instructor renders every message as a Jinja template when ``context=`` is given, so the article
is never pasted into the template text (its braces would vanish, ``{%`` would raise): the user
template says ``{{ article }}`` and the article arrives as that variable.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from summarizer.backends.llm.response import settled
from summarizer.document import Document
from summarizer.errors import ConfigError
from summarizer.models import Quote
from summarizer.spans import shorten

PROMPT_VERSION = "extract-v2"
# The candidates-mode templates' own revision (read only under ``--assist``), in assisted runs'
# cache keys: 2 asks for the candidates code got wrong only, not one attribution each; 3 moves
# the instructions into the system message (the cached prefix), lists each candidate by its first
# words and bounds the answer in its schema (``response.AssistedExtraction``); 4 lists only the
# candidates code could not attribute and leaves the summary to code (``Document.code_summary``).
ASSIST_REVISION = 4
# How much of a candidate's words the list shows: the article above holds them all.
CANDIDATE_CHARS = 60
# The answer's token budget: a fixed part (summary, framing) and a part per sentence shown.
ANSWER_TOKENS_BASE = 400
ANSWER_TOKENS_PER_SENTENCE = 40
ANSWER_TOKENS_MAX = 4096
_PACKAGE = Path(__file__).resolve().parents[2]
_PLACES = (_PACKAGE / "prompts", _PACKAGE.parent / "prompts")


@lru_cache(maxsize=8)
def template(version: str, part: str) -> str:
    """The text of ``prompts/<version>.<part>.txt`` (part: "system" or "user")."""
    name = f"{version}.{part}.txt"
    for place in _PLACES:
        path = place / name
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    raise ConfigError(
        f"prompt template {name} is missing (looked in {', '.join(map(str, _PLACES))})"
    )


def numbered(doc: Document) -> str:
    """The document's sentences, one per line as "[n] text", paragraphs apart by a blank line.

    Only ``doc.sentences`` are shown (a chunk of a long article sees only its own part), and
    furniture never appears; the numbers are what the model cites.
    """
    lines: list[str] = []
    paragraph = 0
    for n, (start, end) in enumerate(doc.sentences, 1):
        moved = False
        while paragraph < len(doc.paragraphs) and doc.paragraphs[paragraph][1] <= start:
            paragraph += 1
            moved = True
        if moved and lines:
            lines.append("")
        lines.append(f"[{n}] " + " ".join(doc.text[start:end].split()))
    return "\n".join(lines)


def messages(version: str = PROMPT_VERSION, *, assist: bool = False) -> list[dict[str, str]]:
    """The chat messages, with ``{{ article }}`` (and ``{{ candidates }}`` when code found the
    quotes, ``assist``) still to be filled in by instructor. The fixed part (instructions, the
    candidates mode's own among them; the schema, which the client adds to the system message or
    the tools) comes first and the article last, so a server's prompt cache reuses the prefix."""
    system = template(version, "system")
    if assist:
        system += "\n\n" + template(version, "assist-rules")
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": template(version, "assist" if assist else "user")},
    ]


def candidates(doc: Document, found: list[Quote]) -> str:
    """The candidate quotes code could not attribute, as the prompt lists them: "[n] sentence
    s, kind, cue, guess: first words", numbered in the list of all candidates; "none" when
    there is none (the request keeps the candidates mode's shape). A candidate code attributed
    is not listed (``response.settled``): the model writes nothing about it."""
    starts = [s for s, _ in doc.sentences]
    lines = []
    for n, q in enumerate(found, 1):
        if settled(q):
            continue
        sentence = max(1, bisect_right(starts, q.start))
        cue = f", cue {q.cue.text!r}" if q.cue else ""
        guess = f", code's guess {q.speaker.name!r}" if q.speaker else ""
        lines.append(
            f"[{n}] sentence {sentence}, {q.kind}{cue}{guess}: {shorten(q.text, CANDIDATE_CHARS)}"
        )
    return "\n".join(lines) or "none"


def follow_up(
    part: str, version: str = PROMPT_VERSION, *, assist: bool = False
) -> list[dict[str, str]]:
    """A re-ask: the first request's messages unchanged (a prompt cache reuses them whole) and
    one more from ``prompts/<version>.<part>.txt`` ("reask": only the items that did not ground;
    "retry": why the answer was unusable), with ``{{ problems }}`` to fill in. The first answer
    is not sent back, so a cut-off answer never is and the request stays within the context."""
    return [*messages(version, assist=assist), {"role": "user", "content": template(version, part)}]


def answer_tokens(doc: Document, override: int | None = None) -> int:
    """The ``max_tokens`` of an answer: from the number of sentences shown (an answer cites and
    copies from them), bounded; ``override`` (``--max-tokens``) wins."""
    if override:
        return override
    budget = ANSWER_TOKENS_BASE + ANSWER_TOKENS_PER_SENTENCE * len(doc.sentences)
    return min(ANSWER_TOKENS_MAX, budget)
