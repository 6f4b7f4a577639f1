"""The model's attribute rules (tag to part of speech and morphology, lemma exceptions), applied
by table look-up instead of spaCy's ``Matcher``.

In ``en_core_web_sm`` the ``attribute_ruler`` costs most of what the parser costs, for a few
hundred one-token rules. The same rules in the same order (a later rule wins) fold into one
answer per (tag, word, dependency, is-space) and are looked up per token; the handful of
two-token rules ("gon na", "ai n't") are checked where their first word occurs.
``tests/test_nlp.py`` checks the result equals spaCy's component.
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
    return lambda key: all(check(key[i]) for i, check in checks)


def _on_token(pattern: dict[str, Any]) -> Test:
    checks = [(_GETTERS[k], _accepts(v)) for k, v in pattern.items()]
    return lambda t: all(check(get(t)) for get, check in checks)


class FastAttributeRuler:
    """A callable pipeline component equivalent to a loaded spaCy ``AttributeRuler``.

    One-token rules are filed under the tag and the word they need (when they name them), so a
    new (tag, word, dependency, space) combination is tested against a few rules, not all.
    """

    def __init__(self, patterns: list[dict[str, Any]], morph_key: Callable[[str], int]) -> None:
        self.filed: dict[tuple[str | None, str | None], list[Single]] = {}
        self.multi: list[Multi] = []
        self.morph_key = morph_key
        self.patterns = patterns
        for order, entry in enumerate(patterns):
            attrs = dict(entry["attrs"])
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    rule = (order, _on_key(pattern[0]), attrs)
                    tags = _closed(pattern[0].get("TAG")) or {None}
                    lowers = _closed(pattern[0].get("LOWER")) or {None}
                    for tag in tags:
                        for lower in lowers:
                            self.filed.setdefault((tag, lower), []).append(rule)
                else:
                    index = entry.get("index", 0)
                    index = index if index >= 0 else len(pattern) + index
                    tests = tuple(_on_token(p) for p in pattern)
                    self.multi.append((order, _on_key(pattern[0]), tests, index, attrs))
        self.cache: dict[Key, list[tuple[int, dict[str, Any]]]] = {}
        self.starts: dict[Key, tuple[Multi, ...]] = {}

    def _rules(self, key: Key) -> list[tuple[int, dict[str, Any]]]:
        found = self.cache.get(key)
        if found is None:
            tag, lower = key[0], key[1]
            candidates = [
                *self.filed.get((tag, lower), []),
                *self.filed.get((tag, None), []),
                *self.filed.get((None, lower), []),
                *self.filed.get((None, None), []),
            ]
            found = sorted(((o, a) for o, test, a in candidates if test(key)), key=lambda r: r[0])
            self.cache[key] = found
        return found

    def _multi_matches(
        self, doc: Doc, keys: list[Key]
    ) -> dict[int, list[tuple[int, dict[str, Any]]]]:
        extra: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        for start, key in enumerate(keys):
            rules = self.starts.get(key)
            if rules is None:
                rules = self.starts[key] = tuple(r for r in self.multi if r[1](key))
            for order, _, tests, index, attrs in rules:
                if start + len(tests) <= len(doc) and all(
                    test(doc[start + k]) for k, test in enumerate(tests)
                ):
                    extra.setdefault(start + index, []).append((order, attrs))
        return extra

    def __call__(self, doc: Doc) -> Doc:
        keys = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        extra = self._multi_matches(doc, keys) if self.multi else {}
        for i, key in enumerate(keys):
            rules = self._rules(key)
            more = extra.get(i)
            if more:
                rules = sorted([*rules, *more], key=lambda r: r[0])
            if rules:
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
