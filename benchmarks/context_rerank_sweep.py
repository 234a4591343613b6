"""Score the re-ranking's candidates with the context model once, then sweep its settings.

    python benchmarks/context_rerank_sweep.py score [--sample N] [--budget] [FOLDER ...]
    python benchmarks/context_rerank_sweep.py sweep [--top N]
    (either with --results DIR: where the scored lines go; benchmarks/results by default)

``score`` runs detection and the suggester (without ``--context``) on N files of each
dev folder (spread over it, as ``easy_suggestions.py --sample``), and for the finding
over each easy gold span scores the suggester's top ``DEPTH`` candidates with the
language model twice, with no closeness gate: read up to the word (``Slot.left_only``)
and read with ``WORDS_AFTER`` words after it. One JSON line per easy span goes to
``benchmarks/results/context-rerank-FOLDER.jsonl``: the expected words, the first
suggestion without the model, the candidates with their suggester shares and French Zipf
frequencies, both model values, the model's value of each candidate alone (``BARE``) and
the tokens each reading decodes past the words all candidates share.

``sweep`` replays the re-ranking (``spun.rerank_findings``) on those lines for a grid
of settings (depth, closeness gate, prior weight, shortlist, a bonus per token of the
candidate, a frequency discount: this much of the candidate's unconditional
log-probability, from the lexicon's Zipf or the model's reading of the word alone, taken
off the model's value) and prints easy-span top-1 per folder, their mean and lowest, the
spans right, and the model's work (candidate sentences and decoded tokens per re-ranked
finding); then the frequency discount at today's other settings; then why today's
setting gets the others wrong (not detected, the expected word outside the top
candidates, kept by the gate, left out of the shortlist, the model's choice).

``score --budget`` scores as the shipped re-ranking does, at its cost: only the findings
its closeness gate lets through, and the reading past the word only for its shortlist
(the best ``RERANK_SHORTLIST`` read up to the word, with ``RERANK_PRIOR``), here the
shortlist of each discount in ``DISCOUNTS`` with each estimate, read once. ``sweep``
then tries only the settings whose readings those lines hold (the others need a reading
they lack: depth 20, a gate at least ``RERANK_CLOSE``, a shortlist those readings cover).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.rules import SUGGESTED_RULES
from mtfix.scorer import (
    RERANK_CLOSE,
    RERANK_PRIOR,
    RERANK_SHORTLIST,
    Slot,
    common_length,
    slot_for,
)
from mtfix.segment import layout
from mtfix.suggest import match_case, suggester_for
from mtfix.tokenize import indexed, tokenize

ROOT = Path(__file__).resolve().parent
CORPORA = ROOT / "corpora"
RESULTS = ROOT / "results"
DEV = ["damage/broad/dev", "damage/wordnet/dev", "damage/untranslated/dev", "synthetic/dev"]
DEPTH = 20
WORDS_AFTER = 8
# The frequency discounts (times the candidate's unconditional log-probability) and the
# Zipf floors of the lexicon's estimate that ``score --budget`` reads the shortlists of.
DISCOUNTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
FLOORS = (0.0, 2.0, 3.0)
# The model's own estimate: each candidate alone after a space, at the start of a text.
BARE = Slot(" x", 1, 2)


def sampled(paths: list[Path], sample: int | None) -> list[Path]:
    if not sample or sample >= len(paths):
        return paths
    return paths[:: len(paths) // sample][:sample]


def results_path(folder: str) -> Path:
    return RESULTS / f"context-rerank-{folder.replace('/', '-')}.jsonl"


# --- scoring ---------------------------------------------------------------------------


def score_folders(folders: Sequence[str], sample: int | None, scorer, budget: bool = False) -> None:
    """Files taken in turn from each folder, so that a run cut short stays balanced."""
    from mtfix.lexicon import default_lexicon

    suggester = suggester_for(default_lexicon())
    RESULTS.mkdir(parents=True, exist_ok=True)
    paths = {f: sampled(sorted((CORPORA / f).glob("*.json")), sample) for f in folders}
    sinks = {f: results_path(f).open("w", encoding="utf-8") for f in folders}
    started = time.perf_counter()
    for batch in itertools.zip_longest(*paths.values()):
        for folder, gold_path in zip(folders, batch, strict=True):
            if gold_path is None:
                continue
            for line in score_file(gold_path, suggester, scorer, budget):
                sinks[folder].write(json.dumps(line, ensure_ascii=False) + "\n")
            sinks[folder].flush()
            print(f"{folder} {gold_path.stem}: {time.perf_counter() - started:.0f} s", flush=True)
    for sink in sinks.values():
        sink.close()


def score_file(gold_path: Path, suggester, scorer, budget: bool = False) -> Iterator[dict]:
    text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
    document = Document(str(gold_path.with_suffix(".txt")), text)
    findings = check_document(document, CheckOptions(select=frozenset({"english"})))
    tokens = indexed(tokenize(text, layout(document, None).segments, None).tokens)
    rankings = suggester.document_rankings(text, findings, tokens)
    for span in json.loads(gold_path.read_text(encoding="utf-8"))["spans"]:
        if span["kind"] != "easy":
            continue
        line = {"file": gold_path.stem, "expected": [w.lower() for w in span["expected"]]}
        hits = [f for f in findings if f.start < span["end"] and span["start"] < f.end]
        if hits:
            finding = hits[0]
            suggestions = finding.suggestions
            line["first"] = suggestions[0].replacement.lower() if suggestions else None
            if finding.rule in SUGGESTED_RULES and len(suggestions) >= 2:
                ranking, _ = rankings[id(finding)]
                ranked = ranking.ranked[:DEPTH]
                words = [match_case(finding.text, word) for word, _, _ in ranked]
                slot = slot_for(text, finding.start, finding.end, tokens)
                line["candidates"] = [w.lower() for w in words]
                line["shares"] = [share for _, share, _ in ranked]
                line["zipf"] = [french_zipf(w, suggester.lexicon) for w in words]
                if budget:
                    line["budget"] = True
                    if line["shares"][1] >= RERANK_CLOSE * line["shares"][0]:
                        line["bare"] = scorer.score(BARE, words)
                        line["bare_tokens"] = tails(scorer, BARE, words)
                        line.update(budget_readings(scorer, slot, words, line))
                    yield line
                    continue
                line["bare"] = scorer.score(BARE, words)
                line["bare_tokens"] = tails(scorer, BARE, words)
                for name, read in (
                    ("left", slot.left_only()),
                    ("after", slot.words_after(WORDS_AFTER)),
                ):
                    line[name] = scorer.score(read, words)
                    line[name + "_tokens"] = tails(scorer, read, words)
        yield line


def french_zipf(word: str, lexicon) -> float:
    """The candidate's Zipf frequency in French (0 when unknown): a phrase the lexicon
    does not list takes its rarest word's, as frequency lists combine a phrase's words."""
    word = word.lower()
    zipf = lexicon.info(word).fr
    if not zipf and " " in word:
        zipf = min(lexicon.info(part).fr for part in word.split())
    return zipf


def budget_readings(scorer, slot, words: Sequence[str], line: dict) -> dict:
    """The readings the shipped re-ranking makes: every candidate up to the word, the
    shortlist past it (the others' ``after`` values are None); the shortlist is that of
    each frequency discount of ``DISCOUNTS`` (with each estimate: the lexicon's at each
    floor of ``FLOORS``, the model's), read once."""
    left = scorer.score(slot.left_only(), words)
    prior = [RERANK_PRIOR * math.log(max(share, 1e-3)) for share in line["shares"]]
    estimates = [[max(z, floor) * math.log(10) for z in line["zipf"]] for floor in FLOORS]
    estimates.append(line["bare"])
    short_set: set[int] = set()
    for discount, estimate in itertools.product(DISCOUNTS, estimates):
        order = sorted(
            range(len(words)), key=lambda i: -(left[i] + prior[i] - discount * estimate[i])
        )
        short_set.update(order[:RERANK_SHORTLIST])
    short = sorted(short_set)
    read = slot.words_after(WORDS_AFTER)
    values = scorer.score(read, [words[i] for i in short])
    after: list[float | None] = [None] * len(words)
    for i, value in zip(short, values, strict=True):
        after[i] = value
    decoded = tails(scorer, read, [words[i] for i in short])
    after_tokens = [0] * len(words)
    for i, count in zip(short, decoded, strict=True):
        after_tokens[i] = count
    return {
        "left": left,
        "left_tokens": tails(scorer, slot.left_only(), words),
        "after": after,
        "after_tokens": after_tokens,
    }


def tails(scorer, slot, words: Sequence[str]) -> list[int]:
    """Tokens each filled sentence decodes past those all the candidates share."""
    sentences = [scorer.tokens(slot.filled(w)) for w in words]
    shared = min(len(t) for t in sentences) - 1
    for tokens in sentences[1:]:
        shared = min(shared, common_length(sentences[0], tokens))
    shared = max(shared, 1)
    return [len(t) - shared for t in sentences]


# --- sweeping --------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    depth: int = 20
    close: float = RERANK_CLOSE
    prior: float = RERANK_PRIOR
    shortlist: int | None = RERANK_SHORTLIST  # 0: read up to the word only
    token_bonus: float = 0.0  # added to the model's value per token of the candidate
    # Taken off the model's value: this much of the candidate's unconditional
    # log-probability (``unconditional``), as pointwise mutual information does.
    discount: float = 0.0
    floor: float | None = 0.0  # the lexicon's Zipf floor; None: the model's estimate

    def label(self) -> str:
        short = "left-only" if self.shortlist == 0 else f"short {self.shortlist}"
        estimate = "model" if self.floor is None else f"zipf>={self.floor:.0f}"
        return (
            f"depth {self.depth:2d} close {self.close:.2f} prior {self.prior:.2f} "
            f"{short:9s} bonus {self.token_bonus:.1f} disc {self.discount:.2f} {estimate}"
        )


class Unread(Exception):
    """The line lacks a reading the setting needs (scored with ``--budget``)."""


@dataclass
class Outcome:
    first: str | None
    why: str  # how the first was chosen: kept, gated, reranked
    sentences: int = 0
    decoded: int = 0
    shortlist: frozenset[str] = frozenset()  # the candidates read past the word


def unconditional(line: dict, s: Setting) -> list[float]:
    """Each candidate's unconditional log-probability (up to a constant) under the
    setting's estimate: the lexicon's French Zipf frequency, at least ``floor``, times
    ln 10; or the model's reading of the word alone after a space (``BARE``)."""
    if s.floor is None:
        return line["bare"]
    return [max(z, s.floor) * math.log(10) for z in line["zipf"]]


def replay(line: dict, s: Setting) -> Outcome:
    """The re-ranking's first suggestion for this span, as ``rerank_findings`` would give."""
    if "candidates" not in line:
        return Outcome(line.get("first"), "kept")
    shares = line["shares"]
    if shares[1] < s.close * shares[0]:
        return Outcome(line["first"], "gated")
    depth = min(s.depth, len(shares))
    if depth < 2:
        return Outcome(line["first"], "gated")
    if "left" not in line:
        raise Unread
    own = [t - min(line["left_tokens"][:depth]) for t in line["left_tokens"][:depth]]
    frequency = unconditional(line, s) if s.discount else [0.0] * depth

    def value(reading: str, i: int) -> float:
        return (
            line[reading][i]
            - s.discount * frequency[i]
            + s.prior * math.log(max(shares[i], 1e-3))
            + s.token_bonus * (own[i] + 1)
        )

    order = sorted(range(depth), key=lambda i: -value("left", i))
    sentences, decoded = depth, sum(line["left_tokens"][:depth])
    if s.discount and s.floor is None:  # the model's estimate: one more reading
        sentences += depth
        decoded += sum(line["bare_tokens"][:depth])
    if s.shortlist != 0:
        short = order if s.shortlist is None else order[: s.shortlist]
        if any(line["after"][i] is None for i in short):
            raise Unread
        sentences += len(short)
        decoded += sum(line["after_tokens"][i] for i in short)
        order = sorted(short, key=lambda i: -value("after", i))
    read = frozenset(line["candidates"][i] for i in order)
    return Outcome(line["candidates"][order[0]], "reranked", sentences, decoded, read)


def load(folders: Iterable[str]) -> dict[str, list[dict]]:
    found = {}
    for folder in folders:
        path = results_path(folder)
        if path.exists():
            lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
            if lines:
                found[folder] = lines
    return found


def evaluate(data: dict[str, list[dict]], s: Setting) -> tuple[dict[str, float], float, float]:
    per_folder, sentences, decoded, reranked = {}, 0, 0, 0
    for folder, lines in data.items():
        right = 0
        for line in lines:
            outcome = replay(line, s)
            right += outcome.first in line["expected"]
            sentences += outcome.sentences
            decoded += outcome.decoded
            reranked += outcome.why == "reranked"
        per_folder[folder] = right / max(len(lines), 1)
    return per_folder, sentences / max(reranked, 1), decoded / max(reranked, 1)


def diagnose(data: dict[str, list[dict]], s: Setting) -> Counter:
    """Why each easy span's first suggestion is wrong under ``s``."""
    causes: Counter = Counter()
    for lines in data.values():
        for line in lines:
            outcome = replay(line, s)
            if outcome.first in line["expected"]:
                causes["right"] += 1
            elif "first" not in line:
                causes["not detected"] += 1
            elif "candidates" not in line:
                causes["no choice (rule or a single suggestion)"] += 1
            elif not set(line["candidates"][: s.depth]) & set(line["expected"]):
                causes[f"expected not in the top {s.depth}"] += 1
            elif outcome.why == "gated":
                causes["gate kept a wrong first"] += 1
            elif s.shortlist and outcome.shortlist.isdisjoint(line["expected"]):
                causes[f"left out of the shortlist of {s.shortlist}"] += 1
            else:
                causes["model chose wrong"] += 1
    return causes


def sweep(data: dict[str, list[dict]], top: int) -> None:
    today = Setting()
    budgeted = any(line.get("budget") for lines in data.values() for line in lines)
    estimates: tuple[float | None, ...] = (*FLOORS, None)
    if budgeted:  # only the settings those lines can replay (the others raise Unread)
        axes = ((DEPTH,), (0.15, 0.2, 0.25, 0.3), (1.0, 1.5, 2.0), (3, 4, 5), (0.0, 0.5))
    else:
        axes = ((8, 20), (0.1, 0.15, 0.2, 0.25), (1.0, 1.5, 2.0, 2.5, 3.0), (3, 5, 8), (0.0, 0.5))
    grid = [
        Setting(depth, close, prior, shortlist, bonus, discount, floor)
        for depth, close, prior, shortlist, bonus in itertools.product(*axes)
        for discount, floor in itertools.product(DISCOUNTS, (0.0, None))
        if (shortlist is None or shortlist < depth) and (discount or floor == 0.0)
    ]
    rows = []
    for s in grid:
        try:
            per_folder, _, _ = evaluate(data, s)
        except Unread:
            continue
        rows.append((min(per_folder.values()), sum(per_folder.values()) / len(per_folder), s))
    names = [f.split("/")[-2] if f.startswith("damage") else f.split("/")[0] for f in data]
    header = " ".join(f"{n[:9]:>9s}" for n in names)
    print(f"{'setting':70s} {header}   mean    min right  sent  tok")

    def show(s: Setting, tag: str = "") -> None:
        per_folder, sentences, decoded = evaluate(data, s)
        values = list(per_folder.values())
        right = sum(round(v * len(data[f])) for f, v in per_folder.items())
        print(
            f"{s.label():70s} "
            + " ".join(f"{v:9.3f}" for v in values)
            + f" {sum(values) / len(values):6.3f} {min(values):6.3f} {right:5d}"
            + f" {sentences:5.1f} {decoded:4.0f}"
            + tag
        )

    show(today, "  (today)")
    for _, _, s in sorted(rows, key=lambda r: (-(r[0] + r[1]), r[2].depth))[:top]:
        show(s)
    print("\nthe frequency discount, today's other settings:")
    for discount, floor in itertools.product(DISCOUNTS, estimates):
        if discount or floor == 0.0:
            with contextlib.suppress(Unread):
                show(replace(today, discount=discount, floor=floor))
    spans = sum(len(lines) for lines in data.values())
    print(f"\n{spans} easy spans; why the first suggestion is wrong, today:")
    for cause, count in diagnose(data, today).most_common():
        print(f"  {cause}: {count}")


def main() -> None:
    global RESULTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("action", choices=["score", "sweep"])
    parser.add_argument("folders", nargs="*", default=DEV)
    parser.add_argument("--sample", type=int, default=6, help="files per folder")
    parser.add_argument("--top", type=int, default=25, help="settings shown by sweep")
    parser.add_argument(
        "--budget", action="store_true", help="score only what the shipped re-ranking reads"
    )
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="folder of the scored lines (score, sweep)"
    )
    args = parser.parse_args()
    RESULTS = args.results
    if args.action == "score":
        from mtfix.scorer import LlamaScorer

        score_folders(args.folders, args.sample, LlamaScorer(), args.budget)
    else:
        sweep(load(args.folders), args.top)


if __name__ == "__main__":
    main()
