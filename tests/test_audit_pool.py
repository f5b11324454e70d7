"""The local pool's scheduling and fork server: largest filings first, a fork-safe preload."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from preflight.audit import AuditRun, FilingJob, audit
from preflight.audit.runner import folder_bytes
from preflight.pool import wants_local_pool
from preflight.settings import Settings
from tests.conftest import REPO

J = TypeVar("J")
R = TypeVar("R")


class Recorder:
    """An executor that records the order in which it is handed jobs and runs none."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | BaseException]]:
        """Yields a failure for every job, in the order received."""
        for job in jobs:
            assert isinstance(job, FilingJob)
            self.order.append(job.name)
            yield job, RuntimeError("not run")


def test_largest_filings_are_handed_out_first(tmp_path: Path) -> None:
    root = tmp_path / "filings"
    for name, size in (("a-small", 10), ("b-large", 3000), ("c-mid", 500), ("d-mid", 500)):
        (root / name).mkdir(parents=True)
        (root / name / "x.jpg").write_bytes(b"\xff" * size)
    assert folder_bytes(root / "b-large") == 3000
    recorder = Recorder()
    results = list(audit(AuditRun.plan(root, tmp_path / "out", Settings(ocr=False)), recorder))
    assert recorder.order == ["b-large", "c-mid", "d-mid", "a-small"]  # ties by name
    assert sorted(r.name for r in results) == ["a-small", "b-large", "c-mid", "d-mid"]
    assert {r.status for r in results} == {"failed"}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in Linux /proc")
def test_fork_server_preload_starts_no_thread() -> None:
    """The fork server forks every worker: it must hold no thread when it does (onnxruntime's
    import starts one; OpenBLAS starts its pool unless the thread limit is set first)."""
    code = ("import os, sys\n"
            "from preflight.workers import limit_threads\n"
            "limit_threads()\n"
            "import preflight.audit.preload\n"
            "print('onnxruntime' in sys.modules, len(os.listdir('/proc/self/task')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["False", "1"]


@pytest.mark.parametrize(("argv", "cores", "expected"), [
    (["audit", "root", "--out", "o"], 2, True),
    (["-v", "audit", "root", "--out", "o", "--jobs", "2"], 2, True),
    (["audit", "root", "-j4"], 2, True),
    (["audit", "root", "--jobs=3"], 1, True),
    (["audit", "root", "--out", "o"], 1, False),  # one core: the serial executor
    (["audit", "root", "--jobs", "1"], 2, False),
    (["audit", "root", "-j", "1"], 2, False),
    (["audit", "root", "--scheduler", "tcp://h:8786"], 2, False),
    (["audit", "--help"], 2, False),
    (["scan", "audit"], 2, False),  # a folder named audit
    ([], 2, False),
])
def test_fork_server_starts_early_only_for_a_local_pool(
        argv: list[str], cores: int, expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    assert wants_local_pool(argv) is expected
