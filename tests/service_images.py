"""Generated uploads for the API, service and browser tests (seeded, made in memory)."""

from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np


def card_photo(width: int = 1600, height: int = 1000, seed: int = 7) -> bytes:
    """A sharp, colourful landscape photo of a card-like document on a desk (JPEG bytes)."""
    rng = np.random.default_rng(seed)
    desk = np.zeros((height, width, 3), np.uint8)
    desk[:] = (60, 90, 130)  # brown-ish desk (BGR)
    desk = cv2.add(desk, rng.integers(0, 25, desk.shape, dtype=np.uint8))
    x0, y0, x1, y1 = width // 8, height // 8, width * 7 // 8, height * 7 // 8
    cv2.rectangle(desk, (x0, y0), (x1, y1), (235, 240, 245), -1)
    cv2.rectangle(desk, (x0 + 20, y0 + 20), (x0 + 300, y0 + 380), (200, 170, 150), -1)
    for i, line in enumerate(("NAME  ZHANG SAN", "SEX M  NATION HAN", "BORN 1990 01 01",
                              "ADDRESS 1 CHANG AN AVENUE", "ID 110101199001011234")):
        cv2.putText(desk, line, (x0 + 340, y0 + 80 + 70 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.3,
                    (40, 40, 40), 3, cv2.LINE_AA)
    return cv2.imencode(".jpg", desk, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()


def tiny_photo() -> bytes:
    """A 320×200 thumbnail: too few pixels to read (Q101 low-resolution)."""
    return cv2.imencode(".jpg", cv2.resize(cv2.imdecode(np.frombuffer(card_photo(), np.uint8),
                                                        cv2.IMREAD_COLOR), (320, 200)))[1].tobytes()


def png_bomb(side: int = 10_000) -> bytes:
    """A valid 1-bit PNG of side×side pixels (100 MP by default) that compresses to ~20 kB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    raw = zlib.compress(row * side, 9)
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def tiff_bomb(side: int = 8000) -> bytes:
    """A 2-page TIFF of 2.7 kB: a 10×10 first page hiding a side×side second page."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("1", (10, 10)).save(out, "TIFF", save_all=True, compression="group4",
                                  append_images=[Image.new("1", (side, side))])
    return out.getvalue()
