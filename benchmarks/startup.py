"""Start-up time: median wall time of ``mtfix check`` on a one-line file with two English
words (found, with suggestions) and on a clean one-line file.

    python benchmarks/startup.py [--runs 15]

Printed next to ``python -c pass`` (the interpreter's own floor) and codespell on the
same file when it is installed.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_LINE = "Le viewpoint des experts reste unachievable.\n"
CLEAN_LINE = "Le point de vue des experts reste inchangé.\n"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of ``command`` over ``runs`` runs, after one warm-up run."""
    return timed(command, runs)[0]


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """(median wall time, median CPU time) of ``command``; CPU time is the figure to
    trust on a loaded machine."""
    subprocess.run(command, capture_output=True, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        cpu = _children_cpu()
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def one_line_file(folder: Path) -> Path:
    path = folder / "one-line.txt"
    path.write_text(ONE_LINE, encoding="utf-8")
    (folder / "clean-line.txt").write_text(CLEAN_LINE, encoding="utf-8")
    return path


def script(name: str) -> str | None:
    """The console script installed beside this Python (not a pyenv shim: a shim is a
    shell script that adds ~0.3 s to every run), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def mtfix_command(source: Path | None = None) -> list[str]:
    """The installed console script, or the mtfix whose sources are in ``source``, started
    as the console script starts it (``mtfix.entry``; ``mtfix.cli`` in older sources)."""
    start = (
        "try:\n from mtfix.entry import main\nexcept ImportError:\n from mtfix.cli import main\n"
    )
    if source is not None:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)], check=False)
        run = f"import sys; sys.path.insert(0, {str(source.resolve())!r})\n"
        return [sys.executable, "-c", run + start + "main()"]
    found = script("mtfix")
    return [found] if found else [sys.executable, "-c", start + "main()"]


def compile_mtfix() -> None:
    """Write mtfix's bytecode, as pip does when it installs a package: an editable install
    run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every
    start (~0.1 s), which no installed copy does."""
    import importlib.util

    spec = importlib.util.find_spec("mtfix")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=False)


def startup_times(
    path: Path, runs: int, mtfix: list[str] | None = None
) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds per tool: ``python -c pass``, ``mtfix check`` (and on the
    clean line written beside ``path``), and ``codespell`` if installed."""
    compile_mtfix()
    mtfix = mtfix or mtfix_command()
    times = {
        "python -c pass": timed([sys.executable, "-c", "pass"], runs),
        "mtfix check": timed([*mtfix, "check", str(path)], runs),
    }
    clean = path.parent / "clean-line.txt"
    if clean.exists():
        times["mtfix check, clean"] = timed([*mtfix, "check", str(clean)], runs)
    codespell = script("codespell")
    if codespell:
        times["codespell"] = timed([codespell, str(path)], runs)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        times = startup_times(one_line_file(Path(folder)), args.runs)
    for name, (wall, cpu) in times.items():
        print(f"{name:18} {wall:6.3f} s wall, {cpu:6.3f} s CPU  (median of {args.runs})")
    if "codespell" not in times:
        print("codespell        not installed")


if __name__ == "__main__":
    main()
