"""`preflight audit --scheduler`: a two-worker LocalCluster on loopback gives the local results."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from preflight.audit import AuditRun, SerialExecutor, audit
from preflight.audit.dask_executor import DaskExecutor
from preflight.audit.demo import make_filings
from preflight.errors import ConfigError
from preflight.settings import Settings
from tests.conftest import invoke_assert_code

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

N = 4


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Address of a LocalCluster: 2 worker processes, 1 thread each, loopback, no dashboard."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       worker_dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close(timeout=30)


@pytest.fixture(scope="module")
def filings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("filings")
    make_filings(root, N, size=480)
    return root


def _comparable(report: dict[str, Any] | None) -> dict[str, Any]:
    """The JSON report without wall times (the only part allowed to differ between runs)."""
    assert report is not None
    data = json.loads(json.dumps(report))
    for doc in data["documents"]:
        doc.pop("elapsed_ms", None)
    return data


def _results(root: Path, out: Path, executor: Any) -> dict[str, Any]:
    plan = AuditRun.plan(root, out, Settings(ocr=False))
    return {r.name: r for r in audit(plan, executor)}


def test_dask_results_identical_to_local(scheduler: str, filings: Path, tmp_path: Path) -> None:
    local = _results(filings, tmp_path / "local", SerialExecutor())
    remote = _results(filings, tmp_path / "dask", DaskExecutor(scheduler))
    assert sorted(remote) == sorted(local) and len(local) == N
    for name, mine in local.items():
        theirs = remote[name]
        assert theirs.status == mine.status == "ok"
        assert (theirs.ready, theirs.counts, theirs.by_category) == (
            mine.ready, mine.counts, mine.by_category)
        assert _comparable(theirs.report) == _comparable(mine.report)
    assert any(not r.ready for r in local.values())  # the comparison covers findings


def test_cli_scheduler_progress_and_cache(scheduler: str, filings: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["audit", str(filings), "--out", str(out), "--scheduler", scheduler, "--no-ocr"]
    first = invoke_assert_code(args, 1)
    assert f"{N}/{N}" in first.stderr and "0 from the cache" in first.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["filings"] == N
    second = invoke_assert_code(args, 1)
    assert f"{N} from the cache" in second.stderr


def test_unreachable_scheduler_is_a_configuration_error(filings: Path, tmp_path: Path) -> None:
    executor = DaskExecutor("tcp://127.0.0.1:9", connect_timeout=2)
    with pytest.raises(ConfigError, match="cannot reach the dask scheduler"):
        list(executor.run(len, ["job"]))


def test_jobs_and_scheduler_exclude_each_other(filings: Path, tmp_path: Path) -> None:
    result = invoke_assert_code(["audit", str(filings), "--out", str(tmp_path / "o"), "--jobs", "2",
                                 "--scheduler", "tcp://127.0.0.1:9"], 2)
    assert "exclude each other" in result.stderr
