"""A small document in a large JPEG is measured for blur on a finer decode of the file."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from fixtures.synth.plain import a4_letter, corners_in_frame, desk, place
from preflight.context import DocumentContext, PageContext
from preflight.filing import Filing
from preflight.imaging import blurmap
from preflight.imaging.blurmap import blur_map
from preflight.loading import load_into
from preflight.loading.finer import finer_raster
from preflight.settings import Settings

FRAME = (2400, 1800)  # decoded at ½ for the 1000 px working size


def _photo(path: Path, *, fill: float, blur: float = 0.0, exif: int = 1) -> Path:
    rng = np.random.default_rng(7)
    page = cv2.rotate(a4_letter(rng), cv2.ROTATE_90_CLOCKWISE)  # landscape
    if blur:
        page = cv2.GaussianBlur(page, (0, 0), blur)
    img = place(page, desk(rng, FRAME), corners_in_frame((page.shape[1], page.shape[0]), FRAME,
                                                         fill, rng))
    pil = Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2RGB))
    tags = Image.Exif()
    tags[0x0112] = exif
    pil.save(path, quality=92, exif=tags.tobytes())
    return path


def _page(path: Path) -> PageContext:
    doc = load_into(DocumentContext(path=path, display_name=path.name, settings=Settings(),
                                    filing=Filing()))
    return doc.pages[0]


def test_finer_raster_is_the_next_libjpeg_scale_in_the_displayed_view(tmp_path: Path) -> None:
    page = _page(_photo(tmp_path / "turned.jpg", fill=0.45, exif=6))
    assert page.work_size == (900, 1200) and round(page.scale) == 2
    finer = finer_raster(page, 1.5)
    assert finer is not None and finer.shape[:2] == (2400, 1800)  # full size, turned upright


@pytest.mark.parametrize("gain", [1.0, 0.5])
def test_no_finer_raster_without_a_gain(tmp_path: Path, gain: float) -> None:
    assert finer_raster(_page(_photo(tmp_path / "a.jpg", fill=0.45)), gain) is None


def test_no_finer_raster_for_pages_decoded_at_full_size(tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    cv2.imwrite(str(png), a4_letter(np.random.default_rng(1)))
    assert finer_raster(_page(png), 4.0) is None


def test_small_blurred_document_reads_more_blurred_on_the_finer_raster(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [_photo(tmp_path / f"small{b}.jpg", fill=0.45, blur=b) for b in (0.0, 1.5, 3.0)]
    finer = [blur_map(_page(p)) for p in paths]
    monkeypatch.setattr(blurmap, "DOC_LONG_SIDE", 0)  # measured at working scale only
    working = blur_map(_page(paths[-1]))
    levels = [m.level for m in finer]
    assert all(m.measurable for m in finer) and levels == sorted(levels), levels
    assert levels[-1] > working.level
    w, h = _page(paths[-1]).work_size
    assert all(x >= 0 and y >= 0 and x + bw <= w and y + bh <= h
               for x, y, bw, bh in (t.box for t in finer[-1].tiles))  # boxes in working pixels
