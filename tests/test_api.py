"""The Python API: check_bytes / check_path return the CLI's report model for one attachment."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

import preflight
from preflight.errors import ConfigError, InputError
from preflight.filing import Filing
from preflight.render.json_format import render
from preflight.settings import Settings
from tests.conftest import invoke_assert_code
from tests.service_images import card_photo, png_bomb, tiff_bomb, tiny_photo


def _codes(report: preflight.report.Report) -> list[str]:
    return [f.code for f in report.findings]


def test_check_bytes_reports_low_resolution_with_bbox_in_full_pixels() -> None:
    report = preflight.check_bytes(tiny_photo(), filename="scan.jpg", role="id_front")
    d = report.to_dict()
    doc = d["documents"][0]
    assert doc["role"] == "id_front" and doc["role_source"] == "filing"
    assert doc["pages"][0]["width"] == 320 and doc["pages"][0]["height"] == 200
    (finding,) = doc["findings"]
    assert finding["code"] == "Q101" and finding["bbox"] == [0, 0, 320, 200]
    assert d["summary"]["ready"] is False and d["filing_findings"] == []


def test_check_bytes_good_photo_is_ready() -> None:
    report = preflight.check_bytes(card_photo(), filename="营业执照.jpg")
    assert report.to_dict()["summary"]["ready"] is True
    assert report.documents[0].role == "business_license"  # inferred from the name


def test_filing_as_dict_applies_province_rules() -> None:
    portrait = card_photo(width=1000, height=1600)
    assert "G101" in _codes(preflight.check_bytes(portrait, filing={"province": "陕西"}))
    assert "G101" not in _codes(preflight.check_bytes(portrait, filing={"province": "广东"}))


def test_filing_as_path_and_object(tmp_path: Path) -> None:
    toml = tmp_path / "filing.toml"
    toml.write_text('province = "shaanxi"\nsubmission_date = 2026-12-01\n', encoding="utf-8")
    portrait = card_photo(width=1000, height=1600)
    report = preflight.check_bytes(portrait, filing=toml)
    assert report.inputs["filing_file"] == str(toml)
    assert report.inputs["submission_date"] == "2026-12-01" and "G101" in _codes(report)
    assert "G101" in _codes(preflight.check_bytes(portrait, filing=Filing(province="山东")))


def test_strict_filing_and_role_validation() -> None:
    with pytest.raises(ConfigError, match="provinse"):
        preflight.check_bytes(card_photo(), filing={"provinse": "陕西"})
    with pytest.raises(ConfigError, match="role"):
        preflight.check_bytes(card_photo(), role="passport")
    with pytest.raises(TypeError):
        preflight.check_bytes("not bytes")  # type: ignore[arg-type]


def test_client_file_name_is_never_a_path(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    report = preflight.check_bytes(tiny_photo(), filename="../../etc/passwd\x00.jpg")
    assert report.documents[0].file == "passwd.jpg"
    assert report.inputs["paths"] == ["passwd.jpg"]
    assert [f.code for f in report.findings] == ["Q101"]  # it was really checked
    assert list(tmp_path.iterdir()) == []  # the private copy is gone


def test_bad_bytes_are_findings_not_exceptions() -> None:
    assert _codes(preflight.check_bytes(b"", filename="a.jpg")) == ["F101"]
    assert "F101" in _codes(preflight.check_bytes(b"%PDF-1.4 broken", filename="a.pdf"))
    bomb = preflight.check_bytes(png_bomb(), settings=Settings().with_limits(max_pixels=50_000_000))
    assert [f.measured for f in bomb.findings] == ["too_many_pixels"]


def test_bomb_hidden_in_a_later_tiff_page_is_refused() -> None:
    report = preflight.check_bytes(tiff_bomb(), filename="scan.tif",
                                   settings=Settings().with_limits(max_pixels=50_000_000))
    assert [(f.code, f.measured) for f in report.findings] == [("F101", "too_many_pixels")]
    assert "frame 2" in report.findings[0].message_en


def test_extension_mismatch_uses_the_client_name() -> None:
    assert "F103" in _codes(preflight.check_bytes(card_photo(), filename="photo.png"))
    assert "F103" not in _codes(preflight.check_bytes(card_photo(), filename="photo.JPG"))


def test_check_path_matches_cli_json(tmp_path: Path) -> None:
    photo = tmp_path / "身份证反面.jpg"
    photo.write_bytes(tiny_photo())
    api = preflight.check_path(photo, filing={"submission_date": "2026-12-01"})
    cli = json.loads(invoke_assert_code(["scan", str(photo), "--format", "json",
                                         "--submission-date", "2026-12-01"], 1).stdout)
    def timeless(docs: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in d.items() if k != "elapsed_ms"} for d in docs]

    assert timeless(json.loads(render(api))["documents"]) == timeless(cli["documents"])
    assert photo.read_bytes() == tiny_photo()  # the input is untouched


def test_check_path_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        preflight.check_path(tmp_path / "nope.jpg")
