"""Seeded benchmark inputs: 12 MP phone photos, A4 scans at 300 dpi and a multi-page PDF.

Documents come from `fixtures.synth` (ID cards, licence, letters with real Chinese text and
dates); `phone_photo` places them on a desk at 4000×3000 with perspective, soft light and sensor
noise, and the JPEG is written at quality 92 as phone cameras do. Scans are the page at 300 dpi
(2480×3508) with paper grain, as PNG and as JPEG (DPI tagged). The PDF holds three scanned pages
(image only, so its text needs OCR like a scan sent by a user).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from fixtures.synth import (
    authorization_letter,
    business_license,
    commitment_letter,
    construction_plan,
    id_back,
    id_front,
    phone_photo,
)
from fixtures.synth.model import SynthDocument

A4_300DPI = (2480, 3508)
CORPUS_VERSION = "2"  # raise when the generator's output changes (2: colour ID card front)
PHONE = {"id_front": id_front, "id_back": id_back, "business_license": business_license,
         "authorization_letter": authorization_letter}


@dataclass(frozen=True)
class BenchFile:
    """One generated input: its name in the tables, path, kind (phone | scan | pdf)."""

    name: str
    path: Path
    kind: str


def phone_jpeg(doc: SynthDocument, seed: int, *, portrait: bool = False) -> bytes:
    """The document photographed at 4000×3000 (landscape) or 3000×4000, JPEG q92."""
    photo = phone_photo(doc, seed, frame="portrait" if portrait else "landscape",
                        long_side=4000, fill=0.8, noise=2.2)
    return _jpeg(photo.image, quality=92)


def scan_page(doc: SynthDocument, seed: int) -> np.ndarray:
    """RGB page at A4 300 dpi with paper grain and a little scanner noise."""
    rng = np.random.default_rng(seed)
    page = cv2.resize(doc.image, A4_300DPI, interpolation=cv2.INTER_CUBIC).astype(np.float32)
    grain = cv2.resize(rng.normal(0, 1, (A4_300DPI[1] // 8, A4_300DPI[0] // 8)).astype(np.float32),
                       A4_300DPI)
    page += 2.5 * grain[..., None] + rng.normal(0, 1.5, page.shape).astype(np.float32)
    return np.clip(page, 0, 255).astype(np.uint8)


def _jpeg(rgb: np.ndarray, *, quality: int, dpi: int | None = None) -> bytes:
    buf = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    Image.fromarray(rgb, "RGB").save(buf, "JPEG", quality=quality, **extra)
    return buf.getvalue()


def generate(folder: Path, *, phones: int = 4) -> list[BenchFile]:
    """Write the benchmark files into `folder` (skipped when already there, unless they were
    written by another `CORPUS_VERSION`); return them."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / "version"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != CORPUS_VERSION:
        for old in folder.iterdir():
            if old.is_file():
                old.unlink()
        stamp.write_text(CORPUS_VERSION, encoding="utf-8")
    files: list[BenchFile] = []
    makers: list[tuple[str, str, Callable[[], bytes]]] = []
    for i, (kind, gen) in enumerate(list(PHONE.items())[:phones]):
        makers.append((f"phone_{kind}.jpg", "phone",
                       lambda g=gen, i=i: phone_jpeg(g(seed=i), seed=i,
                                                     portrait=g is authorization_letter)))
    makers.append(("scan_a4_300dpi.png", "scan", lambda: _png(scan_page(commitment_letter(1), 1))))
    makers.append(("scan_a4_300dpi.jpg", "scan",
                   lambda: _jpeg(scan_page(authorization_letter(2), 2), quality=90, dpi=300)))
    makers.append(("scan_3_pages.pdf", "pdf", _pdf))
    for name, kind, make in makers:
        path = folder / name
        if not path.is_file():
            path.write_bytes(make())
        files.append(BenchFile(name, path, kind))
    return files


def _png(rgb: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    assert ok
    return buf.tobytes()


def _pdf() -> bytes:
    pages = [Image.fromarray(scan_page(gen(seed=3 + i), 3 + i), "RGB")
             for i, gen in enumerate((authorization_letter, construction_plan, commitment_letter))]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=300.0,
                  quality=85)
    return buf.getvalue()


def make_filings(root: Path, count: int) -> list[Path]:
    """`count` filing folders for the throughput run, each with three 12 MP phone photos.

    The three photos are generated once and written into every folder (the cache is keyed per
    filing, so identical bytes in two filings are still audited twice).
    """
    photos = {name: phone_jpeg(gen(seed=100 + i), seed=100 + i) for i, (name, gen) in enumerate(
        (("身份证正面.jpg", id_front), ("身份证反面.jpg", id_back), ("营业执照.jpg", business_license)))}
    folders = []
    for i in range(count):
        folder = root / f"filing-{i:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "filing.toml").write_text(
            'province = "广东"\nsubmission_date = 2026-11-22\n', encoding="utf-8")
        for name, data in photos.items():
            (folder / name).write_bytes(data)
        folders.append(folder)
    return folders
