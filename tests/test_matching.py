"""The one pairing rule shared by ``eval`` and ``diff``: hand-made spans, counted by hand."""

from __future__ import annotations

from summarizer.evaluation.matching import matches, pair, parts_of, prf
from summarizer.models import Quote, Span


def test_match_needs_half_of_the_shorter_summed_over_parts() -> None:
    assert matches([(0, 10)], [(5, 100)])  # 5 of the shorter 10
    assert not matches([(0, 10)], [(6, 100)])  # 4 of 10
    assert matches([(0, 4)], [(0, 2), (50, 60)])  # parts add up: 2 of the shorter 4
    assert matches([(0, 10), (20, 30)], [(5, 25)])  # 5 + 5 of 20 and 20
    assert not matches([(0, 10)], [(10, 20)])  # touching is not overlapping
    assert not matches([], [(0, 10)])


def test_a_quote_split_in_two_predictions_is_one_hit_and_one_false_positive() -> None:
    gold = [[(0, 30)]]
    preds = [[(0, 10)], [(12, 30)]]  # both would match the gold quote on their own
    assert all(matches(p, gold[0]) for p in preds)
    assert pair(preds, gold) == [(1, 0)]  # the bigger overlap claims it, the other is left over
    assert prf(len(pair(preds, gold)), len(preds), len(gold))["precision"] == 0.5


def test_one_prediction_over_two_gold_items_claims_only_one() -> None:
    preds = [[(0, 20)]]
    golds = [[(0, 8)], [(10, 20)]]
    assert pair(preds, golds) == [(0, 1)]  # 10 shared beats 8


def test_best_overlap_first_not_first_come() -> None:
    # Taken in text order, pred 0 would claim gold 0 and leave gold 1 unmatched; best overlap
    # first gives gold 0 to pred 1 (20 shared) and gold 1 to pred 0.
    preds = [[(10, 30)], [(0, 20)]]
    golds = [[(0, 22)], [(18, 30)]]
    assert sorted(pair(preds, golds)) == [(0, 1), (1, 0)]


def test_ties_go_to_the_tighter_pair_then_to_text_order() -> None:
    assert pair([[(0, 10)], [(0, 10)]], [[(0, 10)]]) == [(0, 0)]
    assert pair([[(0, 10)]], [[(0, 40)], [(0, 10)]]) == [(0, 1)]


def test_a_discontinuous_gold_item_is_matched_by_a_prediction_over_both_parts() -> None:
    gold = [[(1, 17), (30, 49)]]  # "We will respond," he said, "at the right time."
    assert pair([[(1, 49)]], gold) == [(0, 0)]  # 35 of 35 shared
    assert pair([[(1, 17)], [(30, 49)]], gold) == [(1, 0)]  # two pieces: one claims it


def test_allowed_rules_pairs_out_and_keys_pair_without_overlap() -> None:
    preds, golds = [[(0, 10)]], [[(0, 10)], [(2, 10)]]
    assert pair(preds, golds, allowed=lambda i, j: j == 1) == [(0, 1)]
    moved = [[(100, 110)], [(0, 10)]]
    # the same words moved by 100 characters pair with the item they were, not by overlap
    assert pair([[(0, 10)]], moved, keys=(["we will"], ["we will", "other"])) == [(0, 0)]
    # of two items with the same words, the nearer one; None never pairs by key
    twice = [[(300, 310)], [(120, 130)]]
    assert pair([[(100, 110)]], twice, keys=(["w"], ["w", "w"])) == [(0, 1)]
    assert pair([[(0, 10)]], moved, keys=([None], [None, None])) == [(0, 1)]


def test_parts_of_a_model_or_its_json() -> None:
    quote = Quote(text="We will", start=3, end=10, kind="direct")
    assert parts_of(quote) == [(3, 10)]
    assert parts_of(quote.model_dump()) == [(3, 10)]
    assert parts_of(Span(text="x", start=1, end=2)) == [(1, 2)]
    split = {"start": 0, "end": 30, "parts": [{"start": 0, "end": 5}, {"start": 20, "end": 30}]}
    assert parts_of(split) == [(0, 5), (20, 30)]
    assert parts_of({"text": "no offsets"}) == []


def test_prf_counts_pairs_once_on_each_side() -> None:
    assert prf(1, 2, 1) == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": round(2 / 3, 4),
        "predicted": 2,
        "gold": 1,
        "matched": 1,
    }
    assert prf(0, 0, 0)["f1"] == 0.0
