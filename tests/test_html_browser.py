"""The HTML report renders in a real headless browser (Debian's chromium): not blank, colours
of the findings present, Chinese glyphs drawn (not tofu boxes)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.conftest import invoke_assert_code

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt install chromium)"),
]
ERROR_RGB = (211, 47, 47)  # --error in preflight/static/report.css


def screenshot(page: Path, out: Path, size: str = "1100,2400") -> np.ndarray:
    """Render `page` in headless chromium and return the screenshot (BGR)."""
    profile = out.parent / "chromium-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={out}",
           f"--window-size={size}", page.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    img = cv2.imread(str(out))
    assert img is not None, "chromium wrote no screenshot"
    return img


def _near(img: np.ndarray, rgb: tuple[int, int, int], tol: int = 40) -> int:
    bgr = np.array(rgb[::-1], np.int16)
    return int((np.abs(img.astype(np.int16) - bgr).max(axis=2) <= tol).sum())


def test_report_screenshot_is_not_blank(tmp_path: Path) -> None:
    src = tmp_path / "attachments"
    src.mkdir()
    portrait = np.full((400, 300, 3), 225, np.uint8)
    cv2.rectangle(portrait, (40, 60), (260, 340), (150, 90, 30), -1)
    cv2.imwrite(str(src / "身份证正面.jpg"), portrait)
    cv2.imwrite(str(src / "营业执照.png"), np.full((900, 1400, 3), 190, np.uint8))
    (src / "filing.toml").write_text('province = "陕西"\n', encoding="utf-8")
    report = tmp_path / "report.html"
    invoke_assert_code(["scan", str(src), "--no-ocr", "--format", "html", "-o", str(report)], 1)
    img = screenshot(report, tmp_path / "shot.png")
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    assert gray.std() > 15, "screenshot looks blank"
    assert _near(img, ERROR_RGB) > 2000, "no error-red verdict, badges or boxes in the screenshot"
    # the thumbnail's blue-brown rectangle (BGR 150,90,30) is drawn under the finding box
    assert _near(img, (30, 90, 150), tol=30) > 500, "page thumbnail not visible"


def test_chinese_text_renders_as_distinct_glyphs(tmp_path: Path) -> None:
    page = tmp_path / "cjk.html"
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0;'
                    'overflow:hidden;white-space:nowrap;font:100px "Noto Sans CJK SC", sans-serif}'
                    'span{display:inline-block;width:120px}</style></head><body><span>备</span><span>案</span></body></html>',
                    encoding="utf-8")
    img = cv2.cvtColor(screenshot(page, tmp_path / "cjk.png", "400,300"), cv2.COLOR_BGR2GRAY)
    left, right = img[:150, :120].astype(int), img[:150, 120:240].astype(int)
    assert (left < 128).sum() > 500 and (right < 128).sum() > 500, "no glyphs drawn"
    assert np.abs(left - right).mean() > 5, "both characters render alike (missing CJK font?)"
