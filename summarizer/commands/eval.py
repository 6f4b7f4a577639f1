"""``summarizer eval GOLD``: score a backend against gold annotations (PolNeAR, JSON records)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from summarizer.evaluation import Report


def _line(name: str, metrics: dict[str, float | int]) -> str:
    label = name.replace("_", " ")
    if "f1" in metrics:
        return (
            f"{label:<22} P {metrics['precision']:.3f}  R {metrics['recall']:.3f}  "
            f"F1 {metrics['f1']:.3f}  (predicted {metrics['predicted']}, gold {metrics['gold']}, "
            f"matched {metrics['matched']})"
        )
    if "accuracy" in metrics:
        return (
            f"{label:<22} accuracy {metrics['accuracy']:.3f}  "
            f"({metrics['right']} of {metrics['matched']} matched)"
        )
    return f"{label:<22} " + "  ".join(f"{k} {v}" for k, v in metrics.items())


def format_report(report: Report) -> str:
    """The report as aligned text lines, one per section."""
    head = (
        f"{report.gold}: {report.format} gold, {report.articles} articles, "
        f"backend {report.backend}, {report.seconds:.1f} s, one-to-one matching"
    )
    return "\n".join([head, *(_line(k, v) for k, v in report.sections.items())]) + "\n"


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold: Annotated[
            Path, typer.Argument(help="PolNeAR folder (text/, attributions/) or *.json records.")
        ],
        model: Annotated[
            str | None, typer.Option("--model", "-m", help="'rules' (default) or an LLM model.")
        ] = None,
        base_url: Annotated[
            str | None, typer.Option(help="An OpenAI-compatible server for --model.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report.")] = False,
        limit: Annotated[
            int | None, typer.Option(min=1, help="Score only the first N articles.")
        ] = None,
    ) -> None:
        """Run a backend over a gold set and print precision, recall and F1 (one-to-one)."""
        from summarizer.evaluation import detect_format, evaluate
        from summarizer.pipeline import backend_for
        from summarizer.settings import Settings

        detect_format(gold)  # a bad gold path fails before any model is loaded
        settings = Settings.from_env(model=model, options={"base_url": base_url})
        report = evaluate(gold, backend_for(settings), settings, limit)
        if as_json:
            sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
        else:
            sys.stdout.write(format_report(report))
