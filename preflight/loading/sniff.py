"""File type from content (magic bytes), and the type an extension claims."""

from __future__ import annotations

from pathlib import Path

_EXTENSIONS = {
    ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg",
    ".png": "png", ".webp": "webp", ".bmp": "bmp", ".gif": "gif",
    ".tif": "tiff", ".tiff": "tiff", ".heic": "heic", ".heif": "heic", ".pdf": "pdf",
}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
IMAGE_TYPES = frozenset({"jpeg", "png", "webp", "bmp", "gif", "tiff", "heic"})
SUPPORTED_TYPES = IMAGE_TYPES | {"pdf"}


def sniff(head: bytes) -> str | None:
    """The type of a file from its first bytes (at least 32; 1024 to find a late %PDF)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def extension_type(path: Path) -> str | None:
    """The type the file name's extension claims, or None for an unknown extension."""
    return _EXTENSIONS.get(path.suffix.lower())
