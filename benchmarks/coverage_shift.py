"""How the ranker does when the collocation table does not know the expected word: the
dev splits as news prose would show them to a table built from technical manuals.

    python benchmarks/coverage_shift.py [--share 0.46]

In news prose the right French word is as often missing from ``collocations.tsv`` as any
other candidate, and the document does not read like the manuals; in the dev splits
(drawn from manual pages, like the table's prose) the expected word is nearly always
there (2.6 % of the expected words of broad dev against 46 % of all candidates are
written less than a tenth as often as in French at large). The simulation hides the
expected word from the table in ``--share`` of the spans (chosen by a hash of the file
and offset; default the candidates' share on broad dev) and sets every document's
``prose_domain`` to 0. Prints dev top-1 per split, plain and simulated, for the shipped
weights and for weights refitted on the plain dev splits (``tune_suggest.py``).
Nothing here is fitted on the simulated cases, the test splits or the seed.
"""

from __future__ import annotations

import argparse
import zlib
from pathlib import Path

from tune_suggest import CORPORA, FITTED_ON, Case, accuracy, fit, vector
from tune_suggest import gold_cases as tune_gold_cases

import mtfix.suggest as suggest
from mtfix.lexicon import NO_NEIGHBOURS, Lexicon, Neighbours, default_lexicon


class HidingLexicon(Lexicon):
    """The default word lists, with the words of ``hidden`` missing from the collocations."""

    def __init__(self) -> None:
        super().__init__(default_lexicon().directory)
        self.hidden: set[str] = set()

    def neighbours(self, word: str) -> Neighbours:
        return NO_NEIGHBOURS if word in self.hidden else super().neighbours(word)


def gold_cases(lexicon: Lexicon, folder: Path, first: int, share: float) -> list[Case]:
    """``tune_suggest.gold_cases``, hiding the expected word of ``share`` of the spans."""
    hidden = lexicon.hidden if isinstance(lexicon, HidingLexicon) else None

    def hide(gold_path: Path, span: dict | None) -> None:
        if hidden is None:
            return
        hidden.clear()
        key = f"{gold_path.name}:{span['start']}".encode() if span else b""
        if span is not None and zlib.crc32(key) % 1000 < share * 1000:
            hidden.update(e.lower().split(" ")[0] for e in span["expected"])

    return tune_gold_cases(suggest.Suggester(lexicon), folder, first, hide)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--share", type=float, default=0.46, help="spans whose word is hidden")
    args = parser.parse_args()
    plain = {
        name: gold_cases(default_lexicon(), CORPORA / name, 1000 * index, 0.0)
        for index, name in enumerate(FITTED_ON)
    }
    suggest.document_domain = lambda document, lexicon: 0.0  # news: unlike the manuals
    hiding = HidingLexicon()
    shifted = {
        name: gold_cases(hiding, CORPORA / name, 1000 * index, args.share)
        for index, name in enumerate(FITTED_ON)
    }
    shipped = vector(suggest.DEFAULT_WEIGHTS)
    refitted = fit([case for name in FITTED_ON for case in plain[name]], shipped, steps=600)
    for label, weights in (("shipped", shipped), ("refitted", refitted)):
        for kind, corpora in (("plain", plain), ("news-like", shifted)):
            top1 = {name: accuracy(cases, weights)[0] for name, cases in corpora.items()}
            spans = sum(len(cases) for cases in corpora.values())
            overall = sum(top1[name] * len(corpora[name]) for name in corpora) / spans
            row = " ".join(f"{name.split('/')[-2]} {top1[name]:.3f}" for name in corpora)
            print(f"{label:8} {kind:9} top-1 {row}; all {overall:.4f}")


if __name__ == "__main__":
    main()
