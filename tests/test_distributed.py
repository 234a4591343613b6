"""The Python API on a Dask cluster gives what a local run gives (``mtfix[dask]``).

The test starts a local cluster of two worker processes, so every text and every
finding crosses a process boundary as it would between machines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mtfix.api import check_text

distributed = pytest.importorskip("distributed")

CORPORA = Path(__file__).parent.parent / "benchmarks" / "corpora"


def _articles() -> list[Path]:
    synthetic = sorted((CORPORA / "synthetic" / "dev").glob("*.txt"))[::30]
    clean = sorted((CORPORA / "clean" / "dev").glob("*.txt"))[::60]
    return [*synthetic, *clean]


def check_article(path: str, text: str) -> list:
    return check_text(text, path=path)


def test_a_dask_cluster_finds_what_a_local_run_finds() -> None:
    paths = [str(p) for p in _articles()]
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    local = [check_article(p, t) for p, t in zip(paths, texts, strict=True)]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = client.gather(client.map(check_article, paths, texts))
        workers = client.run(lambda: __import__("os").getpid())
    assert remote == local
    assert len(set(workers.values())) == 2
    assert sum(map(len, local)) > 20
