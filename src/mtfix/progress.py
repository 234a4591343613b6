"""A progress bar on standard error, only when it is a terminal."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .consoles import PlainConsole, plainly_not_a_terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


class BatchProgress(AbstractContextManager["BatchProgress"]):
    """Files done, findings so far, files per second and time left; silent when
    ``console`` is not a terminal (piped, redirected, CI logs)."""

    showing = False  # a batch's bar is on the terminal (no other live display then)

    def __init__(self, total: int, console: Console | PlainConsole | None = None) -> None:
        if console is None:
            piped = plainly_not_a_terminal(sys.stderr)
            console = PlainConsole(stderr=True) if piped else stderr_console()
        self.console = console
        self.enabled = self.console.is_terminal and total > 1
        self._progress: Progress | None = None
        self._task: Any = None
        self._total = total
        self.findings = 0

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.progress import (  # only on a terminal: saves start-up when piped
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · {task.fields[findings]:,} findings"),
                TextColumn("· {task.fields[rate]} files/s"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
                # Text output goes through the live display only when stdout is this terminal.
                redirect_stdout=sys.stdout.isatty(),
                redirect_stderr=True,
            )
            self._progress.start()
            BatchProgress.showing = True
            self._task = self._progress.add_task("check", total=self._total, findings=0, rate="—")
        return self

    def advance(self, findings: int) -> None:
        self.findings += findings
        if self._progress is None or self._task is None:
            return
        task = self._progress.tasks[0]
        speed = task.speed
        rate = f"{speed:,.0f}" if speed else "—"
        self._progress.update(self._task, advance=1, findings=self.findings, rate=rate)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
            BatchProgress.showing = False


class ScoringProgress:
    """Sentences the language model has scored in the document being checked, with the
    time spent: a Rich bar on standard error while the document is scored, when it is a
    terminal and no batch bar is showing (``--context`` on several files: that bar
    counts the files)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console
        self._progress: Progress | None = None
        self._task: Any = None

    def advance(self, sentences: int) -> None:
        """``sentences`` more were scored."""
        if self._progress is None:
            if BatchProgress.showing or not sys.stderr.isatty():
                return
            self._start()
        assert self._progress is not None
        self._progress.update(self._task, advance=sentences, refresh=True)

    def _start(self) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("context scoring"),
            BarColumn(),  # pulses: how many sentences a document needs is known at its end
            TextColumn("{task.completed:,} sentences"),
            TimeElapsedColumn(),
            console=self.console or stderr_console(),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("context", total=None)

    def done(self) -> None:
        """The document is scored: the bar goes."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
