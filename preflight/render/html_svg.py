"""The page pictures of the HTML report: a thumbnail with every box known about the page drawn on.

The SVG's viewBox is the full-size page, so finding boxes (full-size page pixels) are drawn as
they are and the thumbnail is stretched under them. Besides the findings, whatever boxes the
page analysis carries are drawn: OCR'd date fields (`PageResult.dates`) and any `bbox`, `quad`,
`outline` or `polygon` found in `PageResult.extra` (document outline, missing corners,
watermark regions...), labelled by their key.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from html import escape
from typing import Any

from preflight.model import Finding, PageResult

_POLY_KEYS = ("quad", "outline", "polygon", "corners")


def page_svg(page: PageResult, findings: list[Finding], thumb: bytes | None,
             overlay: dict[str, Any], doc_id: str) -> str:
    """One page as inline SVG: thumbnail (if any), outlines and regions (`page.extra` and
    `overlay`), date boxes, finding boxes."""
    w, h = max(1, page.width), max(1, page.height)
    stroke = max(2.0, max(w, h) / 250)
    font = max(10.0, max(w, h) / 32)
    parts = [f'<svg class="page" viewBox="0 0 {w} {h}" role="img" '
             f'aria-label="page {page.index}" xmlns="http://www.w3.org/2000/svg">']
    if thumb:
        data = base64.b64encode(thumb).decode("ascii")
        parts.append(f'<image href="data:image/jpeg;base64,{data}" x="0" y="0" width="{w}" '
                     f'height="{h}" preserveAspectRatio="none"/>')
    for label, shape in [*_extra_shapes(overlay), *_extra_shapes(page.extra)]:
        parts.append(_shape(shape, "region", label, stroke, font))
    for d in page.dates:
        if d.bbox:
            parts.append(_shape(d.bbox, "date", f"{d.kind} {d.value}", stroke, font))
    for ident, (box, group) in _groups(findings, page.index, doc_id).items():
        worst = group[0].severity.value  # findings come worst first
        label = " ".join(dict.fromkeys(f.code for f in group))
        parts.append(_shape(box, worst, label, stroke, font, ident=ident))
    parts.append("</svg>")
    return "".join(parts)


def box_ids(findings: list[Finding], doc_id: str) -> dict[int, str]:
    """Finding index -> id of the drawn box (findings with the same page and box share one)."""
    ids: dict[tuple[int, tuple[int, ...]], str] = {}
    out = {}
    for i, f in enumerate(findings):
        if f.bbox and f.page:
            out[i] = ids.setdefault((f.page, tuple(f.bbox)), f"{doc_id}-b{len(ids)}")
    return out


def _groups(findings: list[Finding], page: int, doc_id: str
            ) -> dict[str, tuple[tuple[int, ...], list[Finding]]]:
    groups: dict[str, tuple[tuple[int, ...], list[Finding]]] = {}
    for i, ident in box_ids(findings, doc_id).items():
        f = findings[i]
        if f.page == page and f.bbox:
            groups.setdefault(ident, (tuple(f.bbox), []))[1].append(f)
    return groups


def _shape(shape: Any, cls: str, label: str, stroke: float, font: float,
           ident: str | None = None) -> str:
    attr = f' id="{ident}"' if ident else ""
    if len(shape) == 4 and all(isinstance(v, (int, float)) for v in shape):
        x, y, bw, bh = shape
        body = (f'<rect{attr} class="{cls}" x="{x}" y="{y}" width="{bw}" height="{bh}" '
                f'stroke-width="{stroke:.1f}"/>')
        tx, ty = x, y
    else:
        pts = " ".join(f"{p[0]},{p[1]}" for p in shape)
        body = f'<polygon{attr} class="{cls}" points="{pts}" stroke-width="{stroke:.1f}"/>'
        tx, ty = shape[0][0], shape[0][1]
    ty = ty - stroke if ty - font > 0 else ty + font
    text = (f'<text class="{cls}" x="{tx}" y="{ty}" font-size="{font:.0f}" '
            f'stroke-width="{font / 10:.1f}">{escape(label)}</text>')
    return body + text


def _extra_shapes(extra: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """(label, box or polygon) for every bbox/quad-like value nested in `extra`."""
    if isinstance(extra, dict):
        for k, v in extra.items():
            if k == "bbox" and _is_box(v):
                yield str(extra.get("label") or extra.get("kind") or key or "region"), v
            elif k in _POLY_KEYS and _is_polygon(v):
                yield (key or k), v
            else:
                yield from _extra_shapes(v, str(k))
    elif isinstance(extra, (list, tuple)):
        if _is_box(extra) and key.endswith("bbox"):
            yield key, extra
            return
        for item in extra:
            yield from _extra_shapes(item, key)


def _is_box(v: Any) -> bool:
    return (isinstance(v, (list, tuple)) and len(v) == 4
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v))


def _is_polygon(v: Any) -> bool:
    return (isinstance(v, (list, tuple)) and len(v) >= 3
            and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in v))
