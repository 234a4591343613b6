"""Score spinner-target words with the context model once, and keep the raw numbers.

    python benchmarks/context_features.py CORPUS/SPLIT [--negatives N] [--all-in-spun]

For every spinner-target word of the chosen files (those ``spun.target_words``
gives originals for, outside the findings of the other rules), writes one JSON line to
``benchmarks/results/context-features-CORPUS-SPLIT.jsonl``: the word, whether the gold
marks it as a hard swap, the model's log-probability of its sentence with the word and
with each original, the originals' French frequencies, and the document's English
findings and words. ``context_margin.py`` fits and reports decision rules on these
lines, so the model runs once per word, not once per rule tried.

Hard swaps are all kept (at most ``--positives``); other words are sampled
(``--negatives``, seeded); ``--all-in-spun`` also keeps every word of documents with some
spin evidence. ``--reranked-repairs`` also scores each word with the nearby findings
repaired by their suggestion re-ranked in context (``context_margin.py
--compare-repairs``); ``--no-repair`` scores sentences as written;
``--sentences-before N`` reads N sentences in front of the word's (the rule reads
``SpunSettings.sentences_before``; ``context_margin.py --compare`` sets files side by side),
``--words-after N`` N words after it (the rule reads ``SpunSettings.words_after``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from mtfix.document import read_document
from mtfix.lexicon import default_lexicon
from mtfix.models import Edit
from mtfix.pipeline import CheckOptions, check_document
from mtfix.scorer import MAX_CONTEXT_CHARS, default_scorer, slot_for
from mtfix.segment import segments
from mtfix.spun import (
    DEFAULT_SETTINGS,
    english_evidence,
    repairs_of,
    rerank_findings,
    target_words,
)
from mtfix.suggest import match_case, suggester_for
from mtfix.tokenize import tokenize

ROOT = Path(__file__).resolve().parent
CORPORA = ROOT / "corpora"
RESULTS = ROOT / "results"
OPTIONS = CheckOptions(suggest=False, select=frozenset({"english"}))
# Looser than any gate context_margin.py tries, so every gated document is scored whole.
LOOSE_GATE = replace(DEFAULT_SETTINGS, gate_findings=3, gate_per_thousand=8.0)


def collect(
    corpus: str,
    negatives: int,
    max_positives: int,
    all_in_spun: bool,
    repair: bool,
    rng: random.Random,
    reranked_repairs: bool = False,
    sentences_before: int = DEFAULT_SETTINGS.sentences_before,
    words_after: int | None = DEFAULT_SETTINGS.words_after,
) -> tuple[list[dict], int, int]:
    lexicon = default_lexicon()
    suggester = suggester_for(lexicon)
    candidates = []  # (path, text, tokens, token, originals, gold, evidence, repairs, taken)
    for path in sorted((CORPORA / corpus).glob("*.txt")):
        document = read_document(str(path))
        text = document.text
        tokenized = tokenize(text, segments(document))
        tokens = tokenized.tokens
        taken = check_document(document, OPTIONS)
        evidence = english_evidence(taken, tokens)
        gold_path = path.with_suffix(".json")
        gold = json.loads(gold_path.read_text("utf-8")) if gold_path.exists() else {"spans": []}
        hard = {s["start"]: s for s in gold["spans"] if s["kind"] == "hard"}
        repairs = repairs_of(text, taken, tokens, suggester) if repair else []
        for target in target_words(text, tokens, tokenized.quotes, lexicon, taken=taken):
            span = hard.get(target.token.start)
            candidates.append(
                (path, text, tokens, target.token, target.originals, span, evidence, repairs, taken)
            )
    positives = [c for c in candidates if c[5] is not None]
    if len(positives) > max_positives:
        positives = rng.sample(positives, max_positives)
    others = [c for c in candidates if c[5] is None]
    gated = [c for c in others if all_in_spun and c[6].shows_spinning(LOOSE_GATE)]
    rest = [c for c in others if not (all_in_spun and c[6].shows_spinning(LOOSE_GATE))]
    chosen_others = gated + rng.sample(rest, min(negatives, len(rest)))
    print(
        f"{corpus}: {len(candidates)} target words, {len(positives)} hard swaps, "
        f"scoring {len(positives) + len(chosen_others)}",
        file=sys.stderr,
    )
    scorer = default_scorer()
    rows = []
    started = time.perf_counter()
    full = {id(c) for c in positives + gated}
    for candidate in positives + chosen_others:
        path, text, tokens, token, originals, span, evidence, repairs, taken = candidate
        words = [token.text, *(match_case(token.text, w) for w in originals)]
        slot = slot_for(text, token.start, token.end, tokens, repairs, sentences_before)
        values = scorer.score(slot.words_after(words_after), words)
        extra = {}
        if reranked_repairs:
            near = [f for f in taken if abs(f.start - token.start) < MAX_CONTEXT_CHARS]
            better = [reranked_repair(path, text, tokens, f, suggester, scorer) for f in near]
            fixed = sorted((e for e in better if e), key=lambda e: (e.start, e.end))
            slot = slot_for(text, token.start, token.end, tokens, fixed, sentences_before)
            extra["scores_reranked_repairs"] = scorer.score(slot.words_after(words_after), words)
        rows.append(
            {
                **extra,
                "file": path.stem,
                "start": token.start,
                "word": token.text,
                "swap": span is not None,
                "expected": (span or {}).get("expected", []),
                "originals": list(originals),
                "scores": values,
                "zipf": [lexicon.info(w.lower()).fr for w in [token.lower, *originals]],
                "doc_words": evidence.words,
                "doc_english": evidence.findings,
                "sampled": id(candidate) not in full,
            }
        )
    seconds = time.perf_counter() - started
    print(f"{len(rows)} words scored in {seconds:.1f} s", file=sys.stderr)
    return rows, len(candidates), len(rest)


_RERANKED: dict[tuple[str, int], Edit | None] = {}


def reranked_repair(path, text, tokens, finding, suggester, scorer) -> Edit | None:
    """A finding's first suggestion after re-ranking in context (cached per finding)."""
    key = (str(path), finding.start)
    if key not in _RERANKED:
        suggested = suggester.with_suggestions(text, finding, tokens)
        ranked = rerank_findings(text, [suggested], tokens, suggester, scorer)[0]
        first = ranked.suggestions[0].replacement if ranked.suggestions else None
        _RERANKED[key] = Edit(finding.start, finding.end, first) if first else None
    return _RERANKED[key]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="seed, clean/dev, clean/test, synthetic/dev...")
    parser.add_argument("--negatives", type=int, default=300)
    parser.add_argument("--positives", type=int, default=10_000, help="most hard swaps kept")
    parser.add_argument("--all-in-spun", action="store_true")
    parser.add_argument(
        "--no-repair", action="store_true", help="score sentences as written (no repairs)"
    )
    parser.add_argument(
        "--reranked-repairs",
        action="store_true",
        help="also score each word with repairs re-ranked in context (scores_reranked_repairs)",
    )
    parser.add_argument(
        "--sentences-before",
        type=int,
        default=DEFAULT_SETTINGS.sentences_before,
        help="sentences read in front of the word's own [default: the rule's]",
    )
    parser.add_argument(
        "--words-after",
        type=int,
        default=DEFAULT_SETTINGS.words_after,
        help="words read after the word's [default: the rule's]; -1: the whole sentence",
    )
    parser.add_argument("--out", help="output file [default: results/context-features-…]")
    args = parser.parse_args()
    rows, targets, others = collect(
        args.corpus,
        args.negatives,
        args.positives,
        args.all_in_spun,
        not args.no_repair,
        random.Random(7),
        args.reranked_repairs,
        args.sentences_before,
        None if args.words_after is None or args.words_after < 0 else args.words_after,
    )
    RESULTS.mkdir(exist_ok=True)
    out = (
        Path(args.out)
        if args.out
        else RESULTS / f"context-features-{args.corpus.replace('/', '-')}.jsonl"
    )
    header = {"corpus": args.corpus, "targets": targets, "sampled_from": others}
    with out.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(header) + "\n")
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(out)


if __name__ == "__main__":
    main()
