"""Check many files, in parallel when it pays, yielding results in input order.

Workers are processes: each loads the word lists once (an initializer warms the
lexicon) and checks files in small chunks. Results come back without the file text
(line starts are enough to place findings), so a huge run keeps no texts in memory.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .report import FileResult
from .runner import Job, check_path

if TYPE_CHECKING:
    from concurrent.futures import Future
    from concurrent.futures import ProcessPoolExecutor as Pool

SERIAL_MAX_FILES = 2  # fewer files than this do not pay a pool's start-up
CHUNK_FILES = 4  # files per task: amortises inter-process messages
IN_FLIGHT_PER_WORKER = 4  # chunks queued ahead per worker: bounds memory, keeps workers busy


def ProcessPoolExecutor(**options: Any) -> Pool:
    """A process pool; its modules load only when a run goes parallel (start-up)."""
    from concurrent.futures import ProcessPoolExecutor as Pool

    return Pool(**options)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_job(job: Job, keep_text: bool = False) -> FileResult:
    """Check one file; any failure becomes the file's error, never the run's."""
    try:
        result = check_path(job.path, job.options)
    except Exception as error:  # a bug on one file must not stop the batch
        return FileResult(job.path, error=f"internal error: {type(error).__name__}: {error}")
    return result if keep_text else replace(result, text="")


def _check_chunk(jobs: Sequence[Job], keep_text: bool) -> list[FileResult]:
    return [check_job(job, keep_text) for job in jobs]


def _init_worker() -> None:
    """Leave Ctrl-C to the parent (no traceback per worker) and load the lexicon once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .lexicon import default_lexicon

    default_lexicon()


def run_batch(
    jobs: Sequence[Job], workers: int | None = None, keep_text: bool = False
) -> Iterator[FileResult]:
    """Results of ``jobs``, in order, whatever the scheduling. ``workers`` defaults to
    the CPU cores; 1, a run of one or two files, or standard input: this process."""
    workers = workers or default_jobs()
    serial = workers <= 1 or len(jobs) <= SERIAL_MAX_FILES or any(job.path == "-" for job in jobs)
    if serial:
        for job in jobs:
            yield check_job(job, keep_text)
        return
    yield from _parallel(jobs, min(workers, len(jobs)), keep_text)


def _parallel(jobs: Sequence[Job], workers: int, keep_text: bool) -> Iterator[FileResult]:
    size = max(1, min(CHUNK_FILES, len(jobs) // (workers * 4) or 1))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    pending: deque[tuple[Sequence[Job], Future[list[FileResult]]]] = deque()
    next_chunk = 0
    interrupted = False
    try:
        while pending or next_chunk < len(chunks):
            while next_chunk < len(chunks) and len(pending) < workers * IN_FLIGHT_PER_WORKER:
                chunk = chunks[next_chunk]
                pending.append((chunk, _submit(pool, chunk, keep_text)))
                next_chunk += 1
            chunk, future = pending.popleft()
            yield from _chunk_results(chunk, future)
    except BaseException:
        interrupted = True
        raise
    finally:
        _shut_down(pool, interrupted)


def _submit(pool: Pool, chunk: Sequence[Job], keep_text: bool) -> Future[list[FileResult]]:
    try:
        return pool.submit(_check_chunk, chunk, keep_text)
    except Exception as error:  # the pool broke earlier: these files fail too
        from concurrent.futures import Future

        failed: Future[list[FileResult]] = Future()
        failed.set_exception(error)
        return failed


def _chunk_results(chunk: Sequence[Job], future: Future[list[FileResult]]) -> list[FileResult]:
    try:
        return future.result()
    except Exception as error:  # a worker died (killed, out of memory): report, go on
        cause = f"worker failed: {type(error).__name__}: {error}"
        return [FileResult(job.path, error=cause) for job in chunk]


def _shut_down(pool: Pool, interrupted: bool) -> None:
    if interrupted:
        # Stop now: drop queued chunks and end the workers busy with a file.
        processes = dict(getattr(pool, "_processes", None) or {})
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.join(timeout=2)
    else:
        pool.shutdown(wait=True)
