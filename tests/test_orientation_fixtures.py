"""Orientation findings on the generated variants, scanned through the real pipeline.

Expected codes come from the generator's ground truth (`fixtures.generate.expected_codes`):
G101 for a page displayed portrait in 陕西/上海/山东/海南, F104 for an EXIF orientation tag,
G102 for content turned 90/180/270°. A code is compared only once its check is registered, so
G102 is enforced from the moment the rotated-content check lands.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.generate import demo_set, expected_codes, orientation_set, write_items
from fixtures.synth import id_front, on_canvas, phone_photo, rotate
from preflight.filing import Filing
from preflight.pipeline import run
from preflight.registry import all_checks
from preflight.settings import Settings
from tests.conftest import invoke_assert_code

REPO = Path(__file__).resolve().parents[1]
ORIENTATION_CODES = {"G101", "G102", "F104"}
LANDSCAPE_ONLY = ["陕西", "上海", "山东", "海南"]


def _registered(codes: set[str]) -> set[str]:
    known = {c.code for c in all_checks()}
    return codes & known


def _scan(folder: Path, province: str) -> dict[str, set[str]]:
    report = run([folder], Filing(province=province), Settings(ocr=False))
    return {d.file: {f.code for f in d.findings} & ORIENTATION_CODES for d in report.documents}


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    """The orientation set plus phone-photo and rotated variants, written once per module."""
    out = tmp_path_factory.mktemp("orientation")
    card = id_front(21)
    items = [*orientation_set(21),
             ("card_rot270.jpg", rotate(card, 270), {}),
             ("card_landscape_canvas.jpg", on_canvas(card, "landscape"), {}),
             ("card_phone_portrait.jpg", phone_photo(card, 4, frame="portrait", long_side=1200), {}),
             ("card_phone_landscape.jpg", phone_photo(card, 4, long_side=1200), {})]
    manifest = write_items(out, items, seed=21)
    return out, {e["file"]: e for e in manifest["files"]}


def _expected(entry: dict, landscape_only: bool) -> set[str]:
    key = "landscape_province" if landscape_only else "other_province"
    return _registered(set(entry["expected_codes"][key]))


@pytest.mark.parametrize("province", LANDSCAPE_ONLY)
def test_portrait_pages_fail_in_landscape_provinces(variants: tuple[Path, dict],
                                                    province: str) -> None:
    folder, truth = variants
    found = _scan(folder, province)
    portrait = {f for f, e in truth.items() if e["width"] <= e["height"]}
    assert portrait >= {"card_portrait_canvas.jpg", "card_phone_portrait.jpg",
                        "card_exif6_trap.jpg", "letter_exif8_portrait.jpg", "card_rot90.jpg"}
    assert {f for f, codes in found.items() if "G101" in codes} == portrait
    for name, entry in truth.items():
        assert _registered(found[name]) == _expected(entry, True), name


def test_portrait_pages_pass_in_beijing(variants: tuple[Path, dict]) -> None:
    folder, truth = variants
    found = _scan(folder, "北京")
    assert not any("G101" in codes for codes in found.values())
    for name, entry in truth.items():
        assert _registered(found[name]) == _expected(entry, False), name


def test_exif_rotated_files_are_judged_as_displayed(variants: tuple[Path, dict]) -> None:
    folder, truth = variants
    found = _scan(folder, "陕西")
    assert found["card_exif6.jpg"] == {"F104"}  # stored portrait, displayed landscape
    assert {"F104", "G101"} <= found["card_exif6_trap.jpg"]  # stored landscape, shown sideways
    assert {"F104", "G101"} <= found["letter_exif8_portrait.jpg"]  # stored landscape, shown portrait
    assert truth["card_exif6.jpg"]["exif_orientation"] == 6


def test_expected_codes_follow_the_displayed_view() -> None:
    card = id_front(1)
    assert expected_codes(card, 1, landscape_only=True) == []
    assert expected_codes(rotate(card, 90), 1, landscape_only=True) == ["G101", "G102"]
    assert expected_codes(rotate(card, 180), 6, landscape_only=False) == ["F104", "G102"]


@pytest.mark.parametrize("province", ["陕西", "北京"])
def test_committed_orientation_fixtures_match_their_manifest(province: str) -> None:
    folder = REPO / "fixtures" / "orientation"
    truth = json.loads((folder / "manifest.json").read_text("utf-8"))
    found = _scan(folder, province)
    entries = {e["file"]: e for e in truth["files"]}
    assert set(found) == set(entries) | {"manifest.json"}
    for name, entry in entries.items():
        assert _registered(found[name]) == _expected(entry, province == "陕西"), name


def _demo_findings(folder: Path) -> dict[str, list[dict]]:
    result = invoke_assert_code(["scan", str(folder), "--format", "json", "--no-ocr"], 1)
    report = json.loads(result.stdout)
    return {d["file"]: d["findings"] for d in report["documents"]}


def _assert_demo(folder: Path) -> None:
    findings = _demo_findings(folder)
    assert len(findings) == 5
    flagged = {name for name, fs in findings.items() if any(f["code"] == "G101" for f in fs)}
    assert flagged == {"身份证正面.jpg"}
    errors = {name for name, fs in findings.items() if any(f["severity"] == "error" for f in fs)}
    assert errors == {"身份证正面.jpg"}


def test_generated_demo_fails_only_on_the_portrait_id_photo(tmp_path: Path) -> None:
    from fixtures.generate import filing_toml

    items = demo_set(2026)
    write_items(tmp_path, items, seed=2026, manifest_name=".manifest.json")
    (tmp_path / "filing.toml").write_text(filing_toml(items, 2026), encoding="utf-8")
    _assert_demo(tmp_path)


def test_committed_demo_fails_only_on_the_portrait_id_photo() -> None:
    _assert_demo(REPO / "fixtures" / "demo")
