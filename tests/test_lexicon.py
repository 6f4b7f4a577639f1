"""The rules' word lists are looked up by lower-case lemma, so they must be written that way."""

from __future__ import annotations

from summarizer.backends.rules import lexicon
from summarizer.backends.rules.lexicon import events, speech

_TYPES = {"attack", "killing", "injury", "arrest", "statement", "meeting", "protest"}
_TYPES |= {"deployment", "other"}


def _word_lists() -> dict[str, frozenset[str]]:
    return {
        name: frozenset(value)
        for module in (events, speech)
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, (frozenset, dict)) and not name.endswith("LABELS")
    }


def test_every_entry_is_one_lower_case_word() -> None:
    lists = _word_lists()
    assert "SPEECH_VERBS" in lists and "EVENT_NOUNS" in lists
    for name, words in lists.items():
        bad = [w for w in words if w != w.lower() or not w or " " in w]
        assert bad == [], name


def test_event_words_map_to_the_event_types() -> None:
    for table in (events.EVENT_VERBS, events.EVENT_NOUNS, events.EVENT_ADJECTIVES):
        assert set(table.values()) <= _TYPES


def test_a_word_list_is_written_as_one_string() -> None:
    assert lexicon.lexicon("say\n  tell add ") == frozenset({"say", "tell", "add"})


def test_kinds_map_each_word_to_its_event_type() -> None:
    assert lexicon.kinds("arrest", "arrest detain") == {"arrest": "arrest", "detain": "arrest"}
