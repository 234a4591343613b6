"""Where the CPU goes: each step of ``pipeline.check_document`` timed over files.

    python benchmarks/phases.py [--mtfix-src OTHER_CHECKOUT/src] GLOB...

e.g. ``python benchmarks/phases.py 'benchmarks/corpora/clean/*/*.txt'``. One process,
default options, the steps in the pipeline's order (the word-form caches start empty,
as in a run: the tokenizer's figure holds the first classification of each form).
``--mtfix-src`` times the mtfix whose sources are there (e.g. the commit before a
change). Process CPU time, steadier than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import glob
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="+", metavar="GLOB")
    parser.add_argument("--mtfix-src", type=Path, help="time the mtfix in this src folder")
    args = parser.parse_args()
    if args.mtfix_src:
        sys.path.insert(0, str(args.mtfix_src.resolve()))
    from mtfix import pipeline
    from mtfix.detect import detector_for
    from mtfix.document import read_document
    from mtfix.lexicon import default_lexicon
    from mtfix.planning import with_fixes
    from mtfix.report import make_result
    from mtfix.rules import CheckInput
    from mtfix.segment import layout
    from mtfix.suggest import SUGGESTED_RULES, suggester_for
    from mtfix.tokenize import tokenize

    paths = sorted({p for pattern in args.patterns for p in glob.glob(pattern, recursive=True)})
    lexicon, options = default_lexicon(), pipeline.CheckOptions()
    spent: dict[str, float] = defaultdict(float)
    clock = [time.process_time()]

    def step(name: str) -> None:
        now = time.process_time()
        spent[name] += now - clock[0]
        clock[0] = now

    words = 0
    for path in paths:
        clock[0] = time.process_time()
        document = read_document(path)
        words += len(document.text.split())
        step("read")
        read = layout(document, options.kind)
        step("layout")
        detector = detector_for(lexicon, options.allow)
        need = getattr(detector, "needs", None) or detector.need  # older sources: need
        tokenized = tokenize(document.text, read.segments, need)
        step("tokenize (sparse)")
        given = CheckInput(document, read.segments, tokenized, lexicon, options.allow)
        findings: list = []
        for checker in pipeline.checkers_to_run(options, False):
            findings.extend(checker.run(replace(given, earlier=tuple(findings))))
            step(f"rule: {checker.name}")
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        findings = pipeline._configured(document, read.comments, findings, options)
        step("suppressions, settings")
        if findings:
            if any(f.rule in SUGGESTED_RULES for f in findings):
                tokenized = tokenized.complete()
                step("complete the tokens")
            suggester = suggester_for(lexicon)
            findings = suggester.suggest_findings(document.text, findings, tokenized.tokens)
            step("suggest")
            findings = with_fixes(document.text, findings)
            step("fixes")
        make_result(path, document.text, document.encoding, findings)
        step("result")
    total = sum(spent.values())
    print(f"{len(paths)} files, {words:,} words: {total:.2f} s CPU, {words / total:,.0f} words/s")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:24} {seconds:6.3f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
