"""``mtfix explain WORD``: the evidence and the ranked candidates, as Rich tables."""

from __future__ import annotations

from typing import Annotated

import typer

from .cli_app import EXIT_ERROR, app, report_error


@app.command()
def explain(
    word: Annotated[str, typer.Argument(help="The English word or phrase to explain.")],
    context: Annotated[
        str | None,
        typer.Option("--context", "-c", help="A sentence containing WORD, for agreement."),
    ] = None,
) -> None:
    """Show why WORD is (or is not) flagged and where its suggestions come from."""
    from pathlib import Path

    if any(mark in word for mark in "/\\.") and Path(word).exists():
        report_error(word, f"explain takes a word, not a file: 'mtfix check {word}' checks it")
        raise typer.Exit(EXIT_ERROR)
    from rich.console import Console
    from rich.table import Table

    from .explain import explain as run_explain
    from .explain import feature_table, hypotheses_of
    from .lexicon import default_lexicon
    from .suggest import DEFAULT_WEIGHTS, HYPOTHESES

    result = run_explain(word, default_lexicon(), context)
    console = Console(highlight=False)
    info = result.info
    evidence = Table(title=f"Evidence for '{word}'", show_header=False)
    evidence.add_row("French frequency (Zipf)", f"{info.fr:.1f}")
    evidence.add_row("English frequency (Zipf)", f"{info.en:.1f}")
    evidence.add_row("French lexicon", "yes" if info.in_lexicon else "no")
    if info.accented:
        evidence.add_row("French spelling", info.accented)
    if info.genders:
        evidence.add_row("gender (as a French noun)", info.genders)
    evidence.add_row("accepted loanword", "yes" if result.loanword else "no")
    if result.agreement is not None:
        agreement = result.agreement
        evidence.add_row("determiner asks for", f"{agreement.gender or '-'} {agreement.number}")
    evidence.add_row("verdict", result.verdict)
    if result.suggestions:
        evidence.add_row(
            "damage hypotheses",
            ", ".join(
                f"{name} {share:.2f}"
                for name, share in zip(HYPOTHESES, result.hypothesis_shares, strict=True)
            ),
        )
    console.print(evidence)
    if not result.suggestions:
        console.print("No French candidate found.")
        return
    candidates = Table(title="Candidates, best first")
    for column in ("#", "replacement", "score", "source", "hypotheses", "evidence"):
        candidates.add_column(column)
    candidates.caption = (
        "evidence: each feature's contribution to the log score (a hypothesis's features "
        "count within it; spin_bias and the slot's count for every candidate)"
    )
    for rank, (suggestion, features) in enumerate(
        zip(result.suggestions, result.features, strict=False), start=1
    ):
        contributions = {
            name: value * getattr(DEFAULT_WEIGHTS, name)
            for name, value in feature_table(features).items()
        }
        shown = ", ".join(
            f"{name} {value:+.2f}" for name, value in contributions.items() if abs(value) >= 0.05
        )
        candidates.add_row(
            str(rank),
            suggestion.replacement,
            f"{suggestion.score:.3f}",
            suggestion.source,
            hypotheses_of(features),
            shown,
        )
    console.print(candidates)
