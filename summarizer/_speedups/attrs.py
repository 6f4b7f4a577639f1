"""The model's attribute rules (tag to part of speech and morphology, lemma exceptions), applied
by table look-up instead of spaCy's ``Matcher``.

In ``en_core_web_sm`` the ``attribute_ruler`` costs most of what the parser costs, for a few
hundred one-token rules. The same rules in the same order (a later rule wins) fold into one
answer per (tag, word, dependency, is-space), read from the tokens' ids (``Doc.to_array``) and
written back in one ``Doc.from_array``; the handful of two-token rules ("gon na", "ai n't") are
checked where their first word occurs. A new word is tested only against the rules that read
the word: in a fresh process every article brings new words (17,000 keys on PolNeAR dev's 84
articles), and testing every rule again for each was most of the component's time.
``tests/test_speedups_spacy_swaps.py`` checks the result equals spaCy's component.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Test = Callable[["Token"], bool]
Key = tuple[str, str, str, bool]
# A one-token rule: its order, its test and its attributes.
Single = tuple[int, Callable[[Key], bool], dict[str, Any]]
# A rule over several tokens: order, test of its first token, tests of all, target, attributes.
Multi = tuple[int, Callable[[Key], bool], tuple["Test", ...], int, dict[str, Any]]
# What one token key (as ids) gets, worked out once (``_folded``): its one-token rules in order,
# the several-token rules that may start there, and the final (part of speech, morphology, lemma)
# ids, None each when unset (None for all: the token is done token by token).
Folded = tuple[list[tuple[int, dict[str, Any]]], tuple[Multi, ...], "tuple[int | None, ...] | None"]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_GETTERS: dict[str, Callable[[Token], object]] = {
    "TAG": attrgetter("tag_"),
    "LOWER": attrgetter("lower_"),
    "DEP": attrgetter("dep_"),
    "IS_SPACE": attrgetter("is_space"),
}


def _accepts(want: Any) -> Callable[[object], bool]:
    if isinstance(want, dict):
        if "IN" in want:
            allowed = frozenset(want["IN"])
            return lambda v: v in allowed
        if "NOT_IN" in want:
            banned = frozenset(want["NOT_IN"])
            return lambda v: v not in banned
        if "REGEX" in want:
            rx = re.compile(want["REGEX"])
            return lambda v: bool(rx.search(str(v)))
        raise ValueError(f"unsupported attribute rule operator {want}")
    return lambda v: v == want


def _closed(want: Any) -> set[str | None] | None:
    """The only values a test can accept, when it names them."""
    if isinstance(want, str):
        return {want}
    if isinstance(want, dict) and "IN" in want:
        return set(want["IN"])
    return None


def _on_key(pattern: dict[str, Any]) -> Callable[[Key], bool]:
    checks = [(_FIELDS[k], _accepts(v)) for k, v in pattern.items()]
    if len(checks) == 1:  # most rules: one test, called once per new word
        ((i, check),) = checks
        return lambda key: check(key[i])

    def test(key: Key) -> bool:
        return all(check(key[i]) for i, check in checks)

    return test


def _on_token(pattern: dict[str, Any]) -> Test:
    checks = [(_GETTERS[k], _accepts(v)) for k, v in pattern.items()]
    return lambda t: all(check(get(t)) for get, check in checks)


class FastAttributeRuler:
    """A callable pipeline component equivalent to a loaded spaCy ``AttributeRuler``.

    One-token rules are filed under the tag and the word they need (when they name them); those
    that do not read the word are answered once per (tag, dependency, space). So a new (tag,
    word, dependency, space) combination is tested against a few rules, not all.
    """

    def __init__(self, patterns: list[dict[str, Any]], morph_key: Callable[[str], int]) -> None:
        self.filed: dict[tuple[str | None, str | None], list[Single]] = {}
        self.wordless: dict[str | None, list[Single]] = {}  # rules that do not read the word
        self.multi: dict[str | None, list[Multi]] = {}  # by the first word, when they name it
        self.morph_key = morph_key
        self.patterns = patterns
        for order, entry in enumerate(patterns):
            attrs = dict(entry["attrs"])
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    rule = (order, _on_key(pattern[0]), attrs)
                    tags = _closed(pattern[0].get("TAG")) or {None}
                    if "LOWER" not in pattern[0]:
                        for tag in tags:
                            self.wordless.setdefault(tag, []).append(rule)
                        continue
                    lowers = _closed(pattern[0].get("LOWER")) or {None}
                    for tag in tags:
                        for lower in lowers:
                            self.filed.setdefault((tag, lower), []).append(rule)
                else:
                    index = entry.get("index", 0)
                    index = index if index >= 0 else len(pattern) + index
                    tests = tuple(_on_token(p) for p in pattern)
                    several = (order, _on_key(pattern[0]), tests, index, attrs)
                    for lower in _closed(pattern[0].get("LOWER")) or {None}:
                        self.multi.setdefault(lower, []).append(several)
        self.general: dict[tuple[str, str, bool], list[tuple[int, dict[str, Any]]]] = {}
        self.folded: dict[tuple[int, ...], Folded] = {}
        from spacy.parts_of_speech import IDS

        self.pos_ids: dict[str, int] = dict(IDS)

    def _rules(self, key: Key) -> list[tuple[int, dict[str, Any]]]:
        tag, lower = key[0], key[1]
        candidates = [
            *self.filed.get((tag, lower), []),
            *self.filed.get((tag, None), []),
            *self.filed.get((None, lower), []),
            *self.filed.get((None, None), []),
        ]
        worded = [(o, a) for o, test, a in candidates if test(key)]
        return sorted([*self._wordless(key), *worded], key=lambda r: r[0])

    def _wordless(self, key: Key) -> list[tuple[int, dict[str, Any]]]:
        """The rules that do not read the word, by (tag, dependency, space): most of them, and
        every new word would otherwise test them all again."""
        unworded = (key[0], key[2], key[3])
        found = self.general.get(unworded)
        if found is None:
            candidates = [*self.wordless.get(key[0], []), *self.wordless.get(None, [])]
            found = self.general[unworded] = [(o, a) for o, test, a in candidates if test(key)]
        return found

    def _multi_matches(
        self, doc: Doc, keys: list[tuple[Multi, ...]], at: list[int]
    ) -> dict[int, list[tuple[int, dict[str, Any]]]]:
        """The several-token rules matching from positions ``at`` (``keys``: the rules that may
        start at each)."""
        extra: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        for start, starting in zip(at, keys, strict=True):
            for order, _, tests, index, attrs in starting:
                if start + len(tests) <= len(doc) and all(
                    test(doc[start + k]) for k, test in enumerate(tests)
                ):
                    extra.setdefault(start + index, []).append((order, attrs))
        return extra

    def _starts(self, key: Key) -> tuple[Multi, ...]:
        candidates = [*self.multi.get(key[1], []), *self.multi.get(None, [])]
        return tuple(r for r in candidates if r[1](key))

    def _folded(self, ids: tuple[int, ...], strings: Any) -> Folded:
        """What the rules for one token key (its tag, word, dependency and space, as ids)
        finally set (a later rule wins), as ids for ``Doc.from_array``; None when they set the
        tag or the dependency, which is done token by token."""
        found = self.folded.get(ids)
        if found is not None:
            return found
        key = (strings[ids[0]], strings[ids[1]], strings[ids[2]], bool(ids[3]))
        rules = self._rules(key)
        final: dict[str, Any] = {}
        for _, attrs in rules:
            final.update(attrs)
        values: tuple[int | None, ...] | None = None
        if "TAG" not in final and "DEP" not in final:
            values = (
                self.pos_ids[final["POS"]] if "POS" in final else None,
                self.morph_key(final["MORPH"]) if "MORPH" in final else None,
                strings.add(final["LEMMA"]) if "LEMMA" in final else None,
            )
        found = self.folded[ids] = (rules, self._starts(key), values)
        return found

    def __call__(self, doc: Doc) -> Doc:
        """One pass over the tokens' ids (``Doc.to_array``), the answers written back with
        ``Doc.from_array``; tokens a several-token rule starts at, and those whose rules set
        the tag or the dependency, go token by token as spaCy's component does."""
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        if not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        out = doc.to_array([POS, MORPH, LEMMA])
        slow: list[int] = []
        starts: list[int] = []
        start_keys: list[tuple[Multi, ...]] = []
        for i, row in enumerate(rows):
            _, starting, values = self._folded(tuple(row), strings)
            if starting:
                starts.append(i)
                start_keys.append(starting)
            if values is None:
                slow.append(i)
                continue
            for column, value in enumerate(values):
                if value is not None:
                    out[i, column] = value
        doc.from_array([POS, MORPH, LEMMA], out)  # type: ignore[arg-type]  # uint64 ids
        extra = self._multi_matches(doc, start_keys, starts) if starts else {}
        for i in sorted({*slow, *extra}):
            rules = sorted([*self.folded[tuple(rows[i])][0], *extra.get(i, [])], key=lambda r: r[0])
            token = doc[i]
            for _, attrs in rules:
                self._apply(token, attrs)
        return doc

    def _apply(self, token: Token, attrs: dict[str, Any]) -> None:
        for key, value in attrs.items():
            if key == "POS":
                token.pos_ = value
            elif key == "MORPH":
                token.set_morph(self.morph_key(value))  # type: ignore[attr-defined]
            elif key == "LEMMA":
                token.lemma_ = value
            elif key == "TAG":
                token.tag_ = value
            elif key == "DEP":
                token.dep_ = value
            else:
                raise ValueError(f"unsupported attribute {key}")
