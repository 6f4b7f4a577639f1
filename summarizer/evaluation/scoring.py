"""Scoring predicted attributions against gold ones, as the issues define it.

A prediction matches a gold item when their overlap is at least half of the shorter of the two
(discontinuous gold content counts all its pieces). Precision counts predictions that match some
gold item, recall counts gold items matched by some prediction: a quote interrupted by its
attribution may be predicted as two pieces that both match one gold item. A matched prediction's
speaker is right when its mention overlaps the gold source (or both have none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarizer.evaluation.gold import GoldAttribution, Range

Metrics = dict[str, float | int]


def _overlap(a: Sequence[Range], b: Sequence[Range]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(a: Sequence[Range]) -> int:
    return sum(e - s for s, e in a)


def matches(pred: GoldAttribution, gold: GoldAttribution) -> bool:
    """Content overlap of at least half of the shorter span."""
    shared = _overlap(pred.content, gold.content)
    return shared > 0 and 2 * shared >= min(_length(pred.content), _length(gold.content))


def speaker_right(pred: GoldAttribution, gold: GoldAttribution) -> bool:
    if not gold.source:
        return not pred.source
    return _overlap(pred.source, gold.source) > 0


def dedupe(items: Iterable[GoldAttribution]) -> list[GoldAttribution]:
    """Drop items repeating an earlier one (a reported claim restating its quote)."""
    kept: list[GoldAttribution] = []
    for item in items:
        if not any(matches(item, k) for k in kept):
            kept.append(item)
    return kept


@dataclass
class Tally:
    """Counts behind precision, recall, F1 and speaker accuracy, summed over articles."""

    pred: int = 0
    gold: int = 0
    pred_matched: int = 0
    gold_matched: int = 0
    pred_speaker: int = 0
    gold_speaker: int = 0

    def add(self, preds: Sequence[GoldAttribution], golds: Sequence[GoldAttribution]) -> None:
        self.pred += len(preds)
        self.gold += len(golds)
        for p in preds:
            hits = [g for g in golds if matches(p, g)]
            self.pred_matched += bool(hits)
            self.pred_speaker += any(speaker_right(p, g) for g in hits)
        for g in golds:
            hits = [p for p in preds if matches(p, g)]
            self.gold_matched += bool(hits)
            self.gold_speaker += any(speaker_right(p, g) for p in hits)

    def prf(self, speaker: bool = False) -> Metrics:
        tp_pred = self.pred_speaker if speaker else self.pred_matched
        tp_gold = self.gold_speaker if speaker else self.gold_matched
        p = tp_pred / self.pred if self.pred else 0.0
        r = tp_gold / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "predicted": self.pred,
            "gold": self.gold,
            "predicted_matched": tp_pred,
            "gold_matched": tp_gold,
        }

    def speaker_accuracy(self) -> Metrics:
        acc = self.pred_speaker / self.pred_matched if self.pred_matched else 0.0
        return {"accuracy": round(acc, 4), "right": self.pred_speaker, "matched": self.pred_matched}


def score_attributions(
    pairs: Iterable[tuple[Sequence[GoldAttribution], Sequence[GoldAttribution]]],
) -> dict[str, Metrics]:
    """The report's sections from (predicted, gold) attributions per article."""
    quotes, everything = Tally(), Tally()
    for preds, golds in pairs:
        quotes.add([p for p in preds if p.is_quote], [g for g in golds if g.is_quote])
        everything.add(dedupe(preds), golds)
    return {
        "quotes": quotes.prf(),
        "speaker": quotes.speaker_accuracy(),
        "quotes_with_speaker": quotes.prf(speaker=True),
        "attributions": everything.prf(),
        "attributions_speaker": everything.speaker_accuracy(),
    }
