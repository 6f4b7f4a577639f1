"""What a whole diff adds up to: articles that differ, and per kind the items added, removed and
changed, the fields that changed, and B's micro-averaged one-to-one P/R/F1 against A."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from summarizer.regression.compare import KINDS, ArticleDiff, KindDiff, scores


@dataclass
class KindTotal:
    added: int = 0
    removed: int = 0
    changed: int = 0
    matched: int = 0
    fields: Counter[str] = field(default_factory=Counter)

    def add(self, diff: KindDiff) -> None:
        self.added += len(diff.added)
        self.removed += len(diff.removed)
        self.changed += len(diff.changed)
        self.matched += diff.matched
        for c in diff.changed:
            self.fields.update(c.fields)

    def to_json(self) -> dict[str, Any]:
        in_a, in_b = self.matched + self.removed, self.matched + self.added
        p, r, f1 = scores(self.matched, in_b, in_a)
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "matched": self.matched,
            "in_a": in_a,
            "in_b": in_b,
            "precision": p,
            "recall": r,
            "f1": f1,
            "fields": dict(sorted(self.fields.items())),
        }


@dataclass
class Totals:
    """Summed over every article of a diff; ``errors_*``: bulk error lines (counted missing)."""

    articles: int = 0
    differing: int = 0
    missing_a: int = 0
    missing_b: int = 0
    errors_a: int = 0
    errors_b: int = 0
    kinds: dict[str, KindTotal] = field(default_factory=lambda: {k: KindTotal() for k in KINDS})

    def add(self, diff: ArticleDiff) -> None:
        self.articles += 1
        self.differing += diff.differs
        self.missing_a += diff.missing == "a"
        self.missing_b += diff.missing == "b"
        for k in KINDS:
            self.kinds[k].add(diff.kind(k))

    @property
    def differs(self) -> bool:
        return self.differing > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "differing": self.differing,
            "missing": {"a": self.missing_a, "b": self.missing_b},
            "errors": {"a": self.errors_a, "b": self.errors_b},
            **{k: t.to_json() for k, t in self.kinds.items()},
        }
