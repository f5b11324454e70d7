"""Tiny helpers that write test images in code (no binary fixtures needed)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from fixtures.badinputs import pdf_from_objects


def text_page(width: int, height: int, *, lines: int = 8, seed: int = 0) -> np.ndarray:
    """A BGR page with dark text-like strokes on light paper."""
    rng = np.random.default_rng(seed)
    img = np.full((height, width, 3), 235, np.uint8)
    step = max(12, height // (lines + 2))
    for i in range(lines):
        y = step * (i + 1)
        words = "".join(rng.choice(list("ABCDEFGHJKLMNPRSTUVWXYZ0123456789"), 12))
        cv2.putText(img, words, (width // 20, y), cv2.FONT_HERSHEY_SIMPLEX,
                    max(0.3, width / 900), (30, 30, 30), max(1, width // 600), cv2.LINE_AA)
    return img


def write_jpeg(path: Path, bgr: np.ndarray, *, orientation: int | None = None,
               quality: int = 90) -> Path:
    """Save a JPEG, optionally with an EXIF Orientation tag (pixels stored as given)."""
    im = Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    kwargs: dict = {"quality": quality}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif
    im.save(path, "JPEG", **kwargs)
    return path


def png_bomb(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A tiny PNG whose header declares a huge image (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
                     + chunk(b"IEND", b""))
    return path


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF (A4) with an ASCII text layer in Helvetica, written by hand."""
    content = "BT /F1 14 Tf 72 770 Td " + " ".join(
        f"({ln}) Tj 0 -20 Td" for ln in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(pdf_from_objects(objs))
    return path
