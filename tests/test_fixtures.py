"""The synthetic document generator: deterministic, truthful boxes and dates, EXIF variants."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from fixtures import generate
from fixtures.synth import (
    DATE_STYLES,
    GENERATORS,
    SynthDocument,
    authorization_letter,
    business_license,
    exif_rotated,
    exif_trap,
    fonts,
    format_date,
    id_back,
    id_front,
    on_canvas,
    phone_photo,
    rotate,
)
from fixtures.synth.identity import id_check_digit, uscc_check_char
from preflight.filing import load_filing
from preflight.model import DocumentType

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "demo"


def _boxes(doc: SynthDocument) -> list[tuple[int, int, int, int]]:
    return [t.bbox for t in doc.texts] + [d.bbox for d in doc.dates]


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_generator_is_deterministic_for_a_seed(kind: str) -> None:
    gen = GENERATORS[kind]
    a, b, c = gen(11), gen(11), gen(12)
    assert a.image.dtype == np.uint8 and a.image.ndim == 3 and a.image.shape[2] == 3
    assert np.array_equal(a.image, b.image)
    assert a.manifest() == b.manifest()
    assert not np.array_equal(a.image, c.image) or a.fields != c.fields
    assert a.doc_type == DocumentType(kind)


@pytest.mark.parametrize("frame", ["landscape", "portrait"])
def test_phone_photo_keeps_the_whole_document_in_frame(frame: str) -> None:
    for seed in range(3):
        for doc in (id_front(seed), business_license(seed)):
            photo = phone_photo(doc, seed, frame=frame, long_side=800, fill=0.86)
            w, h = photo.size
            assert all(0 <= x <= w and 0 <= y <= h for x, y in photo.quad), photo.quad
    turned = rotate(id_front(1), 90)
    assert turned.quad[0] == (638.0, 0.0)  # the card's top-left corner is now top-right


def test_variants_are_deterministic_for_a_seed() -> None:
    doc = id_front(3)
    first, again = phone_photo(doc, 5, long_side=800), phone_photo(doc, 5, long_side=800)
    assert np.array_equal(first.image, again.image) and first.quad == again.quad
    assert not np.array_equal(first.image, phone_photo(doc, 6, long_side=800).image)


def _variants(doc: SynthDocument) -> list[SynthDocument]:
    frame = "portrait" if doc.size[0] > doc.size[1] else "landscape"  # the awkward framing
    return [doc, rotate(doc, 90), rotate(doc, 180), rotate(doc, 270),
            on_canvas(doc, "portrait"), on_canvas(doc, "landscape"),
            phone_photo(doc, 1, frame=frame, long_side=1000)]


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_ground_truth_boxes_lie_inside_the_image(kind: str) -> None:
    for doc in _variants(GENERATORS[kind](4)):
        w, h = doc.size
        for x, y, bw, bh in _boxes(doc):
            assert bw > 0 and bh > 0, (doc.variant, (x, y, bw, bh))
            assert x >= 0 and y >= 0 and x + bw <= w and y + bh <= h, (doc.variant, (x, y, bw, bh))


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_date_and_field_boxes_cover_ink(kind: str) -> None:
    doc = GENERATORS[kind](5)
    gray = np.asarray(doc.to_pil().convert("L"))
    for x, y, w, h in _boxes(doc):
        assert gray[y:y + h, x:x + w].min() < 110, (x, y, w, h)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotation_moves_boxes_with_the_pixels(degrees: int) -> None:
    doc = id_back(6)
    turned = rotate(doc, degrees)
    assert turned.content_rotation == degrees
    for before, after in zip(doc.dates, turned.dates, strict=True):
        x, y, w, h = before.bbox
        crop = np.rot90(doc.image[y:y + h, x:x + w], -degrees // 90)
        x, y, w, h = after.bbox
        assert np.array_equal(turned.image[y:y + h, x:x + w], crop)


def test_id_back_validity_dates() -> None:
    long_term = id_back(1, valid_from=dt.date(2016, 3, 1), years=None)
    assert long_term.fields["validity"] == "2016.03.01-长期"
    assert [(d.kind, d.value, d.text) for d in long_term.dates] == [
        ("valid_from", "2016-03-01", "2016.03.01"), ("valid_until", "long_term", "长期")]
    twenty = id_back(1, valid_from=dt.date(2016, 3, 1), years=20)
    assert twenty.fields["validity"] == "2016.03.01-2036.03.01"
    assert twenty.dates[1].value == "2036-03-01"
    with pytest.raises(ValueError, match="years"):
        id_back(1, years=7)


def test_licence_term_dates() -> None:
    doc = business_license(2, founded=dt.date(2015, 2, 28), term_years=20)
    assert doc.text("term").text == "2015年02月28日 至 2035年02月27日"
    assert {d.kind: d.value for d in doc.dates}["valid_until"] == "2035-02-27"
    doc = business_license(2, founded=dt.date(2015, 2, 28), term_years=None, scope="软件开发。")
    assert doc.text("term").text == "2015年02月28日 至 长期"
    assert doc.fields["scope"] == "软件开发。" and doc.text("scope:0").text == "软件开发。"


def test_date_styles_print_as_specified() -> None:
    d = dt.date(2026, 11, 1)
    assert [format_date(d, s) for s in DATE_STYLES] == [
        "2026年11月1日", "2026年11月01日", "2026.11.01", "2026-11-1", "2026-11-01",
        "二〇二六年十一月一日", "二零二六年十一月一日"]
    assert format_date(dt.date(2026, 12, 31), "hanzi_o") == "二〇二六年十二月三十一日"


@pytest.mark.parametrize("style", DATE_STYLES)
def test_letter_prints_signing_date_in_style(style: str) -> None:
    doc = authorization_letter(3, signed_on=dt.date(2026, 11, 18), date_style=style)
    (signed,) = doc.dates
    assert (signed.kind, signed.value) == ("signed_on", "2026-11-18")
    assert signed.text == format_date(dt.date(2026, 11, 18), style) == doc.text("date").text


def test_identity_numbers_carry_valid_check_characters() -> None:
    assert id_check_digit("11010519491231002") == "X"  # GB 11643 worked example
    assert uscc_check_char("91350100M000100Y4") == "3"  # GB 32100 worked example
    doc = id_front(9)
    number = doc.fields["id_number"]
    assert id_check_digit(number[:17]) == number[17]
    assert doc.text("id_number").text == number


def test_missing_font_names_the_debian_package(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "SEARCH_ORDER", (tmp_path / "none.ttc",))
    with pytest.raises(fonts.FontNotFoundError, match="fonts-noto-cjk"):
        fonts.font_path()


@pytest.mark.parametrize("tag", [3, 6, 8])
def test_exif_rotated_jpeg_displays_upright(tag: int) -> None:
    doc = id_front(2)
    out = exif_rotated(doc, tag)
    with Image.open(io.BytesIO(out.data)) as im:
        assert im.getexif()[0x0112] == tag
        assert (im.size == doc.size) == (tag == 3)
        shown = np.asarray(ImageOps.exif_transpose(im).convert("RGB"), np.float32)
    assert shown.shape == doc.image.shape
    assert np.abs(shown - doc.image).mean() < 4  # JPEG loss only
    assert out.displayed is doc


def test_exif_trap_displays_sideways() -> None:
    doc = id_front(2)
    out = exif_trap(doc, 6)
    with Image.open(io.BytesIO(out.data)) as im:
        assert im.size == doc.size  # stored upright
        shown = np.asarray(ImageOps.exif_transpose(im).convert("RGB"), np.float32)
    assert out.displayed.size == (doc.size[1], doc.size[0])
    assert out.displayed.content_rotation == 90
    assert np.abs(shown - out.displayed.image).mean() < 4


def test_generate_cli_writes_files_and_manifest(tmp_path: Path) -> None:
    generate.main(["--out", str(tmp_path), "--seed", "3", "--set", "orientation"])
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["seed"] == 3 and manifest["files"]
    for entry in manifest["files"]:
        with Image.open(tmp_path / entry["file"]) as im:
            im = ImageOps.exif_transpose(im)
            assert im.size == (entry["width"], entry["height"])
        assert entry["expected_codes"]["other_province"] == [
            c for c in entry["expected_codes"]["landscape_province"] if c != "G101"]


def test_committed_demo_is_small_and_consistent_with_its_filing() -> None:
    files = sorted(p for p in DEMO.iterdir() if p.suffix == ".jpg")
    assert len(files) == 5
    assert all(p.stat().st_size < 250_000 for p in files)
    committed = sorted((REPO / "fixtures").glob("*/*.jpg"))
    assert sum(p.stat().st_size for p in committed) < 2_000_000
    filing = load_filing(DEMO / "filing.toml")
    assert filing.province == "陕西" and filing.submission_date == dt.date(2026, 11, 25)
    assert sorted(a.file for a in filing.attachments) == sorted(p.name for p in files)
    truth = json.loads((DEMO / ".manifest.json").read_text("utf-8"))
    submit = filing.submission_date
    for entry in truth["files"]:
        for d in entry["dates"]:
            if d["kind"] == "signed_on":  # 授权书/承诺书: within one month before submission
                assert submit - dt.timedelta(days=30) <= dt.date.fromisoformat(d["value"]) <= submit
            if d["kind"] == "valid_until" and d["value"] != "long_term":  # ≥ 3 months left
                assert dt.date.fromisoformat(d["value"]) >= submit + dt.timedelta(days=92)


def test_committed_demo_matches_the_generator() -> None:
    truth = json.loads((DEMO / ".manifest.json").read_text("utf-8"))
    fresh = generate.demo_set(truth["seed"])
    assert [name for name, _, _ in fresh] == [e["file"] for e in truth["files"]]
    for (_, doc, _), entry in zip(fresh, truth["files"], strict=True):
        assert isinstance(doc, SynthDocument)
        assert doc.fields == entry["fields"]
        assert [(d.kind, d.value, d.text) for d in doc.dates] == [
            (d["kind"], d["value"], d["text"]) for d in entry["dates"]]
