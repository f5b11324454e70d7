"""Generate a folder of small synthetic filings for audit tests and the cache benchmark.

Seeded and deterministic: filing i gets an ID front, an ID back and a licence photo; every
third filing is in a landscape province (陕西) with a portrait ID photo, every fifth has a
too-small image, so the summary mixes ready and not-ready filings.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def _card(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    img = np.full((h, w, 3), rng.integers(180, 230), np.uint8)
    cv2.rectangle(img, (w // 10, h // 10), (w * 9 // 10, h * 9 // 10),
                  tuple(int(v) for v in rng.integers(40, 160, 3)), -1)
    for k in range(4):
        y = h // 5 + k * h // 7
        cv2.putText(img, f"LINE {k} {int(rng.integers(1000, 9999))}", (w // 7, y),
                    cv2.FONT_HERSHEY_SIMPLEX, w / 900, (245, 245, 245), 2)
    return img


def make_filings(root: Path, count: int, *, seed: int = 0, size: int = 960) -> list[Path]:
    """Write `count` filing folders under `root`; return them."""
    rng = np.random.default_rng(seed)
    folders = []
    for i in range(count):
        folder = root / f"filing-{i:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        province = "陕西" if i % 3 == 0 else "广东"
        (folder / "filing.toml").write_text(
            f'province = "{province}"\nsubmission_date = 2026-11-22\n', encoding="utf-8")
        w, h = size, size * 5 // 8
        front = _card(rng, h, w) if i % 3 == 0 else _card(rng, w, h)
        cv2.imwrite(str(folder / "身份证正面.jpg"), front)
        cv2.imwrite(str(folder / "身份证背面.jpg"), _card(rng, w, h))
        lic = _card(rng, w // 2, h // 2) if i % 5 == 0 else _card(rng, w * 2, h * 2)
        cv2.imwrite(str(folder / "营业执照.jpg"), lic)
        folders.append(folder)
    return folders
