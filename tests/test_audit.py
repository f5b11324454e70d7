"""`preflight audit`: progress, summary, failures survived, cache reused on the second run."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from preflight.audit import AuditRun, SerialExecutor, audit
from preflight.audit.demo import make_filings
from preflight.model import Severity
from preflight.settings import Settings
from tests.conftest import REPO, invoke_assert_code

N = 50
CHEAP = ("F", "G101", "Q1")  # the machinery is under test, not the (slower) image detectors


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_audit_of_many_filings_then_cached_rerun(tmp_path: Path) -> None:
    root, out = tmp_path / "filings", tmp_path / "out"
    make_filings(root, N, size=800)
    broken = root / "filing-broken"
    broken.mkdir()
    (broken / "filing.toml").write_text("province = 'atlantis'\n", encoding="utf-8")
    (root / "filing-001" / "损坏.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a jpeg")
    args = ["audit", str(root), "--out", str(out), "--jobs", "2", "--no-ocr",
            "--select", ",".join(CHEAP)]
    first = invoke_assert_code(args, 1)
    assert f"{N + 1}/{N + 1}" in first.stderr  # the progress bar's final state
    s = _summary(out)
    assert s["totals"]["filings"] == N + 1 and s["totals"]["cached"] == 0
    assert s["totals"]["failed"] == 1 and 0 < s["totals"]["ready"] < N
    rows = {r["filing"]: r for r in csv.DictReader(
        (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert rows["filing-broken"]["status"] == "failed" and "atlantis" in rows[
        "filing-broken"]["error_message"]
    assert rows["filing-001"]["status"] == "ok" and int(rows["filing-001"]["file"]) >= 1
    assert int(rows["filing-000"]["orientation"]) == 1  # 陕西 with a portrait ID photo
    assert (out / "index.html").is_file() and len(list((out / "reports").glob("*.html"))) == N
    assert "filing-000.html" in (out / "index.html").read_text(encoding="utf-8")

    second = invoke_assert_code(args, 1)
    assert f"{N} from the cache" in second.stderr
    assert _summary(out)["totals"]["cached"] == N  # the failed filing is retried


def test_resume_redoes_only_missing_or_changed_filings(tmp_path: Path) -> None:
    root, out = tmp_path / "filings", tmp_path / "out"
    make_filings(root, 6, size=480)
    plan = AuditRun.plan(root, out, Settings(ocr=False, select=CHEAP))
    assert not any(r.cached for r in audit(plan, SerialExecutor()))
    assert len(list((out / ".cache").glob("*.json"))) == 6
    (out / ".cache" / f"{plan.jobs[1].key}.json").unlink()  # as if interrupted before it ended
    (root / "filing-003" / "营业执照.jpg").write_bytes(
        (root / "filing-002" / "营业执照.jpg").read_bytes())  # content changed
    results = list(audit(AuditRun.plan(root, out, Settings(ocr=False, select=CHEAP)), SerialExecutor()))
    assert sum(r.cached for r in results) == 4
    assert {r.name for r in results if not r.cached} == {"filing-001", "filing-003"}
    stricter = Settings(ocr=False, select=CHEAP, fail_on=Severity.WARNING)
    other = list(audit(AuditRun.plan(root, out, stricter), SerialExecutor()))
    assert not any(r.cached for r in other)  # other settings, other keys


def test_out_inside_a_filing_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "filings"
    make_filings(root, 2, size=480)
    invoke_assert_code(["audit", str(root), "--out", str(root / "filing-000" / "o")], 2)


FILINGS = 36


def test_interrupted_audit_resumes_without_redoing_finished_filings(tmp_path: Path) -> None:
    """Ctrl-C after two filings; the rerun takes those from the cache. FILINGS is large enough
    (~0.1 s each) that the audit is still running when a loaded machine delivers the signal."""
    root, out = tmp_path / "filings", tmp_path / "out"
    make_filings(root, FILINGS, size=1600)
    cmd = [sys.executable, "-m", "preflight", "audit", str(root), "--out", str(out),
           "--jobs", "1", "--no-ocr", "--select", ",".join(CHEAP)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cache = out / ".cache"
    deadline = time.monotonic() + 120
    while len(list(cache.glob("*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    done = len(list(cache.glob("*.json")))
    if proc.returncode in (0, 1):
        pytest.skip("the audit finished before it could be interrupted (very fast machine)")
    assert proc.returncode == 130, err.decode()
    assert 2 <= done < FILINGS
    second = invoke_assert_code(cmd[3:], 1)
    assert f"{done} from the cache" in second.stderr
    assert _summary(out)["totals"]["filings"] == FILINGS


def test_unit_of_work_is_plain_data(tmp_path: Path) -> None:
    """Jobs pickle (for any process pool or cluster) and results survive a JSON round trip."""
    import pickle

    from preflight.audit import FilingResult, audit_filing, discover

    root = tmp_path / "filings"
    make_filings(root, 1, size=800)
    (job,) = discover(root, Settings(ocr=False, select=CHEAP))
    job2 = pickle.loads(pickle.dumps(job))
    assert job2 == job
    result = audit_filing(job2)
    assert result.status == "ok" and result.files == 3 and result.html
    again = FilingResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result
