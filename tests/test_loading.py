"""Loading: content sniffing, EXIF orientation applied once, DCT-scaled decode, bad files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from preflight.context import DocumentContext
from preflight.filing import Filing
from preflight.loading import _missing_end_marker, load_into
from preflight.loading.images import _reduction, apply_orientation
from preflight.loading.sniff import sniff
from preflight.settings import Settings
from tests.imagegen import png_bomb, text_page, text_pdf, write_jpeg


def _load(path: Path, settings: Settings | None = None) -> DocumentContext:
    doc = DocumentContext(path=path, display_name=path.name, settings=settings or Settings(),
                          filing=Filing())
    return load_into(doc)


@pytest.mark.parametrize(("head", "kind"), [
    (b"\xff\xd8\xff\xe0" + b"\0" * 28, "jpeg"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 24, "png"),
    (b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 16, "webp"),
    (b"II*\x00" + b"\0" * 28, "tiff"),
    (b"\0\0\0\x18ftypheic" + b"\0" * 20, "heic"),
    (b"%PDF-1.7\n" + b"\0" * 23, "pdf"),
    (b"GIF89a" + b"\0" * 26, "gif"),
    (b"hello world, not an image at all", None),
])
def test_sniff(head: bytes, kind: str | None) -> None:
    assert sniff(head) == kind


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_matches_pillow_exif_transpose(orientation: int) -> None:
    from PIL import Image, ImageOps

    arr = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    im = Image.fromarray(arr)
    exif = Image.Exif()
    exif[0x0112] = orientation
    im.info["exif"] = exif.tobytes()
    im.getexif()[0x0112] = orientation
    expected = np.asarray(ImageOps.exif_transpose(im))
    assert np.array_equal(apply_orientation(arr, orientation), expected)


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("shape", [(5, 7), (5, 7, 1), (5, 7, 3), (5, 7, 4), (1, 9, 3), (6, 1),
                                   (3, 4, 2), (0, 4, 3)])
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.float32])
def test_orientation_is_numpys_turn_for_any_raster(orientation: int, shape: tuple[int, ...],
                                                   dtype: type) -> None:
    arr = np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)
    turns = {2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
             5: lambda a: np.swapaxes(a, 0, 1), 6: lambda a: np.rot90(a, -1),
             7: lambda a: np.swapaxes(a[::-1, ::-1], 0, 1), 8: lambda a: np.rot90(a, 1)}
    expected = turns.get(orientation, lambda a: a)(arr)
    out = apply_orientation(arr, orientation)
    assert out.dtype == arr.dtype and out.shape == expected.shape
    assert np.array_equal(out, expected) and out.flags.c_contiguous


def test_exif_rotated_jpeg_is_seen_as_displayed(tmp_path: Path) -> None:
    stored = text_page(900, 600)  # landscape pixels, tag 6 shows them as portrait
    doc = _load(write_jpeg(tmp_path / "a.jpg", stored, orientation=6))
    assert doc.loaded and doc.exif_orientation == 6
    page = doc.pages[0]
    assert page.full_size == (600, 900)
    assert page.image.shape[:2] == (900, 600)


def test_big_jpeg_is_decoded_at_reduced_scale(tmp_path: Path) -> None:
    doc = _load(write_jpeg(tmp_path / "big.jpg", text_page(4000, 3000)))
    page = doc.pages[0]
    assert page.full_size == (4000, 3000)
    assert page.image.shape[:2] == (750, 1000) and page.scale == 4.0
    assert page.to_full((10, 10, 100, 50)) == (40, 40, 400, 200)
    assert _reduction(4000, 2000) == 2 and _reduction(1000, 2000) == 1 and _reduction(99999, 10) == 8


@pytest.mark.parametrize(("maker", "kind"), [
    (lambda p: p.write_bytes(b""), "empty_file"),
    (lambda p: p.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 4), "unreadable_image"),
    (lambda p: p.write_bytes(b"this is text, not an image"), "unsupported_type"),
    (lambda p: png_bomb(p), "too_many_pixels"),
    (lambda p: p.write_bytes(b"%PDF-1.4\ngarbage"), "pdf_error"),
])
def test_bad_files_become_fatal_problems(tmp_path: Path, maker, kind: str) -> None:
    path = tmp_path / "x.png"
    maker(path)
    doc = _load(path)
    assert not doc.loaded
    assert [p.kind for p in doc.problems] == [kind]


def test_truncated_jpeg_loads_with_a_warning(tmp_path: Path) -> None:
    full = write_jpeg(tmp_path / "full.jpg", text_page(800, 600)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(full[: len(full) * 2 // 3])
    doc = _load(cut)
    assert doc.loaded and doc.pages
    assert [p.kind for p in doc.problems] == ["truncated"]


def test_a_file_that_grew_since_stat_is_read_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_jpeg(tmp_path / "a.jpg", text_page(800, 600))
    real_stat = Path.stat

    def stale_stat(self: Path, *args: object, **kwargs: object) -> object:
        st = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        if self != path:
            return st
        fields = list(st)
        fields[6] = 100  # st_size: the file was 100 bytes when stat ran
        return type(st)(fields)

    monkeypatch.setattr(Path, "stat", stale_stat)
    doc = _load(path)
    assert doc.loaded and not doc.problems
    assert doc.pages[0].full_size == (800, 600)


def test_file_size_limit(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "a.jpg", text_page(800, 600))
    doc = _load(path, Settings().with_limits(max_file_bytes=1000))
    assert [p.kind for p in doc.problems] == ["too_large_file"]


def test_pdf_text_layer_and_raster(tmp_path: Path) -> None:
    doc = _load(text_pdf(tmp_path / "letter.pdf", ["Authorization 2026-11-01", "Signed"]))
    assert doc.loaded and doc.sniffed_type == "pdf" and doc.page_count == 1
    page = doc.pages[0]
    assert page.source == "pdf" and page.full_size[0] == 1240  # A4 at 150 dpi
    assert page.full_size[1] in (1754, 1755)
    words = [w.text for w in page.text_words or ()]
    assert "Authorization" in words and "2026-11-01" in words
    x, y, w, h = next(w.bbox for w in page.text_words if w.text == "Authorization")
    assert 140 <= x <= 160 and 115 <= y <= 140 and w > 50 and h > 10  # 72 pt margin, 14 pt font


def test_multipage_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    from PIL import Image

    frames = [Image.fromarray(text_page(700, 500, seed=i)) for i in range(3)]
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    doc = _load(path)
    assert doc.loaded and len(doc.pages) == 3 and doc.sniffed_type == "tiff"


def test_tiff_with_a_broken_second_directory_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    import io
    import struct

    from PIL import Image

    buf = io.BytesIO()
    frame = Image.fromarray(text_page(64, 48))
    frame.save(buf, "TIFF", save_all=True, append_images=[frame])
    data = bytearray(buf.getvalue())
    first = struct.unpack("<I", data[4:8])[0]
    entries = struct.unpack("<H", data[first:first + 2])[0]
    second = struct.unpack("<I", data[first + 2 + 12 * entries:first + 6 + 12 * entries])[0]
    for i in range(struct.unpack("<H", data[second:second + 2])[0]):
        at = second + 2 + 12 * i  # rename the width and height tags: "Missing dimensions"
        if struct.unpack("<H", data[at:at + 2])[0] in (256, 257):
            data[at + 1] |= 0x70
    path = tmp_path / "scan.tif"
    path.write_bytes(bytes(data))
    doc = _load(path)
    assert not doc.loaded and [p.kind for p in doc.problems] == ["unreadable_image"]


def test_end_marker_is_looked_for_in_the_last_64_kib_only() -> None:
    body = b"\xff\xd8" + b"\xff\x00" * 50_000
    assert not _missing_end_marker("jpeg", body + b"\xff\xd9")
    assert not _missing_end_marker("jpeg", body + b"\xff\xd9" + b"trailer" * 100)
    assert _missing_end_marker("jpeg", body)
    assert _missing_end_marker("jpeg", b"\xff\xd9" + body)  # only far from the end: cut off
    assert _missing_end_marker("jpeg", b"")
    assert not _missing_end_marker("png", b"\x89PNG" + b"\0" * 70_000 + b"IEND\xaeB`\x82")
    assert _missing_end_marker("png", b"IEND" + b"\0" * 70_000)
    assert not _missing_end_marker("gif", b"GIF89a")
