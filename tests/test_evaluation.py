"""Gold readers (PolNeAR brat, summarizer JSON) and the attribution scoring rules.

The brat files here are hand-written in PolNeAR's layout; the numbers asserted are worked out
by hand from the matching rule (overlap at least half of the shorter span).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evaluation import FORMATS, detect_format, jsongold, polnear
from summarizer.evaluation.gold import GoldAttribution
from summarizer.evaluation.scoring import dedupe, matches, score_attributions, speaker_right
from summarizer.loading import source_for
from summarizer.models import Claim, Extraction, Meta, Party, Quote, Span

TEXT = (
    "Title line\n\n"
    "\u201cWe will respond,\u201d Kanaani said, \u201cat the right time.\u201d\n\n"
    "Officials said the talks had failed.\n"
)
W = TEXT.index("We will")
R = TEXT.index("at the right")
K = TEXT.index("Kanaani")
OFF = TEXT.index("Officials")
T = TEXT.index("the talks")
ANN = (
    f"T1\tContent {W - 1} {W + 17};{R - 1} {R + 19}\t\u201cWe will respond,\u201d \u201cat the right time.\u201d\n"
    f"T2\tSource {K} {K + 7}\tKanaani\n"
    f"T3\tCue {K + 8} {K + 12}\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n"
    f"T5\tContent {T} {T + 20}\tthe talks had failed\n"
    f"T6\tSource {OFF} {OFF + 9}\tOfficials\n"
    "E2\tAttribution:T7 Content:T5 Source:T6\n"
    f"T8\tContent 0 5\tTitle\n"
    "E3\tAttribution-no-source:T9 Content:T8\n"
)


def brat(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_1111.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_2222.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_polnear_reader_uses_the_first_annotator_and_keeps_discontinuous_content(
    tmp_path: Path,
) -> None:
    (article,) = polnear.read(brat(tmp_path))
    assert article.name == "a" and article.text == TEXT
    quote, indirect, no_source = article.attributions
    assert quote.is_quote and len(quote.content) == 2
    assert TEXT[slice(*quote.source[0])] == "Kanaani"
    assert not indirect.is_quote and TEXT[slice(*indirect.content[0])] == "the talks had failed"
    assert no_source.source == ()


def test_detect_format_and_bad_gold_paths(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    assert detect_format(brat(tmp_path / "p")) == "polnear"
    assert set(FORMATS) >= {"polnear", "json"}
    with pytest.raises(InputError, match="no such gold"):
        detect_format(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="not a gold set"):
        detect_format(tmp_path / "empty")


def g(
    start: int, end: int, source: tuple[int, int] | None = None, quote: bool = True
) -> GoldAttribution:
    return GoldAttribution(((start, end),), (source,) if source else (), quote)


def test_match_needs_half_of_the_shorter_span() -> None:
    assert matches(g(0, 10), g(5, 100))  # 5 of the shorter 10
    assert not matches(g(0, 10), g(6, 100))  # 4 of 10
    assert matches(g(0, 4), GoldAttribution(((0, 2), (50, 60))))  # pieces add up: 2 of 4


def test_speaker_right_by_overlap_or_both_missing() -> None:
    assert speaker_right(g(0, 10, (20, 27)), g(0, 10, (22, 30)))
    assert not speaker_right(g(0, 10, (20, 22)), g(0, 10, (22, 30)))
    assert speaker_right(g(0, 10), g(0, 10))
    assert not speaker_right(g(0, 10, (1, 2)), g(0, 10))


def test_scores_worked_by_hand_one_to_one() -> None:
    gold = [g(0, 20, (30, 35)), g(40, 60, (70, 75)), g(100, 150, (160, 170), quote=False)]
    pred = [
        g(0, 8, (30, 33)),  # matches the first quote, right speaker
        g(12, 20, (80, 85)),  # the second piece of the same quote: claimed already, a FP
        g(200, 210, (0, 1)),  # matches nothing
        g(100, 140, (160, 161), quote=False),  # the indirect attribution
    ]
    report = score_attributions([(pred, gold)])
    q = report["quotes"]
    # Many-to-one would have counted both pieces as hits (precision 2/3).
    assert (q["predicted"], q["gold"], q["matched"]) == (3, 2, 1)
    assert q["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert q["recall"] == 0.5
    assert report["speaker"] == {"accuracy": 1.0, "right": 1, "matched": 1}
    assert report["quotes_with_speaker"]["matched"] == 1
    a = report["attributions"]
    assert (a["predicted"], a["gold"], a["matched"]) == (4, 3, 2)
    assert (a["precision"], a["recall"]) == (0.5, pytest.approx(2 / 3, abs=1e-4))


def test_the_bigger_piece_claims_the_quote_and_its_speaker_decides() -> None:
    gold = [g(0, 40, (50, 55))]
    pred = [g(0, 10, (50, 55)), g(12, 40, (60, 65))]  # right speaker on the smaller piece
    report = score_attributions([(pred, gold)])
    assert report["quotes"]["matched"] == 1
    assert report["speaker"]["accuracy"] == 0.0  # the pair is (bigger piece, gold)
    assert report["quotes_with_speaker"]["f1"] == 0.0


def test_one_prediction_over_two_quotes_finds_one() -> None:
    report = score_attributions([([g(0, 20)], [g(0, 8), g(10, 20)])])
    assert (report["quotes"]["matched"], report["quotes"]["recall"]) == (1, 0.5)


def test_dedupe_drops_a_claim_restating_its_quote() -> None:
    quote = g(0, 10)
    claim = g(0, 30, quote=False)  # a claim over both halves of an interrupted quote
    other = g(50, 60, quote=False)
    assert dedupe([quote, claim, other]) == [quote, other]


def record(article: str, **source: object) -> Extraction:
    text = article
    src = source_for(text, source_id="a").model_copy(update=source)
    k = text.index("Kanaani")
    speaker = Party(name="Nasser Kanaani", mention=Span(text="Kanaani", start=k, end=k + 7))
    w = text.index("We will")
    o, t = text.index("Officials"), text.index("the talks")
    return Extraction(
        source=src,
        quotes=[
            Quote(text="We will respond,", start=w, end=w + 16, kind="direct", speaker=speaker)
        ],
        claims=[
            Claim(
                text="We will respond,",
                start=w,
                end=w + 16,
                statement="We will respond (said by Nasser Kanaani)",
                claimant=speaker,
                kind="reported",
            ),
            Claim(
                text="the talks had failed",
                start=t,
                end=t + 20,
                statement="The talks had failed (said by Officials)",
                claimant=Party(
                    name="Officials", mention=Span(text="Officials", start=o, end=o + 9)
                ),
                kind="reported",
            ),
        ],
        meta=Meta(backend="hand"),
    )


def test_json_gold_reads_text_beside_the_record_and_counts_a_restated_claim_once(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.json").write_text(record(TEXT).model_dump_json(), encoding="utf-8")
    assert detect_format(tmp_path) == "json"
    (article,) = jsongold.read(tmp_path)
    assert article.text == TEXT
    quote, claim = article.attributions
    assert quote.is_quote and TEXT[slice(*quote.source[0])] == "Kanaani"
    assert not claim.is_quote and TEXT[slice(*claim.content[0])] == "the talks had failed"


def test_json_gold_refuses_a_text_that_changed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT + "edited", encoding="utf-8")
    (tmp_path / "a.json").write_text(record(TEXT).model_dump_json(), encoding="utf-8")
    with pytest.raises(InputError, match="sha256"):
        jsongold.read(tmp_path)


def test_json_gold_uses_source_text_and_rejects_other_json(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(record(TEXT, text=TEXT).model_dump_json(), encoding="utf-8")
    assert jsongold.read(tmp_path)[0].text == TEXT
    (tmp_path / "b.json").write_text('{"not": "a record"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a summarizer output record"):
        jsongold.read(tmp_path)
