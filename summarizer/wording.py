"""What the words of a text are: numbers, proper names, reporting verbs.

Grounding uses these to check what a backend wrote in its own words (a headline, a summary, an
event's description, a claim's paraphrase): it may paraphrase, but every number and every proper
name in it must occur in the article. A number counts as present as digits or as words ("20" or
"twenty"); a name counts when the article has it as a word, or a word it starts (Iran for
"Iranian") or that starts it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.spans import fold, fold_marks


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
# ISO dates (code resolves those from the article's time words) and clock times: not counts.
_DATE_OR_TIME = re.compile(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}:\d\d\b")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_JOINS = re.compile(r"[-']")  # what joins the parts of a word ("Abu-Dhabi", "O'Brien")
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
        for part in word.split("-"):
            if part in _WORD_VALUES and part not in ("zero", "hundred", "thousand", "million"):
                found.append(part)
    return found


@lru_cache(maxsize=64)
def _vocabulary(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of ``text`` (folded), as written and lower-cased. Runs on every article
    grounded, so each distinct word is looked at once and only words with a hyphen or an
    apostrophe are split."""
    words = set()
    for w in set(_WORD.findall(fold_marks(text))):
        words.add(w.strip("'-"))
        if "-" in w or "'" in w:
            words.update(p for p in _JOINS.split(w) if p)
        else:
            words.add(w)
    return frozenset(words), frozenset(w.lower() for w in words)


@lru_cache(maxsize=64)
def _digits(text: str) -> frozenset[str]:
    text = _DATE_OR_TIME.sub(" ", text)
    raw = {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    return frozenset(raw | {f"{float(r):g}" for r in raw if "." in r})  # "16.50" states 16.5


def has_number(value: int | float | str, text: str) -> bool:
    """True when ``text`` states ``value`` as digits or as words."""
    _, lower = _vocabulary(text)
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
    folded = fold(text).text
    for m in _WORD.finditer(folded):
        word = re.split(r"'", m.group().strip("'-"))[0]
        if (
            not word[:1].isupper()
            or len(word) < 2
            or (word.lower() in _COMMON and not word.isupper())
        ):
            continue
        before = folded[: m.start()].rstrip()
        if before and before[-1] not in _OPENING:
            found.append(word)
    return found


def has_name(word: str, text: str) -> bool:
    """True when ``text`` has ``word`` (or each part of a hyphenated one) as a capitalised word
    (or in capitals), or a word it starts or that starts it, four letters at least ("Iranian" /
    "Iran")."""
    exact, _ = _vocabulary(text)
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


def unfounded(free_text: str, source: str) -> list[str]:
    """The numbers and names in ``free_text`` that ``source`` does not have, as written."""
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
