"""What the words of a text are: numbers, proper names, reporting verbs.

Grounding uses these to check what a backend wrote in its own words (a headline, a summary, an
event's description, a claim's paraphrase): it may paraphrase, but every number and every proper
name in it must occur in the article. A number counts as present as digits or as words ("20" or
"twenty"); a name counts when the article has it as a word, or a word it starts (Iran for
"Iranian") or that starts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.spans import fold_marks


def _words(words: str) -> list[str]:
    """A word list written as one whitespace-separated string."""
    return words.split()


_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD_VALUES |= {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_COUNTS = frozenset(_WORD_VALUES) - {"zero", "hundred", "thousand", "million"}  # counted alone
# ISO dates (code resolves those from the article's time words) and clock times: not counts.
_DATE_OR_TIME = re.compile(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}:\d\d\b")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_JOINS = re.compile(r"[-']")  # what joins the parts of a word ("Abu-Dhabi", "O'Brien")
_IN_WORD = re.compile(r"[\w'\u2019-]")  # any character of a word after its first
# A name starts with a capital; these capitalised words are ordinary words at a sentence start.
_COMMON = frozenset(
    _words(
        """
    a an the this that these those it its he she they we i you his her their our my your
    in on at of for to from by with and or but as after before during while when where if
    there here what who which how why not no new us
    monday tuesday wednesday thursday friday saturday sunday
    """
    )
)
_OPENING = ".!?:;(\"'\u2014-"
# The commonest forms of the verbs news prose attributes words with ("X said that ...").
REPORTING = frozenset(
    _words(
        """
    say says said saying tell tells told telling add adds added claim claims claimed argue
    argued argues warn warned warns state stated states announce announced announces explain
    explained insist insisted note noted write wrote writes written report reported reports
    declare declared confirm confirmed confirms deny denied denies accuse accused accuses
    allege alleged alleges vow vowed vows promise promised pledge pledged threaten threatened
    urge urged ask asked asks call called calls describe described condemn condemned
    denounce denounced criticise criticised criticize criticized believe believes believed
    think thinks thought fear feared expect expects expected according suggest suggested
    stress stressed acknowledge acknowledged admit admitted reveal revealed indicate indicated
    tweet tweeted posted reply replied respond responded told maintain maintained estimate
    estimated predict predicted affirm affirmed reiterate reiterated
    """
    )
)


def number_words(n: int) -> set[str]:
    """How ``n`` may be written: digits (with and without thousands commas) and, below 100
    and for round hundreds and thousands, in words."""
    forms = {str(n), f"{n:,}"}
    if 0 <= n < 20:
        forms.add(_UNITS[n])
    elif n < 100:
        tens, unit = divmod(n, 10)
        forms.add(_TENS[tens - 2] + (f"-{_UNITS[unit]}" if unit else ""))
        forms.add(_TENS[tens - 2] + (f" {_UNITS[unit]}" if unit else ""))
    elif n % 1000 == 0 and n // 1000 < 20:
        forms.add(f"{_UNITS[n // 1000]} thousand")
    elif n % 100 == 0 and n // 100 < 20:
        forms.add(f"{_UNITS[n // 100]} hundred")
    if n == 12:
        forms.add("dozen")
    return forms


def numbers(text: str) -> list[int | float | str]:
    """The numbers ``text`` states, as digits or words ("20", "1,200", "twenty")."""
    found: list[int | float | str] = []
    text = _DATE_OR_TIME.sub(" ", text)
    for m in _NUMBER.finditer(text):
        raw = m.group().replace(",", "").rstrip(".")
        found.append(float(raw) if "." in raw else int(raw))
    for word in _WORD.findall(text.lower()):
        if "-" not in word:  # most words: one look-up
            if word in _COUNTS:
                found.append(word)
            continue
        found.extend(part for part in word.split("-") if part in _COUNTS)
    return found


@dataclass(frozen=True)
class Vocabulary:
    """The words of a text, as written and lower-cased (folded), and the text itself for what
    the sets cannot answer (its digits, numbers written in several words)."""

    text: str
    exact: frozenset[str]
    lower: frozenset[str]

    def plus(self, more: str) -> Vocabulary:
        """The vocabulary of ``self.text + "\\n" + more``: a line break ends every word, so it
        is the union of both, without looking at ``self.text`` again."""
        other = vocabulary(more)
        return Vocabulary(
            self.text + "\n" + more, self.exact | other.exact, self.lower | other.lower
        )


def _forms(word: str) -> tuple[str, ...]:
    """What one word found in a text adds to its vocabulary: the word without outer joins,
    and its parts when a hyphen or an apostrophe joins them."""
    if "-" in word or "'" in word:
        return (word.strip("'-"), *(p for p in _JOINS.split(word) if p))
    return (word,)


def _of_words(text: str, words: set[str]) -> Vocabulary:
    forms = {w for w in words if "-" not in w and "'" not in w}  # most words are their own form
    for w in words - forms:
        forms.update(_forms(w))
    return Vocabulary(text, frozenset(forms), frozenset(map(str.lower, forms)))


@lru_cache(maxsize=64)
def vocabulary(text: str) -> Vocabulary:
    """Every word of ``text`` (folded), each distinct word looked at once."""
    return _of_words(text, set(_WORD.findall(fold_marks(text))))


def _as_vocabulary(source: str | Vocabulary) -> Vocabulary:
    return source if isinstance(source, Vocabulary) else vocabulary(source)


class SentenceWords:
    """An article's words, sentence by sentence, each sentence looked at once: grounding asks
    for the vocabulary of many runs of sentences (a claim's, a speaker's), and each is then a
    union of sentences' words, not a new scan of the text."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self._folded = fold_marks(text)  # one character for one: offsets hold
        self._sentences = sentences
        self._pieces: dict[tuple[int, int], Vocabulary] = {}

    def run(self, first: int, last: int) -> Vocabulary:
        """The vocabulary of the text from sentence ``first``'s start to ``last``'s end, as
        ``vocabulary`` finds it."""
        spans = self._sentences
        lo, hi = spans[first][0], spans[last][1]
        tiles = [spans[first]]  # the sentences and what lies between them
        for k in range(first + 1, last + 1):
            tiles += [(spans[k - 1][1], spans[k][0]), spans[k]]
        # The tiles' words are the run's when they tile it and no tile boundary cuts a word.
        if (
            last < first
            or any(b < a for a, b in tiles)
            or any(self._cuts_word(a) for a, _ in tiles[1:])
        ):
            return vocabulary(self.text[lo:hi])
        if len(tiles) == 1:
            return self._piece(lo, hi)
        pieces = [self._piece(a, b) for a, b in tiles if not self._folded[a:b].isspace()]
        return Vocabulary(
            self.text[lo:hi],
            frozenset().union(*(p.exact for p in pieces)),
            frozenset().union(*(p.lower for p in pieces)),
        )

    def _piece(self, start: int, end: int) -> Vocabulary:
        key = (start, end)
        if key not in self._pieces:
            words = set(_WORD.findall(self._folded, start, end))
            self._pieces[key] = _of_words(self.text[start:end], words)
        return self._pieces[key]

    def _cuts_word(self, at: int) -> bool:
        """True when a cut at ``at`` falls between two characters a word may hold."""
        f = self._folded
        return 0 < at < len(f) and bool(_IN_WORD.match(f, at - 1)) and bool(_IN_WORD.match(f, at))


@lru_cache(maxsize=64)
def _digits(text: str) -> frozenset[str]:
    text = _DATE_OR_TIME.sub(" ", text)
    raw = {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    return frozenset(raw | {f"{float(r):g}" for r in raw if "." in r})  # "16.50" states 16.5


def has_number(value: int | float | str, source: str | Vocabulary) -> bool:
    """True when ``source`` states ``value`` as digits or as words."""
    words = _as_vocabulary(source)
    text, lower = words.text, words.lower
    if isinstance(value, str):
        n = _WORD_VALUES[value]
        return value in lower or str(n) in _digits(text)
    if isinstance(value, float):
        return f"{value:g}" in _digits(text) or str(value) in _digits(text)
    if str(value) in _digits(text):
        return True
    flat = " ".join(_WORD.findall(text.lower()))
    return any(
        (f in lower) if " " not in f and "-" not in f else (f in flat or f in text.lower())
        for f in number_words(value)
        if not f[0].isdigit()
    )


def names(text: str) -> list[str]:
    """The capitalised words of ``text`` that may be names, common words ("The", "On") and
    contractions' endings left out. A sentence's first word is capitalised anyway: it is left
    out too (the next word of a name that opens a sentence is still checked)."""
    found: list[str] = []
    folded = fold_marks(text)
    for m in _WORD.finditer(folded):
        if not m.group()[0].isupper():  # the word's first letter, which nothing strips
            continue
        word = m.group().strip("'-").split("'")[0]
        if len(word) < 2 or (word.lower() in _COMMON and not word.isupper()):
            continue
        before = m.start() - 1  # the last character before the word that is not a space
        while before >= 0 and folded[before].isspace():
            before -= 1
        if before >= 0 and folded[before] not in _OPENING:
            found.append(word)
    return found


def has_name(word: str, source: str | Vocabulary) -> bool:
    """True when ``source`` has ``word`` (or each part of a hyphenated one) as a capitalised word
    (or in capitals), or a word it starts or that starts it, four letters at least ("Iranian" /
    "Iran")."""
    exact = _as_vocabulary(source).exact
    parts = [p for p in re.split(r"[-']", word) if p] or [word]
    return all(_has_part(p, exact) for p in parts)


def _has_part(part: str, exact: frozenset[str]) -> bool:
    if part in exact or not part[:1].isupper() or part.upper() in exact:
        return True
    if len(part) < 4:
        return part.upper() in exact
    return any(
        len(w) >= 4 and w[:1].isupper() and (w.startswith(part) or part.startswith(w))
        for w in exact
    )


def unfounded(free_text: str, source: str | Vocabulary) -> list[str]:
    """The numbers and names in ``free_text`` that ``source`` does not have, as written."""
    source = _as_vocabulary(source)
    missing: list[str] = []
    for value in numbers(free_text):
        if not has_number(value, source):
            missing.append(value if isinstance(value, str) else f"{value:g}")
    for name in names(free_text):
        if not has_name(name, source) and name not in missing:
            missing.append(name)
    return missing


def reports_speech(text: str) -> bool:
    """True when ``text`` has a verb of saying or believing ("said", "according to")."""
    return any(w in REPORTING for w in _WORD.findall(text.lower()))
