"""`preflight fix`: originals untouched, output upright and landscape, refusals, image ops."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from preflight.fix import FixOptions, fix_folder, ops
from preflight.model import Category, Finding, Severity
from preflight.report import DocumentReport, Report
from tests.conftest import invoke_assert_code, run_cli


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _card(w: int, h: int) -> Image.Image:
    a = np.full((h, w, 3), 215, np.uint8)
    a[h // 8: h * 7 // 8, w // 8: w // 2] = (30, 60, 150)  # a block left of centre: shows turns
    return Image.fromarray(a)


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    """A 陕西 filing: an EXIF-rotated photo, a portrait PNG, an oversize JPEG, a PDF, junk."""
    s = tmp_path / "src"
    (s / "sub").mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, displayed portrait
    _card(1200, 800).save(s / "身份证正面.jpg", exif=exif.tobytes(), quality=90)
    _card(900, 1300).save(s / "sub" / "授权书.png")
    _card(2000, 1200).save(s / "营业执照.jpg", quality=85)
    _card(800, 1100).save(s / "承诺书.pdf")
    (s / "notes.jpg").write_bytes(b"not an image at all")
    (s / "filing.toml").write_text('province = "陕西"\nsubmission_date = 2026-11-22\n', "utf-8")
    return s


def test_fix_leaves_source_identical_and_output_passes_orientation(src: Path,
                                                                   tmp_path: Path) -> None:
    before = _hashes(src)
    dst = tmp_path / "fixed"
    invoke_assert_code(["scan", str(src), "--no-ocr", "--select", "G101"], 1)
    args = ["fix", str(src), "--out", str(dst), "--no-ocr", "--pdfs", "--max-long-side", "1500"]
    out = invoke_assert_code(args, 1).stdout  # notes.jpg stays unreadable (F101)
    assert _hashes(src) == before, "fix modified the source folder"
    assert "EXIF orientation 6 baked in" in out and "landscape canvas" in out
    assert "downscaled 2000×1200" in out and "承诺书.pdf: page 1: portrait" in out
    invoke_assert_code(["scan", str(dst), "--no-ocr", "--select", "G101,F104"], 0)
    with Image.open(dst / "身份证正面.jpg") as im:
        assert im.getexif().get(0x0112) is None and im.width > im.height
    assert (dst / "notes.jpg").read_bytes() == (src / "notes.jpg").read_bytes()
    assert (dst / "filing.toml").read_bytes() == (src / "filing.toml").read_bytes()


def test_pdfs_are_copied_unless_asked(src: Path, tmp_path: Path) -> None:
    dst = tmp_path / "fixed"
    out = invoke_assert_code(["fix", str(src), "--out", str(dst), "--no-ocr"], 1).stdout
    assert "承诺书.pdf: copied unchanged" in out
    assert (dst / "承诺书.pdf").read_bytes() == (src / "承诺书.pdf").read_bytes()


@pytest.mark.parametrize("where", ["same", "inside", "parent"])
def test_fix_refuses_to_write_into_the_source(src: Path, where: str) -> None:
    before = _hashes(src)
    dst = {"same": src, "inside": src / "out", "parent": src.parent}[where]
    err = invoke_assert_code(["fix", str(src), "--out", str(dst)], 2).stderr
    assert "refusing" in err and _hashes(src) == before


def test_rotation_finding_turns_content_upright(tmp_path: Path) -> None:
    src, dst = tmp_path / "s", tmp_path / "d"
    src.mkdir()
    upright = _card(1200, 800)
    upright.rotate(-90, expand=True).save(src / "a.png")  # content turned 90° clockwise
    g102 = Finding(code="G102", name="rotated-content", category=Category.ROTATED,
                   severity=Severity.ERROR, file="a.png", page=1, bbox=None,
                   measured={"angle": 90, "confidence": 0.9},
                   threshold=0, message_zh="", message_en="", fix_zh="", fix_en="")
    doc = DocumentReport(file="a.png", sniffed_type="png", extension_type="png", role=None,
                         role_source=None, person=None, exif_orientation=1, page_count=1,
                         pages=[], findings=[g102])
    doc.pages = [object()]  # type: ignore[list-item]  # one loaded page
    report = Report(inputs={}, documents=[doc], filing_findings=[])
    (fx,) = fix_folder(src, dst, report, FixOptions())
    assert any("rotated upright" in a for a in fx.actions)
    with Image.open(dst / "a.png") as im:
        assert np.array_equal(np.asarray(im.convert("RGB")), np.asarray(upright))


def test_landscape_canvas_keeps_content_upright() -> None:
    page = _card(600, 900)
    canvas = ops.landscape_canvas(page)
    assert canvas.width > canvas.height == 900
    x0 = (canvas.width - 600) // 2
    assert np.array_equal(np.asarray(canvas)[:, x0:x0 + 600], np.asarray(page))
    assert np.asarray(canvas)[:, :x0].min() == 255  # neutral margin


def test_jpeg_quality_never_below_the_floor() -> None:
    noisy = Image.fromarray(np.random.default_rng(0).integers(0, 255, (600, 800, 3), np.uint8))
    data, q = ops.encode_jpeg(noisy, quality=92, min_quality=80, max_bytes=10_000)
    assert q == 80 and len(data) > 10_000  # could not fit; stopped at the floor
    data, q = ops.encode_jpeg(_card(800, 600), quality=92, min_quality=60, max_bytes=20_000)
    assert len(data) <= 20_000 and q >= 60
    assert Image.open(io.BytesIO(data)).size == (800, 600)


ORIENTATION_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "orientation"


def test_fixed_orientation_fixtures_pass_g101_and_g102(tmp_path: Path) -> None:
    from preflight.registry import find_check

    if find_check("G102") is None or not ORIENTATION_FIXTURES.is_dir():
        pytest.skip("needs the content-rotated check (G102) and fixtures/orientation")
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    for p in ORIENTATION_FIXTURES.glob("*.jpg"):
        (src / p.name).write_bytes(p.read_bytes())
    (src / "filing.toml").write_text('province = "山东"\n', "utf-8")
    before = _hashes(src)
    invoke_assert_code(["scan", str(src), "--no-ocr", "--select", "G102"], 1)
    fixed = run_cli("fix", str(src), "--out", str(dst), "--no-ocr")
    assert fixed.returncode in (0, 1), fixed.stderr  # 1 if filing rules (R) want more files
    invoke_assert_code(["scan", str(dst), "--no-ocr", "--select", "G,F104"], 0)
    assert _hashes(src) == before
