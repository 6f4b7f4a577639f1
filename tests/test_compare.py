"""``regression.compare``: hand-made pairs of records of one article, what differs worked by hand."""

from __future__ import annotations

import copy

from diff_records import TEXT, party, record, span

from summarizer.regression.compare import compare, norm_name


def test_identical_records_do_not_differ_and_score_one() -> None:
    diff = compare(record(), record(), id="port")
    assert not diff.differs and diff.missing is None
    assert (diff.quotes.matched, diff.quotes.f1, diff.events.f1) == (2, 1.0, 1.0)
    assert diff.to_json()["quotes"] == {
        "added": [],
        "removed": [],
        "changed": [],
        "matched": 2,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


def test_a_removed_quote_lowers_recall_not_precision() -> None:
    b = record()
    removed = b["quotes"].pop(1)
    diff = compare(record(), b, id="port")
    assert diff.differs
    assert diff.quotes.removed == [removed] and diff.quotes.added == []
    assert (diff.quotes.precision, diff.quotes.recall) == (1.0, 0.5)
    assert not diff.claims.differs and not diff.events.differs


def test_speaker_changed_and_name_tolerance() -> None:
    b = record()
    b["quotes"][0]["speaker"] = party("Officials", "Officials")
    b["quotes"][1]["speaker"] = party("  nasser   KANAANI ", "Kanaani")  # the same name
    diff = compare(record(), b, id="port")
    (changed,) = diff.quotes.changed
    assert changed.fields == ["speaker"]
    assert changed.a["speaker"]["name"] == "Nasser Kanaani"
    assert changed.b["speaker"]["name"] == "Officials"
    assert diff.quotes.f1 == 1.0  # still the same items: scores count pairs, not field values
    assert norm_name("The Foreign Ministry") == norm_name("foreign  ministry") == "foreign ministry"


def test_event_casualties_and_actors_changed() -> None:
    b = record()
    b["events"][0]["casualties"] = {"killed": 3, "injured": None}
    b["events"][0]["targets"] = [party("Port")]  # "the port" == "Port": not a change
    b["events"][0]["actors"] = [party("Israel")]
    (changed,) = compare(record(), b, id="port").events.changed
    assert changed.fields == ["actors", "casualties"]
    assert (changed.a["casualties"]["killed"], changed.b["casualties"]["killed"]) == (2, 3)


def test_a_quote_split_in_two_is_one_change_and_one_addition() -> None:
    a = record()
    whole = copy.deepcopy(a)
    first = span("We will respond,")
    whole["quotes"] = [
        {
            **a["quotes"][0],
            "start": first["start"],
            "end": TEXT.index("time.") + 5,
            "text": "We will respond, at the right time.",
            "parts": [first, span("at the right time.")],
        },
    ]
    diff = compare(whole, a, id="port")  # A has one item in two parts; B has two pieces
    assert diff.quotes.matched == 1 and len(diff.quotes.added) == 1
    assert set(diff.quotes.changed[0].fields) == {"text", "span"}
    assert (diff.quotes.precision, diff.quotes.recall) == (0.5, 1.0)


def test_moved_text_pairs_by_words_and_a_pure_move_is_not_a_change() -> None:
    shifted = "Updated: a new first line was added above the story.\n\n" + TEXT
    b = record(shifted)
    diff = compare(record(), b, id="port")
    assert not diff.differs  # every item moved 55 characters, none changed its words
    assert diff.quotes.matched == 2 and diff.events.matched == 1
    # Within one text, the same words at other offsets are another stretch of it: "span".
    c = record()
    c["quotes"][0]["start"] += 1
    c["quotes"][0]["end"] += 1
    (changed,) = compare(record(), c, id="port").quotes.changed
    assert changed.fields == ["span"]


def test_text_whitespace_and_quote_marks_are_tolerated_kind_and_cue_are_not() -> None:
    b = record()
    b["claims"][0]["text"] = "the  talks had\nfailed"
    b["claims"][0]["statement"] = "A paraphrase is not compared"
    b["quotes"][0]["kind"] = "partial"
    b["quotes"][1]["cue"] = None
    diff = compare(record(), b, id="port")
    assert not diff.claims.differs
    assert [c.fields for c in diff.quotes.changed] == [["kind"], ["cue"]]


def test_article_missing_on_one_side_or_failed() -> None:
    only_a = compare(record(), None, id="port")
    assert only_a.missing == "b" and only_a.differs
    assert len(only_a.quotes.removed) == 2 and only_a.quotes.recall == 0.0
    failed = {"id": "port", "status": "error", "error": "timeout"}
    only_b = compare(failed, record(), id="port")
    assert only_b.missing == "a" and len(only_b.events.added) == 1
    assert only_b.to_json()["missing"] == "a" and only_b.to_json()["differs"] is True
    both = compare(failed, None, id="port")
    assert both.missing is None and not both.differs


def test_an_event_with_another_type_at_the_same_trigger_is_changed_not_replaced() -> None:
    b = record()
    b["events"][0]["type"] = "killing"
    (changed,) = compare(record(), b, id="port").events.changed
    assert changed.fields == ["type"]
