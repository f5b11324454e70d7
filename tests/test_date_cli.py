"""End to end: filing.toml supplies dates, the JSON report carries the date findings."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import numpy as np
from PIL import Image

from tests.conftest import invoke_assert_code


def _folder(tmp_path: Path, valid_until: str) -> Path:
    Image.fromarray(np.full((900, 1400, 3), 235, np.uint8)).save(tmp_path / "back.png")
    (tmp_path / "filing.toml").write_text(
        'province = "广东"\nsubmission_date = 2026-11-22\n\n[[attachments]]\n'
        f'file = "back.png"\nrole = "id_back"\nvalid_until = {valid_until}\n', encoding="utf-8")
    return tmp_path


def test_user_supplied_validity_too_short_fails_the_scan(tmp_path: Path) -> None:
    out = invoke_assert_code(["scan", str(_folder(tmp_path, "2027-01-01")), "--no-ocr",
                              "--format", "json"], 1)
    report = json.loads(out.stdout)
    codes = [f["code"] for d in report["documents"] for f in d["findings"]]
    assert "D102" in codes
    finding = next(f for d in report["documents"] for f in d["findings"] if f["code"] == "D102")
    assert finding["threshold"] == "2027-02-22" and "filing.toml" in finding["message_zh"]


def test_user_supplied_valid_date_passes(tmp_path: Path) -> None:
    from preflight.cli import main

    out = tmp_path / "report.json"
    # other findings (e.g. 广东 filing rules on a blank page) may set the exit code
    with contextlib.suppress(SystemExit):
        main(["scan", str(_folder(tmp_path, "2036-01-01")), "--no-ocr", "--format", "json",
              "-o", str(out)])
    report = json.loads(out.read_text(encoding="utf-8"))
    codes = [f["code"] for d in report["documents"] for f in d["findings"]]
    assert report["documents"] and not [c for c in codes if c.startswith("D")]
