"""End-to-end scan: bad files give `file` findings and the rest of the folder is still checked;
the JSON output validates against the documented schema; exit codes follow --fail-on."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import jsonschema
import numpy as np
import pytest

from tests.conftest import REPO, invoke_assert_code
from tests.imagegen import text_page, text_pdf, write_jpeg

SCHEMA = json.loads((REPO / "preflight" / "schema" / "report.schema.json").read_text("utf-8"))


def colour_page(width: int, height: int) -> np.ndarray:
    """A text page with a red seal at the top centre: a colour original, not a grayscale copy."""
    page = text_page(width, height)
    cv2.circle(page, (width // 2, height // 10), min(width, height) // 10, (40, 40, 200), -1)
    return page


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """A good landscape photo, a portrait photo, a corrupt JPEG, an empty file, a PDF named .jpg."""
    folder = tmp_path / "filing"
    folder.mkdir()
    write_jpeg(folder / "营业执照.jpg", colour_page(1600, 1100))
    write_jpeg(folder / "身份证正面.jpg", colour_page(1100, 1600))
    (folder / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x13" * 500)
    (folder / "empty.png").write_bytes(b"")
    text_pdf(folder / "授权书.jpg", ["Authorization letter", "2026-11-01"])
    return folder


def _scan_json(args: list[str], code: int) -> dict:
    report = json.loads(invoke_assert_code(["scan", *args, "--format", "json"], code).stdout)
    jsonschema.validate(report, SCHEMA)
    return report


def _codes(report: dict) -> dict[str, set[str]]:
    return {d["file"]: {f["code"] for f in d["findings"]} for d in report["documents"]}


def test_bad_files_are_reported_and_the_rest_is_checked(mixed_folder: Path) -> None:
    report = _scan_json([str(mixed_folder), "--province", "陕西", "--no-ocr"], 1)
    codes = _codes(report)
    assert codes["corrupt.jpg"] == {"F101"}
    assert codes["empty.png"] == {"F101"}
    assert codes["授权书.jpg"] == {"F103", "G101"}  # a PDF named .jpg is still checked as a PDF
    assert codes["身份证正面.jpg"] == {"G101"}
    assert codes["营业执照.jpg"] == set()
    by_file = {d["file"]: d for d in report["documents"]}
    assert by_file["授权书.jpg"]["sniffed_type"] == "pdf"
    assert by_file["身份证正面.jpg"]["role"] == "id_front"
    assert by_file["身份证正面.jpg"]["role_source"] == "file_name"
    assert report["summary"]["counts"]["error"] == 5


def test_portrait_is_fine_outside_landscape_provinces(mixed_folder: Path) -> None:
    codes = _codes(_scan_json([str(mixed_folder), "--province", "北京", "--no-ocr"], 1))
    assert "G101" not in codes["身份证正面.jpg"]


def test_exit_code_follows_fail_on(tmp_path: Path) -> None:
    write_jpeg(tmp_path / "small.jpg", colour_page(900, 600))  # long side < 1000: Q101 warning
    report = _scan_json([str(tmp_path), "--no-ocr"], 0)
    assert {f["code"] for d in report["documents"] for f in d["findings"]} == {"Q101"}
    _scan_json([str(tmp_path), "--no-ocr", "--fail-on", "warning"], 1)
    assert report["summary"]["ready"] is True


def test_filing_toml_is_found_and_cli_overrides_it(tmp_path: Path) -> None:
    write_jpeg(tmp_path / "photo.jpg", colour_page(1100, 1600))
    (tmp_path / "filing.toml").write_text(
        'province = "上海"\nsubmission_date = 2026-12-01\n[[attachments]]\n'
        'file = "photo.jpg"\nrole = "id_back"\nperson = "app_owner"\n', encoding="utf-8")
    report = _scan_json([str(tmp_path), "--no-ocr"], 1)
    assert report["inputs"]["province"] == "上海"
    assert report["inputs"]["submission_date"] == "2026-12-01"
    doc = report["documents"][0]
    assert (doc["role"], doc["role_source"], doc["person"]) == ("id_back", "filing", "app_owner")
    _scan_json([str(tmp_path), "--no-ocr", "--province", "北京"], 0)


def test_invalid_filing_toml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "filing.toml").write_text('province = "陕西"\nprovence = 1\n', encoding="utf-8")
    result = invoke_assert_code(["scan", str(tmp_path)], 2)
    assert "provence" in result.stderr


def test_text_report_shows_both_languages_and_the_verdict(mixed_folder: Path) -> None:
    out = invoke_assert_code(["scan", str(mixed_folder), "--province", "陕西", "--no-ocr"], 1).stdout
    assert "陕西管局要求所有附件横向展示" in out and "requires landscape attachments" in out
    assert "not ready to submit" in out
    assert out.index("corrupt.jpg") < out.index("营业执照.jpg")  # worst files first


def test_output_file(tmp_path: Path, mixed_folder: Path) -> None:
    out = tmp_path / "r.json"
    invoke_assert_code(["scan", str(mixed_folder), "--no-ocr", "--format", "json", "-o", str(out)], 1)
    jsonschema.validate(json.loads(out.read_text("utf-8")), SCHEMA)


def test_limit_flags_apply(tmp_path: Path) -> None:
    write_jpeg(tmp_path / "a.jpg", text_page(1600, 1200))
    report = _scan_json([str(tmp_path), "--no-ocr", "--max-pixels", "1000000"], 1)
    finding = report["documents"][0]["findings"][0]
    assert (finding["code"], finding["measured"]) == ("F101", "too_many_pixels")
    report = _scan_json([str(tmp_path), "--no-ocr", "--max-file-mb", "0.01"], 1)
    assert report["documents"][0]["findings"][0]["measured"] == "too_large_file"
    invoke_assert_code(["scan", str(tmp_path), "--max-pages", "0"], 2)
