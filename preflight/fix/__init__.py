"""`preflight fix`: corrected copies of a filing's attachments in a new folder.

Originals are only read. Per image: the EXIF orientation is baked into the pixels and the tag
removed; content that the rotation check (G102) reports as turned is rotated upright; in a
landscape province a portrait page is centred on a landscape canvas with white margins (the
content is not turned); images larger than `max_long_side` are downscaled, and JPEGs are
written at `quality`, lowered to fit `max_bytes` but never below `min_quality`. PDFs are copied
as they are unless `pdfs` is set, when each page is rendered and fixed the same way. A file that
needs nothing, or cannot be read, is copied byte for byte.
"""

from __future__ import annotations

import io
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

import preflight.loading  # noqa: F401 - registers the HEIC opener with Pillow
from preflight.checks.landscape_required import landscape_provinces
from preflight.errors import ConfigError
from preflight.fix import ops
from preflight.report import DocumentReport, Report

log = logging.getLogger(__name__)

ROTATION_CODE = "G102"  # content turned; `measured` = {"angle": clockwise degrees, ...}
WRITABLE = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "tiff": "TIFF", "bmp": "BMP"}


@dataclass(frozen=True)
class FixOptions:
    """What `fix` may change (docs/fix.md)."""

    landscape: bool = False  # put portrait pages on a landscape canvas
    max_long_side: int = 4000
    quality: int = 92
    min_quality: int = 80
    max_bytes: int | None = None
    pdfs: bool = False
    pdf_dpi: int = 150


@dataclass(frozen=True)
class FileFix:
    """What happened to one file: where the copy went and the changes made (none = copied)."""

    file: str
    output: str
    actions: tuple[str, ...]


def check_destination(src: Path, dst: Path) -> None:
    """Refuse a destination that is, contains or lies inside the source, or is not empty."""
    s, d = src.resolve(), dst.resolve()
    if d == s or d.is_relative_to(s) or s.is_relative_to(d):
        raise ConfigError(f"refusing to write into {dst}: it overlaps the source folder {src}")
    if d.exists() and (not d.is_dir() or any(d.iterdir())):
        raise ConfigError(f"refusing to write into {dst}: it exists and is not an empty folder")


def options_for(province: str | None, **changes: object) -> FixOptions:
    """FixOptions with `landscape` set from the province's rule."""
    return FixOptions(landscape=province in landscape_provinces(), **changes)  # type: ignore[arg-type]


def fix_folder(src: Path, dst: Path, report: Report, options: FixOptions) -> list[FileFix]:
    """Write a corrected copy of every file of `report` (a scan of `src`) under `dst`."""
    check_destination(src, dst)
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("filing.toml", "preflight.toml"):
        if (src / name).is_file():
            shutil.copyfile(src / name, dst / name)
    return [_fix_file(src, dst, doc, options) for doc in report.documents]


def _rotations(doc: DocumentReport) -> dict[int, int]:
    out = {}
    for f in doc.findings:
        angle = f.measured.get("angle") if isinstance(f.measured, dict) else f.measured
        if f.code == ROTATION_CODE and f.page and isinstance(angle, (int, float)):
            out[f.page] = int(round(angle / 90.0)) * 90 % 360
    return out


def _fix_file(src: Path, dst: Path, doc: DocumentReport, options: FixOptions) -> FileFix:
    source, target = src / doc.file, dst / doc.file
    if source.is_symlink() or not source.is_file():
        return FileFix(doc.file, "", ("not copied: a link or not a regular file",))
    target.parent.mkdir(parents=True, exist_ok=True)
    readable = doc.pages and not any(f.category.value == "file" and f.severity.value == "error"
                                     for f in doc.findings)
    actions: tuple[str, ...] = ()
    if readable and doc.sniffed_type == "pdf" and options.pdfs:
        actions, data = _fix_pdf(source, _rotations(doc), options)
    elif readable and doc.sniffed_type in WRITABLE and doc.page_count == 1:
        try:
            actions, data = _fix_image(source, doc, _rotations(doc).get(1, 0), options)
        except (OSError, ValueError, SyntaxError) as exc:  # damaged beyond re-encoding
            shutil.copyfile(source, target)
            return FileFix(doc.file, str(target), (f"copied unchanged: cannot re-encode ({exc})",))
    if actions:
        target.write_bytes(data)
        return FileFix(doc.file, str(target), actions)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        return FileFix(doc.file, "", (f"not copied: {exc.strerror or type(exc).__name__}",))
    return FileFix(doc.file, str(target), actions)


def _fix_image(path: Path, doc: DocumentReport, rotation: int,
               options: FixOptions) -> tuple[tuple[str, ...], bytes]:
    with Image.open(path) as opened:
        opened.load()
        im: Image.Image = opened
        fmt = WRITABLE[doc.sniffed_type or "jpeg"]
        actions = []
        if doc.exif_orientation != 1:
            im = ops.bake_orientation(im)
            actions.append(f"EXIF orientation {doc.exif_orientation} baked in, tag removed")
        im, page_actions = _fix_page(im, rotation, options)
        actions += page_actions
        if not actions:
            return (), b""
        exif = im.getexif()
        exif.pop(0x0112, None)
        data = _encode(im, fmt, exif.tobytes() if len(exif) else None, options, actions)
        return tuple(actions), data


def _fix_page(im: Image.Image, rotation: int,
              options: FixOptions) -> tuple[Image.Image, list[str]]:
    actions = []
    if rotation:
        im = ops.rotate_upright(im, rotation)
        actions.append(f"content turned {rotation}° clockwise rotated upright")
    if options.landscape and im.size[0] <= im.size[1]:
        before = im.size
        im = ops.landscape_canvas(im)
        actions.append(f"portrait {before[0]}×{before[1]} placed on a landscape canvas "
                       f"{im.size[0]}×{im.size[1]}")
    if max(im.size) > options.max_long_side:
        before = im.size
        im = ops.downscale(im, options.max_long_side)
        actions.append(f"downscaled {before[0]}×{before[1]} → {im.size[0]}×{im.size[1]}")
    return im, actions


def _encode(im: Image.Image, fmt: str, exif: bytes | None, options: FixOptions,
            actions: list[str]) -> bytes:
    if fmt == "JPEG":
        data, q = ops.encode_jpeg(im, quality=options.quality, min_quality=options.min_quality,
                                  max_bytes=options.max_bytes, exif=exif)
        actions.append(f"saved as JPEG quality {q}")
        return data
    buf = io.BytesIO()
    im.save(buf, fmt, **({"exif": exif} if exif and fmt in ("PNG", "WEBP", "TIFF") else {}))
    return buf.getvalue()


def _fix_pdf(path: Path, rotations: dict[int, int],
             options: FixOptions) -> tuple[tuple[str, ...], bytes]:
    import pypdfium2 as pdfium

    pages, actions = [], []
    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        for i in range(len(pdf)):
            im = pdf[i].render(scale=options.pdf_dpi / 72).to_pil().convert("RGB")
            im, page_actions = _fix_page(im, rotations.get(i + 1, 0), options)
            actions += [f"page {i + 1}: {a}" for a in page_actions]
            pages.append(im)
    finally:
        pdf.close()
    if not actions:
        return (), b""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:],
                  resolution=float(options.pdf_dpi))
    actions.append(f"PDF re-rendered at {options.pdf_dpi} dpi (text layer not kept)")
    return tuple(actions), buf.getvalue()
