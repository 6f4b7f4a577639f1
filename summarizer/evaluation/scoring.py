"""Scoring predicted attributions against gold ones, as the issues define it.

Predictions pair with gold items one-to-one through ``matching.pair`` (overlap at least half of
the shorter, all parts of a discontinuous item counted, best overlap first): a quote predicted
as two pieces gives one true positive and one false positive. A paired prediction's speaker is
right when its mention overlaps the gold source (or both have none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarizer.evaluation import matching
from summarizer.evaluation.gold import GoldAttribution

Metrics = dict[str, float | int]


def matches(pred: GoldAttribution, gold: GoldAttribution) -> bool:
    """Content overlap of at least half of the shorter span."""
    return matching.matches(pred.content, gold.content)


def speaker_right(pred: GoldAttribution, gold: GoldAttribution) -> bool:
    if not gold.source:
        return not pred.source
    return matching.overlap(pred.source, gold.source) > 0


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
    matched: int = 0
    speaker: int = 0

    def add(self, preds: Sequence[GoldAttribution], golds: Sequence[GoldAttribution]) -> None:
        self.pred += len(preds)
        self.gold += len(golds)
        pairs = matching.pair([p.content for p in preds], [g.content for g in golds])
        self.matched += len(pairs)
        self.speaker += sum(speaker_right(preds[i], golds[j]) for i, j in pairs)

    def prf(self, speaker: bool = False) -> Metrics:
        """P/R/F1 over one-to-one pairs; ``speaker`` counts a pair only when its speaker is right."""
        return matching.prf(self.speaker if speaker else self.matched, self.pred, self.gold)

    def speaker_accuracy(self) -> Metrics:
        acc = self.speaker / self.matched if self.matched else 0.0
        return {"accuracy": round(acc, 4), "right": self.speaker, "matched": self.matched}


def score_attributions(
    pairs: Iterable[tuple[Sequence[GoldAttribution], Sequence[GoldAttribution]]],
) -> dict[str, Metrics]:
    """The report's sections from (predicted, gold) attributions per article, one-to-one."""
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
