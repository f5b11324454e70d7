"""The role-known photocopy evaluation: label-to-role mapping and a run on real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.eval.photocopy_role import main, role_of
from preflight.filing import Role


@pytest.mark.parametrize(("doc_type", "role"), [
    ("idcard_front", Role.ID_FRONT),
    ("idcard_back", Role.ID_BACK),
    ("foreign_id_grayscale_copy_photo", Role.ID_FRONT),
    ("passport_specimen", Role.ID_FRONT),
    ("business_license_old_style", Role.BUSINESS_LICENSE),
    ("receipt_scan", None),
    ("printed_page_bw_scan", None),
])
def test_role_of_doc_type(doc_type: str, role: Role | None) -> None:
    assert role_of(doc_type) is role


def test_absent_data_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 0
    assert "real data absent" in capsys.readouterr().out


def test_real_gray_copies_of_known_ids_are_found(real_data: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """With the role known, every generated gray ID crop is flagged and precision holds."""
    assert main([str(real_data)]) == 0
    out = capsys.readouterr().out
    assert "hks5201106166__idcard_generator: TP 47 FP 0 FN 0" in out
    head = out.splitlines()[0]
    precision = float(head.split(" P ")[1].split()[0])
    assert precision >= 0.9, head
