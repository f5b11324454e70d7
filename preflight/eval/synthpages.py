"""Seeded synthetic text pages and cards for the rotation evaluation and tests.

Drawn with a CJK font (Noto Sans CJK from fonts-noto-cjk, else WenQuanYi Zen Hei); every
variant is an upright page turned by a known angle, so the truth is exact. These are generated
documents: their figures are always reported apart from the real set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
_TEXT = ("中华人民共和国居民身份证营业执照统一社会信用代码法定代表人经营范围成立日期营业期限"
         "授权书承诺书本人承诺所提交的备案信息真实有效签发机关有效期限长期住址公民身份号码"
         "网站名称域名服务器接入商年月日联系电话地址技术开发咨询服务")
_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
KINDS = ("a4", "card", "license")


@dataclass(frozen=True)
class SynthPage:
    """One generated page: BGR pixels, the clockwise angle its content is turned, how made."""

    image: np.ndarray
    angle: int
    kind: str
    seed: int
    variant: str = "clean"


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_CANDIDATES:
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    raise FileNotFoundError("no CJK font found (install fonts-noto-cjk)")


def _line(rng: random.Random, n: int) -> str:
    start = rng.randrange(len(_TEXT) - n)
    return _TEXT[start:start + n]


def upright_page(kind: str, seed: int) -> np.ndarray:
    """An upright document of `kind` (a4 letter, ID-sized card, landscape licence) as BGR."""
    rng = random.Random(seed)
    size, font_px, margin = {"a4": ((1240, 1754), 34, 120), "card": ((1000, 630), 36, 60),
                             "license": ((1600, 1130), 38, 110)}[kind]
    paper = tuple(rng.randint(225, 255) for _ in range(3))
    im = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(im)
    title = _font(font_px * 2)
    draw.text((size[0] // 2 - font_px * 4, margin // 2), _line(rng, 4), fill=(20, 20, 20), font=title)
    y = margin + font_px * 2
    left = margin + (size[0] // 3 if kind == "card" else 0)  # cards: photo area on the left
    while y < size[1] - margin - font_px:
        n = max(4, (size[0] - left - margin) // (font_px + 2) - rng.randint(0, 6))
        draw.text((left, y), _line(rng, n), fill=(30, 30, 30), font=_font(font_px))
        y += int(font_px * rng.uniform(1.6, 2.2))
    if kind == "card":
        draw.rectangle((margin // 2, margin * 2, size[0] // 3 - 10, size[1] - margin), outline=(90, 90, 90),
                       fill=(200, 205, 215))
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)


def turn(image: np.ndarray, angle: int) -> np.ndarray:
    """The image with its content turned clockwise by 0/90/180/270 degrees."""
    return image if angle == 0 else cv2.rotate(image, _TURN[angle])


def skew(image: np.ndarray, degrees: float, background: int = 120) -> np.ndarray:
    """The page turned clockwise by any angle on a grey desk, canvas enlarged to keep it whole."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(image, m, (nw, nh), borderValue=(background,) * 3)


def photo_like(image: np.ndarray, seed: int) -> np.ndarray:
    """A mild phone-photo degradation: the page on a darker desk, blur, noise, JPEG."""
    rng = np.random.default_rng(seed)
    h, w = image.shape[:2]
    pad = int(0.08 * max(h, w))
    canvas = np.full((h + 2 * pad, w + 2 * pad, 3), rng.integers(60, 140), np.uint8)
    canvas[pad:pad + h, pad:pad + w] = image
    out = cv2.GaussianBlur(canvas, (0, 0), 1.0)
    out = np.clip(out + rng.normal(0, 4, out.shape), 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 70])
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
    return np.asarray(decoded) if decoded is not None else out


def small(image: np.ndarray, short_side: int = 300) -> np.ndarray:
    """The page shrunk to a thumbnail-like size (text a few pixels high)."""
    f = short_side / min(image.shape[:2])
    return cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)


def variants(image: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """Clean, photo-like, thumbnail-sized and defocused versions of an upright page."""
    return {"clean": image, "photo": photo_like(image, seed), "small": small(image),
            "blurred": cv2.GaussianBlur(image, (0, 0), 3.0)}


def rotation_set(seeds: range = range(4)) -> list[SynthPage]:
    """Every kind x seed x variant x angle (the synthetic evaluation set)."""
    pages: list[SynthPage] = []
    for kind in KINDS:
        for seed in seeds:
            for name, img in variants(upright_page(kind, seed), seed).items():
                pages.extend(SynthPage(turn(img, a), a, kind, seed, name) for a in (0, 90, 180, 270))
    return pages
