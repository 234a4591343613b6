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
import json
import zlib
from pathlib import Path

import numpy as np
from tune_suggest import CORPORA, FITTED_ON, Case, accuracy, fit, vector

import mtfix.suggest as suggest
from mtfix.lexicon import NO_NEIGHBOURS, Lexicon, Neighbours, default_lexicon
from mtfix.models import Document, Finding
from mtfix.segment import segments
from mtfix.slot import DocumentWords, slot_of
from mtfix.tokenize import tokenize


class HidingLexicon(Lexicon):
    """The default word lists, with the words of ``hidden`` missing from the collocations."""

    def __init__(self) -> None:
        super().__init__(default_lexicon().directory)
        self.hidden: set[str] = set()

    def neighbours(self, word: str) -> Neighbours:
        return NO_NEIGHBOURS if word in self.hidden else super().neighbours(word)


def gold_cases(lexicon: Lexicon, folder: Path, first: int, share: float) -> list[Case]:
    """``tune_suggest.gold_cases``, hiding the expected word of ``share`` of the spans."""
    suggester = suggest.Suggester(lexicon)
    hiding = isinstance(lexicon, HidingLexicon)
    cases = []
    for number, gold_path in enumerate(sorted(folder.glob("*.json")), start=first):
        text = gold_path.with_suffix(".txt").read_text("utf-8")
        tokens = tokenize(text, segments(Document(str(gold_path), text))).tokens
        spans = json.loads(gold_path.read_text("utf-8"))["spans"]
        flagged = [Finding(s["start"], s["end"], s["text"], "gold", 1.0, "") for s in spans]
        document = DocumentWords.of(tokens, flagged, text)
        easy = []
        for span in spans:
            if span["kind"] != "easy":
                continue
            key = f"{gold_path.name}:{span['start']}".encode()
            if hiding:
                lexicon.hidden.clear()
                if zlib.crc32(key) % 1000 < share * 1000:
                    lexicon.hidden.update(e.lower().split(" ")[0] for e in span["expected"])
            slot = slot_of(text, span["start"], span["end"], tokens, document)
            features = suggester.features(span["text"], slot)
            if features:
                easy.append((span, features))
        if hiding:
            lexicon.hidden.clear()
        profile = suggest.thesaurus_profile(features for _, features in easy)
        by_phrase = {suggest.normalise(span["text"]): features for span, features in easy}
        for span in spans:
            if suggest.normalise(span["text"]) not in by_phrase:
                by_phrase[suggest.normalise(span["text"])] = suggester.features(span["text"])
        votes = suggest.shared_candidates(by_phrase)
        for span, features in easy:
            features = [f.with_profile(profile, votes[f.word] - 1) for f in features]
            expected = {e.lower() for e in span["expected"]}
            spin = [f.spin or (0.0,) * len(suggest.SPIN_FEATURES) for f in features]
            translation = [
                f.translation or (0.0,) * len(suggest.TRANSLATION_FEATURES) for f in features
            ]
            cases.append(
                Case(
                    np.array(spin),
                    np.array([f.spin is not None for f in features]),
                    np.array(translation),
                    np.array([f.translation is not None for f in features]),
                    np.array([f.slot for f in features]),
                    np.array([f.word.lower() in expected for f in features]),
                    number,
                )
            )
    return cases


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
