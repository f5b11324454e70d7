"""The document was photographed at a steep angle (strong perspective distortion).

## What it checks
On photos where the document's four corners were found inside the frame (each at least 2 % of
the short side from the frame edge: a quadrilateral fitted to a document cut by the frame is the
shape of the cut, not a perspective), the largest deviation
of an interior angle from 90° (warning at `max_angle` degrees, default 20) and the ratio of
opposite sides (warning below `min_side_ratio`, default 0.75: one side a quarter shorter than the
other). Scans and images without a located outline are not judged.

## Why it matters
A steeply tilted photo shrinks the far side of the document: its small print becomes hard to
read and reviewers ask for a square-on photo. The filing guide asks for clear, complete
documents (内容清晰, 边角完整).

## How to fix
Hold the phone parallel to the document, straight above its centre, so that the document looks
like a rectangle on screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2

from preflight.context import PageContext
from preflight.imaging.border import corners_near_border
from preflight.imaging.frame import analysis_view
from preflight.imaging.geometry import max_angle_deviation, side_ratio
from preflight.imaging.quad import document_quad
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class StrongPerspective(PageCheck):
    """Steep camera angle."""

    code = "Q502"
    name = "strong-perspective"
    category = Category.CROPPED_CORNER
    severity = Severity.WARNING
    params = {
        "max_angle": Param(20.0, "largest |interior angle − 90°| in degrees", 1.0, 60.0),
        "min_side_ratio": Param(0.75, "smallest ratio of opposite sides", 0.1, 1.0),
    }
    fix_zh = "请将手机与证件平行、正对证件中心拍摄,使证件在屏幕上呈矩形。"
    fix_en = "Hold the phone parallel to the document, straight above its centre."

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One warning when the document quad is far from a rectangle."""
        quad = page.memo(document_quad)
        if quad.mode != "photo" or quad.corners is None or \
                corners_near_border(quad.corners, quad.frame_size):
            return  # a quad with a corner on the frame edge is a cut region, not a perspective
        angle, ratio = max_angle_deviation(quad.corners), side_ratio(quad.corners)
        if angle < self.p["max_angle"] and ratio >= self.p["min_side_ratio"]:
            return
        view = page.memo(analysis_view)
        x, y, w, h = cv2.boundingRect(quad.corners.astype("float32"))
        yield self.finding(
            file=page.file, page=page.index, bbox=page.to_full(view.to_work((x, y, w, h))),
            measured={"angle_deg": round(angle, 1), "side_ratio": round(ratio, 3)},
            threshold={"angle_deg": self.p["max_angle"], "side_ratio": self.p["min_side_ratio"]},
            message_zh=f"拍摄角度过斜:证件角度偏离直角 {angle:.0f}°(阈值 {self.p['max_angle']:.0f}°),"
                       f"对边长度比 {ratio:.2f}(阈值 {self.p['min_side_ratio']:.2f})。",
            message_en=f"Steep camera angle: a corner is {angle:.0f}° off square (threshold "
                       f"{self.p['max_angle']:.0f}°), opposite sides ratio {ratio:.2f} "
                       f"(threshold {self.p['min_side_ratio']:.2f}).",
        )
