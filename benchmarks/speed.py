"""Speed of mtfix beside its peers, on the same files, in one run.

    python benchmarks/speed.py [--quick] [--files 2000] [--runs 5] [--context 40]
                               [--context-only] [--mtfix-src OTHER_CHECKOUT/src]

Builds a corpus of article files (~2.5 kB each) by cutting the clean and synthetic
development corpora into paragraphs and regrouping them deterministically, then
measures: start-up on a one-line file (and on a clean one); single-process throughput
(words/s, with and without suggestions); the speed-up of ``-j 2`` over ``-j 1``; peak memory of the
largest process; and codespell and Grammalecte (Debian ``grammalecte-cli``) on the
same files when installed. CPU-time figures are printed too: on a shared machine
they are steadier than wall time. ``--context N`` adds the cost of ``--context``
(needs ``mtfix[context]``): N of the articles with and without it, and the seed, in
seconds per 1,000 words and peak memory (``--context-only``: those runs alone, N = 10 by
default). ``--mtfix-src`` times the mtfix whose sources are there (another checkout's
``src``, e.g. the commit before a change) instead of the installed one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from startup import mtfix_command, one_line_file, script, startup_times

CORPORA = Path(__file__).parent / "corpora"
SOURCES = ("clean/dev", "synthetic/dev")
ARTICLE_CHARS = 2500
GRAMMALECTE_WORDS = 20_000  # Grammalecte is slow: measured on a sample of this size
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss)\n"
)


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, all processes
    peak_kb: int  # largest resident set among the processes


def paragraphs() -> list[str]:
    found = []
    for source in SOURCES:
        for path in sorted((CORPORA / source).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            found.extend(p.strip() for p in text.split("\n\n") if len(p.split()) >= 5)
    return found


def build_corpus(folder: Path, files: int) -> tuple[list[Path], int]:
    """``files`` articles of about ARTICLE_CHARS characters; returns them and the words."""
    pool = paragraphs()
    paths, words, cursor = [], 0, 0
    for index in range(files):
        parts: list[str] = []
        while sum(len(p) for p in parts) < ARTICLE_CHARS:
            parts.append(pool[cursor % len(pool)])
            cursor += 7  # a stride prime to most pool sizes: varied neighbours
        text = "\n\n".join(parts) + "\n"
        path = folder / f"{index // 100:02d}" / f"article-{index:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words


def measure(command: list[str]) -> Run:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    wall, cpu, peak = out.stdout.split()
    return Run(float(wall), float(cpu), int(peak))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 files instead of 2,000")
    parser.add_argument("--files", type=int)
    parser.add_argument("--runs", type=int, default=5, help="start-up runs")
    parser.add_argument(
        "--context", type=int, default=0, metavar="N", help="also time --context on N articles"
    )
    parser.add_argument(
        "--context-only", action="store_true", help="only the --context runs (and theirs without)"
    )
    parser.add_argument("--mtfix-src", type=Path, help="time the mtfix in this src folder")
    args = parser.parse_args()
    files = args.files or (200 if args.quick else 2000)
    context_words: dict[str, int] = {}
    console = Console()
    mtfix = mtfix_command(args.mtfix_src)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        paths, words = build_corpus(corpus, files)
        size = sum(p.stat().st_size for p in paths)
        console.print(f"corpus: {files:,} files, {size / 1e6:.1f} MB, {words:,} words")
        runs: dict[str, Run] = {}
        grammalecte_words = 0
        if not args.context_only:
            starts = startup_times(one_line_file(folder), args.runs, mtfix)
            grammalecte_words = _peer_runs(runs, mtfix, corpus, paths, folder)
        if args.context or args.context_only:
            context_words = _context_runs(runs, mtfix, paths[: args.context or 10], folder)
    if args.context_only:
        _print_context(console, runs, context_words)
        return
    table = Table(title=f"Speed on {files:,} files ({size / 1e6:.1f} MB, {words:,} words)")
    for column in ("tool", "words/s", "wall s", "CPU s", "peak MB", "start-up s (CPU)"):
        table.add_column(column, justify="left" if column == "tool" else "right")
    base = runs["mtfix -j 1"]
    for name, run in runs.items():
        counted = {"grammalecte-cli": grammalecte_words, **context_words}.get(name, words)
        tool = name.split(" ")[0]
        start = {"mtfix": "mtfix check", "codespell": "codespell"}.get(tool)
        startup = f"{starts[start][0]:.3f} ({starts[start][1]:.3f})" if start in starts else "—"
        table.add_row(
            name,
            f"{counted / run.wall:,.0f}",
            f"{run.wall:.2f}",
            f"{run.cpu:.2f}",
            f"{run.peak_kb / 1024:.0f}",
            startup,
        )
    console.print(table)
    j2 = runs["mtfix -j 2"]
    console.print(f"-j 2 speed-up over -j 1: {base.wall / j2.wall:.2f}×")
    for peer in ("codespell", "grammalecte-cli"):
        if peer in runs:
            peer_counted = grammalecte_words if peer == "grammalecte-cli" else words
            ratio = (words / base.wall) / (peer_counted / runs[peer].wall)
            by_cpu = (words / base.cpu) / (peer_counted / runs[peer].cpu)
            console.print(
                f"mtfix -j 1 throughput / {peer}: {ratio:.2f}× (by CPU time: {by_cpu:.2f}×)"
            )
    if "codespell" not in runs:
        console.print("codespell: not installed (pip install codespell to compare)")
    _print_context(console, runs, context_words)
    if "mtfix check, clean" in starts:
        wall, cpu = starts["mtfix check, clean"]
        console.print(
            f"start-up, clean one-line file: mtfix check {wall:.3f} s ({cpu:.3f} s CPU); "
            "the table's start-up column: a line with two English words"
        )
    py = starts["python -c pass"][0]
    console.print(f"python -c pass: {py:.3f} s (the interpreter's floor)")


def _peer_runs(
    runs: dict[str, Run], mtfix: list[str], corpus: Path, paths: list[Path], folder: Path
) -> int:
    """mtfix with -j 1 and 2, codespell and Grammalecte on the corpus; returns the words of
    Grammalecte's sample (0 when it is not installed)."""
    check = [*mtfix, "check", str(corpus), "--format", "jsonl"]
    runs["mtfix -j 1"] = measure([*check, "-j", "1"])
    runs["mtfix -j 1 --no-suggestions"] = measure([*check, "-j", "1", "--no-suggestions"])
    runs["mtfix -j 2"] = measure([*check, "-j", "2"])
    codespell = script("codespell")
    if codespell:
        runs["codespell"] = measure([codespell, str(corpus)])
    if not shutil.which("grammalecte-cli"):
        return 0
    sample, grammalecte_words = _sample(paths, folder / "sample.txt")
    runs["grammalecte-cli"] = measure(["grammalecte-cli", "-f", str(sample), "-j"])
    return grammalecte_words


def _print_context(console: Console, runs: dict[str, Run], context_words: dict[str, int]) -> None:
    for name, run in runs.items():
        if name.endswith("--context"):
            plain = runs[name.removesuffix(" --context")]
            per_thousand = 1000 / context_words[name]
            console.print(
                f"{name}: {run.wall * per_thousand:.2f} s wall, {run.cpu * per_thousand:.2f} s CPU "
                f"per 1,000 words (without: {plain.wall * per_thousand:.2f} s wall), "
                f"peak {run.peak_kb / 1024:.0f} MB ({run.wall:.2f} s wall, {run.cpu:.2f} s CPU)"
            )


def _context_runs(
    runs: dict[str, Run], mtfix: list[str], paths: list[Path], folder: Path
) -> dict[str, int]:
    """Time ``--context`` beside the plain check on the same few articles and on the seed
    (a spun article: the spun-french-word rule only scores documents that show damage).
    Returns the words each added run checked."""
    subset = folder / "context"
    subset.mkdir()
    words = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        (subset / path.name).write_text(text, encoding="utf-8")
        words += len(text.split())
    seed = next((CORPORA / "seed").glob("*.txt"))
    seed_words = len(seed.read_text(encoding="utf-8").split())
    counted = {}
    for name, target, count in (
        (f"{len(paths)} articles", subset, words),
        ("seed", seed, seed_words),
    ):
        check = [*mtfix, "check", str(target), "--format", "jsonl", "-j", "1"]
        runs[f"mtfix {name}"] = measure(check)
        runs[f"mtfix {name} --context"] = measure([*check, "--context"])
        counted[f"mtfix {name}"] = counted[f"mtfix {name} --context"] = count
    return counted


def _sample(paths: list[Path], target: Path) -> tuple[Path, int]:
    texts, words = [], 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        words += len(text.split())
        if words >= GRAMMALECTE_WORDS:
            break
    target.write_text("\n".join(texts), encoding="utf-8")
    return target, words


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
