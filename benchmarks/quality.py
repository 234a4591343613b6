"""Accuracy benchmark: mtfix and two baselines over the annotated corpora.

    python benchmarks/quality.py [--corpus NAME ...] [--split dev|test|all]
                                 [--json-out PATH] [--floor METRIC=VALUE ...] [--small]
                                 [--context] [--sample N]

A finding is right when it overlaps a gold span. mtfix runs through the real
pipeline and its findings are read back from the version 1 JSON the CLI prints,
so the figures are those a user sees. Exit code 1 when a ``--floor`` is not met.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import (
    WORD_RE,
    Flag,
    cached_hunspell_suggestions,
    count_words,
    hunspell_available,
    hunspell_flags,
    hunspell_rejected,
    naive_flags,
    warm_up_naive,
)

from mtfix.document import read_document
from mtfix.models import Document
from mtfix.pipeline import CheckOptions, check_document
from mtfix.report import make_result, to_json_document

ROOT = Path(__file__).resolve().parent
CORPORA = ROOT / "corpora"
DEFAULT_JSON = ROOT / "results" / "quality.json"
HUNSPELL_CACHE = ROOT / "results" / "hunspell-suggestions.json"  # slow; gitignored
CORPUS_NAMES = ("seed", "clean", "synthetic")
# Run on request only (--corpus damage/titles): the default report stays comparable.
DAMAGE_CORPORA = ("damage/broad", "damage/wordnet", "damage/untranslated", "damage/titles")
SPLITS = ("dev", "test")
SMALL_SAMPLE = 15  # files per corpus in --small mode (first by name)
KINDS = ("easy", "hard", "title")
TOP_FALSE_POSITIVES = 20
SYSTEMS = ("mtfix", "naive", "hunspell")
ENGLISH_RULES = "english"  # rule-id prefix of the findings scored: english-word, -span, -title
SPUN_RULE = "spun-french-word"  # scored too: French words that are spinner swaps (--context)
CONTEXT_SYSTEM = "mtfix-context"  # mtfix --context, beside mtfix (benchmark --context)


# --- corpora ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str
    kind: str
    expected: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnnotatedFile:
    path: str
    text: str
    spans: tuple[GoldSpan, ...]
    legit_english: frozenset[str]  # lower-case words of the gold's legit_english entries
    words: int


@dataclass(frozen=True)
class Corpus:
    key: str  # "seed", "clean-dev", ...; the prefix of --floor metrics
    files: tuple[AnnotatedFile, ...]
    sample: bool = False

    @property
    def words(self) -> int:
        return sum(f.words for f in self.files)


def load_file(txt: Path) -> AnnotatedFile:
    document = read_document(str(txt))
    gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    spans = tuple(
        GoldSpan(s["start"], s["end"], s["text"], s["kind"], tuple(s.get("expected") or ()))
        for s in gold["spans"]
    )
    for span in spans:
        if document.text[span.start : span.end] != span.text:
            raise ValueError(f"{txt}: gold span {span.text!r} does not match the text")
    legit = frozenset(
        w.lower() for entry in gold.get("legit_english", []) for w in WORD_RE.findall(entry)
    )
    return AnnotatedFile(
        str(txt.relative_to(ROOT.parent)), document.text, spans, legit, count_words(document.text)
    )


def load_corpus(key: str, folder: Path, limit: int | None = None) -> Corpus:
    paths = sorted(folder.glob("*.txt"))
    sample = limit is not None and len(paths) > limit
    return Corpus(key, tuple(load_file(p) for p in paths[:limit]), sample)


def select_corpora(
    names: Sequence[str], split: str, small: bool, sample: int | None = None
) -> list[Corpus]:
    """Corpora in report order; --small = seed + the first files of clean/dev and synthetic/dev;
    --sample N = N files spread evenly over each corpus but the seed."""
    splits = ("dev",) if small else SPLITS if split == "all" else (split,)
    if sample:
        return [
            load_corpus("seed", CORPORA / "seed")
            if name == "seed"
            else _spread_corpus(f"{name}-{s}", CORPORA / name / s, sample)
            for name in names
            for s in (("",) if name == "seed" else splits)
        ]
    limit = SMALL_SAMPLE if small else None
    corpora = []
    for name in names:
        if name == "seed":
            corpora.append(load_corpus("seed", CORPORA / "seed"))
            continue
        corpora.extend(load_corpus(f"{name}-{s}", CORPORA / name / s, limit) for s in splits)
    return corpora


def _spread_corpus(key: str, folder: Path, count: int) -> Corpus:
    paths = sorted(folder.glob("*.txt"))
    if len(paths) <= count:
        return Corpus(key, tuple(load_file(p) for p in paths))
    chosen = [paths[i * len(paths) // count] for i in range(count)]
    return Corpus(key, tuple(load_file(p) for p in chosen), sample=True)


# --- systems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemRun:
    system: str
    flags: tuple[tuple[Flag, ...], ...]  # one tuple per corpus file
    seconds: float
    note: str = ""
    output: dict | None = None  # mtfix's version 1 JSON document


def _mtfix_flags(result_json: dict) -> tuple[Flag, ...]:
    return tuple(
        Flag(f["start"], f["end"], f["text"], tuple(s["replacement"] for s in f["suggestions"]))
        for f in result_json["findings"]
        if f["rule"].startswith(ENGLISH_RULES + "-") or f["rule"] == SPUN_RULE
    )


def run_mtfix(corpus: Corpus, context: bool = False) -> SystemRun:
    options, note = _mtfix_options(context)
    # Load the lexicon and the suggester's tables once, outside the timing, as in a batch run.
    check_document(Document("<warm-up>", "Nous avons reçu une aid importante."), options)
    scored_before = _scored_sentences(context)
    started = time.perf_counter()
    results = [
        make_result(f.path, f.text, "utf-8", check_document(_document(f), options))
        for f in corpus.files
    ]
    seconds = time.perf_counter() - started
    output = to_json_document(results)
    flags = tuple(_mtfix_flags(file_json) for file_json in output["files"])
    if context:
        sentences = _scored_sentences(context) - scored_before
        findings = sum(len(f) for f in flags)
        spun = sum(f["rule"] == SPUN_RULE for r in output["files"] for f in r["findings"])
        note = (
            f"{_context_model()}; {sentences} sentences scored, "
            f"{seconds / max(sentences, 1):.3f} s/sentence, "
            f"{seconds / max(findings, 1):.2f} s/finding; {spun} {SPUN_RULE} findings"
        )
    return SystemRun(CONTEXT_SYSTEM if context else "mtfix", flags, seconds, note, output)


def run_mtfix_context(corpus: Corpus) -> SystemRun:
    return run_mtfix(corpus, context=True)


def _scored_sentences(context: bool) -> int:
    if not context:
        return 0
    from mtfix.scorer import default_scorer

    return default_scorer().sentences


def _context_model() -> str:
    from mtfix.scorer import default_scorer

    return default_scorer().name


def _document(annotated: AnnotatedFile) -> Document:
    return Document(annotated.path, annotated.text)


def _mtfix_options(context: bool = False) -> tuple[CheckOptions, str]:
    """The English-intrusion rules only (typography and other rules are not scored here),
    with suggestions unless the suggester is not there yet."""
    fields = CheckOptions.__dataclass_fields__
    select = {"select": frozenset({ENGLISH_RULES, SPUN_RULE})} if "select" in fields else {}
    if context:
        select["context"] = True
    try:
        import mtfix.suggest  # noqa: F401
    except ImportError:
        return CheckOptions(suggest=False, **select), "no suggester (mtfix.suggest missing)"
    return CheckOptions(**select), ""


def run_naive(corpus: Corpus) -> SystemRun:
    warm_up_naive()
    started = time.perf_counter()
    flags = tuple(tuple(naive_flags(f.text)) for f in corpus.files)
    return SystemRun("naive", flags, time.perf_counter() - started, "no suggestions")


def run_hunspell(corpus: Corpus) -> SystemRun:
    """Detection over every word, timed; suggestions only for words in scored gold spans."""
    if not hunspell_available():
        return SystemRun("hunspell", (), 0.0, "skipped: hunspell or fr_FR not installed")
    started = time.perf_counter()
    unique = sorted({w for f in corpus.files for w in WORD_RE.findall(f.text)})
    rejected = hunspell_rejected(unique)
    seconds = time.perf_counter() - started
    wanted = sorted(rejected & _words_in_scored_spans(corpus))
    suggestions = cached_hunspell_suggestions(wanted, HUNSPELL_CACHE) if wanted else {}
    flags = tuple(tuple(hunspell_flags(f.text, rejected, suggestions)) for f in corpus.files)
    note = "fr_FR, one batch; words/s without suggestions (cached in benchmarks/results)"
    return SystemRun("hunspell", flags, seconds, note)


def _words_in_scored_spans(corpus: Corpus) -> set[str]:
    """Words overlapping a gold span that has an expected list: the only suggestions scored."""
    return {
        m.group()
        for f in corpus.files
        for m in WORD_RE.finditer(f.text)
        for s in f.spans
        if s.expected and overlaps(m.start(), m.end(), s.start, s.end)
    }


RUNNERS: dict[str, Callable[[Corpus], SystemRun]] = {
    "mtfix": run_mtfix,
    "naive": run_naive,
    "hunspell": run_hunspell,
    CONTEXT_SYSTEM: run_mtfix_context,
}


# --- scoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    findings: int
    true_positives: int  # findings overlapping a gold span
    false_positives: int
    gold: int
    found: int  # gold spans overlapped by a finding
    precision: float | None
    recall: float | None
    f1: float | None
    recall_easy: float | None
    recall_hard: float | None
    recall_title: float | None
    title_whole: float | None  # title spans covered (80 % of their characters) by findings
    with_expected: int  # gold spans with an expected list
    top1: float | None
    top3: float | None
    fp_per_10k: float
    fp_per_10k_excl_legit: float
    words: int
    seconds: float
    words_per_second: float | None


@dataclass
class SystemResult:
    system: str
    note: str
    metrics: Metrics | None
    top_false_positives: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class CorpusReport:
    corpus: str
    files: int
    words: int
    sample: bool
    gold_by_kind: dict[str, int]
    results: list[SystemResult]
    mtfix_output: dict | None = None


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class _Tally:
    true_positives: int = 0
    false_positives: list[Flag] = field(default_factory=list)
    legit_false_positives: int = 0
    found: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    top: Counter = field(default_factory=Counter)
    with_expected: int = 0
    titles_whole: int = 0


def _suggested_within(span: GoldSpan, flags: Sequence[Flag], k: int) -> bool:
    expected = {e.lower() for e in span.expected}
    return any(s.lower() in expected for f in flags for s in f.suggestions[:k])


TITLE_WHOLE_SHARE = 0.8


def _covered_share(span: GoldSpan, flags: Sequence[Flag]) -> float:
    covered = set()
    for flag in flags:
        covered.update(range(max(flag.start, span.start), min(flag.end, span.end)))
    return len(covered) / (span.end - span.start) if span.end > span.start else 0.0


def _tally_file(tally: _Tally, annotated: AnnotatedFile, flags: Sequence[Flag]) -> None:
    for flag in flags:
        if any(overlaps(flag.start, flag.end, s.start, s.end) for s in annotated.spans):
            tally.true_positives += 1
            continue
        tally.false_positives.append(flag)
        if {w.lower() for w in WORD_RE.findall(flag.text)} <= annotated.legit_english:
            tally.legit_false_positives += 1
    for span in annotated.spans:
        hits = [f for f in flags if overlaps(f.start, f.end, span.start, span.end)]
        tally.gold[span.kind] += 1
        tally.found[span.kind] += bool(hits)
        if span.kind == "title":
            tally.titles_whole += _covered_share(span, hits) >= TITLE_WHOLE_SHARE
        if span.expected:
            tally.with_expected += 1
            tally.top[1] += _suggested_within(span, hits, 1)
            tally.top[3] += _suggested_within(span, hits, 3)


def score(corpus: Corpus, run: SystemRun) -> SystemResult:
    if not run.flags and corpus.files:
        return SystemResult(run.system, run.note, None)
    tally = _Tally()
    for annotated, flags in zip(corpus.files, run.flags, strict=True):
        _tally_file(tally, annotated, flags)
    findings = tally.true_positives + len(tally.false_positives)
    gold, found = sum(tally.gold.values()), sum(tally.found.values())
    precision, recall = ratio(tally.true_positives, findings), ratio(found, gold)
    per_10k = 10_000 / corpus.words if corpus.words else 0.0
    fps = len(tally.false_positives)
    has_suggestions = run.system != "naive"
    metrics = Metrics(
        findings=findings,
        true_positives=tally.true_positives,
        false_positives=fps,
        gold=gold,
        found=found,
        precision=precision,
        recall=recall,
        f1=f1(precision, recall),
        recall_easy=ratio(tally.found["easy"], tally.gold["easy"]),
        recall_hard=ratio(tally.found["hard"], tally.gold["hard"]),
        recall_title=ratio(tally.found["title"], tally.gold["title"]),
        title_whole=ratio(tally.titles_whole, tally.gold["title"]),
        with_expected=tally.with_expected,
        top1=ratio(tally.top[1], tally.with_expected) if has_suggestions else None,
        top3=ratio(tally.top[3], tally.with_expected) if has_suggestions else None,
        fp_per_10k=fps * per_10k,
        fp_per_10k_excl_legit=(fps - tally.legit_false_positives) * per_10k,
        words=corpus.words,
        seconds=run.seconds,
        words_per_second=corpus.words / run.seconds if run.seconds else None,
    )
    common = Counter(f.text.lower() for f in tally.false_positives)
    return SystemResult(run.system, run.note, metrics, common.most_common(TOP_FALSE_POSITIVES))


def evaluate(corpus: Corpus, systems: Sequence[str] = SYSTEMS) -> CorpusReport:
    runs = [RUNNERS[name](corpus) for name in systems]
    kinds = Counter(s.kind for f in corpus.files for s in f.spans)
    mtfix_output = next((r.output for r in runs if r.output is not None), None)
    return CorpusReport(
        corpus.key,
        len(corpus.files),
        corpus.words,
        corpus.sample,
        dict(kinds),
        [score(corpus, r) for r in runs],
        mtfix_output,
    )


def run_benchmark(
    names: Sequence[str] = CORPUS_NAMES,
    split: str = "all",
    small: bool = False,
    systems: Sequence[str] = SYSTEMS,
    sample: int | None = None,
) -> list[CorpusReport]:
    return [evaluate(c, systems) for c in select_corpora(names, split, small, sample)]


# --- floors ----------------------------------------------------------------------------


FLOOR_RE = re.compile(r"^(?P<target>[\w.\-]+?)\s*(?P<op><=|>=|=)\s*(?P<value>[0-9.]+)$")


@dataclass(frozen=True)
class Floor:
    corpus: str
    system: str
    metric: str
    op: str  # ">=" (a floor) or "<=" (a ceiling)
    value: float

    @property
    def label(self) -> str:
        return f"{self.corpus}.{self.system}.{self.metric}{self.op}{self.value:g}"


def parse_floor(text: str) -> Floor:
    """``seed.recall=0.9``, ``synthetic-test.top1>=0.5``, ``clean-dev.naive.fp_per_10k<=80``."""
    match = FLOOR_RE.match(text.strip())
    if not match:
        raise ValueError(f"bad floor {text!r}: expected CORPUS[.SYSTEM].METRIC(=|>=|<=)VALUE")
    parts = match["target"].split(".")
    if len(parts) == 2:
        parts.insert(1, "mtfix")
    if len(parts) != 3 or parts[2] not in Metrics.__dataclass_fields__:
        raise ValueError(f"bad floor {text!r}: unknown metric")
    op = "<=" if match["op"] == "<=" else ">="
    return Floor(parts[0], parts[1], parts[2], op, float(match["value"]))


def check_floor(reports: Sequence[CorpusReport], floor: Floor) -> str | None:
    """None when met, else why not."""
    report = next((r for r in reports if r.corpus == floor.corpus), None)
    result = report and next((r for r in report.results if r.system == floor.system), None)
    if result is None or result.metrics is None:
        return f"{floor.label}: no result for {floor.corpus}/{floor.system}"
    value = getattr(result.metrics, floor.metric)
    if value is None:
        return f"{floor.label}: metric undefined"
    met = value >= floor.value if floor.op == ">=" else value <= floor.value
    return None if met else f"{floor.label}: got {value:.4g}"


# --- output ----------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


COLUMNS = (
    "system",
    "P",
    "R",
    "F1",
    "R easy",
    "R hard",
    "R title",
    "title whole",
    "top-1",
    "top-3",
    "FP/10k",
    "FP/10k excl. legit",
    "words/s",
)


def _row(result: SystemResult) -> list[str]:
    m = result.metrics
    if m is None:
        return [result.system, *["—"] * (len(COLUMNS) - 1)]
    return [
        result.system,
        _fmt(m.precision),
        _fmt(m.recall),
        _fmt(m.f1),
        _fmt(m.recall_easy),
        _fmt(m.recall_hard),
        _fmt(m.recall_title),
        _fmt(m.title_whole),
        _fmt(m.top1),
        _fmt(m.top3),
        _fmt(m.fp_per_10k, 1),
        _fmt(m.fp_per_10k_excl_legit, 1),
        _rate(m.words_per_second),
    ]


def render_table(report: CorpusReport) -> Table:
    sample = " (sample)" if report.sample else ""
    gold = ", ".join(f"{report.gold_by_kind.get(k, 0)} {k}" for k in KINDS)
    table = Table(
        title=f"{report.corpus}{sample}: {report.files} files, {report.words:,} words, gold {gold}"
    )
    for name in COLUMNS:
        table.add_column(name, justify="left" if name == "system" else "right")
    for result in report.results:
        table.add_row(*_row(result))
    return table


def render(console: Console, reports: Sequence[CorpusReport]) -> None:
    for report in reports:
        console.print(render_table(report))
        for result in report.results:
            if result.note:
                console.print(f"  {result.system}: {result.note}", highlight=False)
            if result.top_false_positives:
                top = ", ".join(f"{t} ({n})" for t, n in result.top_false_positives)
                console.print(f"  {result.system} top false positives: {top}", highlight=False)
        console.print()


def to_json(reports: Sequence[CorpusReport], floors_failed: Sequence[str]) -> dict:
    return {
        "corpora": [
            {
                **{k: v for k, v in asdict(r).items() if k != "mtfix_output"},
                "mtfix_output": r.mtfix_output,
            }
            for r in reports
        ],
        "floors_failed": list(floors_failed),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        action="append",
        choices=(*CORPUS_NAMES, *DAMAGE_CORPORA),
        help="corpus to run (repeatable; default: seed, clean, synthetic)",
    )
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--json-out", type=Path, default=DEFAULT_JSON)
    parser.add_argument(
        "--floor",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="e.g. seed.recall=0.9, clean-dev.fp_per_10k<=80 (repeatable)",
    )
    parser.add_argument(
        "--small",
        action="store_true",
        help=f"seed + first {SMALL_SAMPLE} files of clean/dev and synthetic/dev",
    )
    parser.add_argument(
        "--system",
        action="append",
        choices=SYSTEMS,
        help="system to run (repeatable; default: all)",
    )
    parser.add_argument(
        "--context",
        action="store_true",
        help=f"also run {CONTEXT_SYSTEM} (needs mtfix[context]) beside mtfix",
    )
    parser.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="N files spread evenly over each corpus (the seed whole): context scoring is slow",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        floors = [parse_floor(f) for f in args.floor]
    except ValueError as error:
        print(f"quality.py: {error}", file=sys.stderr)
        return 2
    console = Console(width=None if sys.stdout.isatty() else 160)
    started = time.perf_counter()
    systems = list(args.system or SYSTEMS)
    if args.context:
        systems.insert(systems.index("mtfix") + 1 if "mtfix" in systems else 0, CONTEXT_SYSTEM)
    reports = run_benchmark(
        args.corpus or CORPUS_NAMES, args.split, args.small, systems, args.sample
    )
    render(console, reports)
    failed = [why for why in (check_floor(reports, f) for f in floors) if why]
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(
        json.dumps(to_json(reports, failed), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    console.print(
        f"total {time.perf_counter() - started:.1f} s; JSON report: {args.json_out}",
        highlight=False,
    )
    for why in failed:
        console.print(f"[red]floor not met[/red] {why}", highlight=False)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
