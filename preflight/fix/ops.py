"""Pure image operations of `preflight fix` (Pillow image in, Pillow image out)."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageOps

NEUTRAL = (255, 255, 255)  # white margins, as the 管局 examples show on landscape canvases
LANDSCAPE_RATIO = 4 / 3  # canvas width / height for a portrait page put on a landscape canvas


def bake_orientation(im: Image.Image) -> Image.Image:
    """Apply the EXIF Orientation tag to the pixels and drop the tag (Pillow's exif_transpose)."""
    return ImageOps.exif_transpose(im)


def rotate_upright(im: Image.Image, clockwise_deg: int) -> Image.Image:
    """Undo content turned `clockwise_deg` (90/180/270) clockwise: turn it back anticlockwise."""
    ops = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
           270: Image.Transpose.ROTATE_270}
    return im.transpose(ops[clockwise_deg % 360]) if clockwise_deg % 360 in ops else im


def landscape_canvas(im: Image.Image, ratio: float = LANDSCAPE_RATIO) -> Image.Image:
    """A portrait page centred, upright, on a landscape canvas `ratio` times wider than high."""
    w, h = im.size
    if w > h:
        return im
    cw = max(w + 2, math.ceil(h * ratio))
    mode = "RGB" if im.mode not in ("L", "RGB") else im.mode
    fill = NEUTRAL if mode == "RGB" else 255
    canvas = Image.new(mode, (cw, h), fill)
    canvas.paste(im.convert(mode), ((cw - w) // 2, 0))
    return canvas


def downscale(im: Image.Image, max_long_side: int) -> Image.Image:
    """`im` shrunk (Lanczos) so its long side is at most `max_long_side`."""
    w, h = im.size
    k = max_long_side / max(w, h)
    if k >= 1:
        return im
    return im.resize((max(1, round(w * k)), max(1, round(h * k))), Image.Resampling.LANCZOS)


def encode_jpeg(im: Image.Image, *, quality: int, min_quality: int, max_bytes: int | None,
                exif: bytes | None = None) -> tuple[bytes, int]:
    """JPEG bytes at `quality`, lowered in steps of 5 down to `min_quality` (never below) to
    fit `max_bytes` when given; returns the bytes and the quality used."""
    rgb = im.convert("RGB") if im.mode not in ("RGB", "L") else im
    q = quality
    while True:
        buf = io.BytesIO()
        rgb.save(buf, "JPEG", quality=q, optimize=True, **({"exif": exif} if exif else {}))
        data = buf.getvalue()
        if max_bytes is None or len(data) <= max_bytes or q <= min_quality:
            return data, q
        q = max(min_quality, q - 5)
