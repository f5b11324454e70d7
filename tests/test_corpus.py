"""The bad-input corpus: every file gets its specific finding (or is checked normally), nothing
crashes or hangs, and the scanned folder is byte-identical afterwards with nothing added."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from pathlib import Path

import pytest

from fixtures.badinputs import build
from tests.conftest import run_cli


def snapshot(root: Path) -> dict[str, str]:
    """Path -> sha256 (or link target / 'dir') of everything under root, links not followed."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in [*dirnames, *filenames]:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                try:
                    out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
                except PermissionError:
                    out[rel] = f"unreadable:{p.stat().st_size}:{p.stat().st_mtime_ns}"
    return out


def _matches(got: set[str], alternatives: list[str]) -> bool:
    fatal_or_partial = {g for g in got if g.startswith(("F101", "F102", "F103"))}
    for alt in alternatives:
        for want in alt.split("|"):
            if want == "ok" and not fatal_or_partial:
                return True
            pattern = want if ":" in want else want + "*"
            if any(fnmatch.fnmatch(g, pattern) for g in got):
                return True
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    root = tmp_path_factory.mktemp("corpus") / "bad"
    return root, build(root)


@pytest.fixture(scope="module")
def scanned(corpus: tuple[Path, list], tmp_path_factory: pytest.TempPathFactory) -> dict:
    root, _ = corpus
    before = snapshot(root)
    out = tmp_path_factory.mktemp("out") / "report.json"
    proc = run_cli("scan", str(root), "--no-ocr", "--format", "json", "-o", str(out),
                   "--file-timeout", "30")
    return {"proc": proc, "report": json.loads(out.read_text("utf-8")), "before": before,
            "after": snapshot(root)}


def test_corpus_is_large_enough(corpus: tuple[Path, list]) -> None:
    assert len(corpus[1]) >= 200


def test_scan_exits_with_findings_and_no_traceback(scanned: dict) -> None:
    proc = scanned["proc"]
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


def test_every_file_gets_its_finding(corpus: tuple[Path, list], scanned: dict) -> None:
    docs = {d["file"]: d for d in scanned["report"]["documents"]}
    wrong = []
    for case in corpus[1]:
        doc = docs.get(case.name)
        if doc is None:
            wrong.append((case.name, "not in report"))
            continue
        got = {f"{f['code']}:{f['measured']}" if f["category"] == "file" else f["code"]
               for f in doc["findings"]}
        if any(g.startswith("X") for g in got) or not _matches(got, list(case.expect)):
            wrong.append((case.name, sorted(got), case.expect))
    assert not wrong, wrong


def test_no_internal_errors(scanned: dict) -> None:
    cats = scanned["report"]["summary"]["by_category"]
    assert "internal" not in cats


def test_scanned_folder_is_byte_identical(scanned: dict) -> None:
    assert scanned["after"] == scanned["before"]


@pytest.mark.parametrize("command", ["audit", "fix"])
def test_audit_and_fix_leave_the_corpus_and_demo_byte_identical(
        corpus: tuple[Path, list], tmp_path: Path, command: str) -> None:
    import shutil

    from tests.conftest import REPO

    root = tmp_path / "root"
    shutil.copytree(REPO / "fixtures" / "demo", root / "demo")
    bad = corpus[0]
    targets = {"demo": root / "demo", "bad": bad}
    before = {k: snapshot(v) for k, v in targets.items()}
    if command == "audit":
        (root / "bad").symlink_to(bad, target_is_directory=True)
        proc = run_cli("audit", str(root), "--out", str(tmp_path / "out"), "--no-ocr", "-j", "2")
        assert proc.returncode in (0, 1), proc.stderr[-2000:]
        (root / "bad").unlink()
    else:
        for name, src in targets.items():
            proc = run_cli("fix", str(src), "--out", str(tmp_path / f"fixed_{name}"), "--no-ocr")
            assert proc.returncode in (0, 1), proc.stderr[-2000:]
            assert "Traceback" not in proc.stderr
    assert {k: snapshot(v) for k, v in targets.items()} == before
