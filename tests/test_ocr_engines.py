"""Real engines on a generated page (a few seconds each): Tesseract (marked) and RapidOCR."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from preflight.dates.extract import extract_dates
from preflight.eval.ocr_synth import id_back
from preflight.model import DocumentType as T
from preflight.ocr import available, get_engine
from preflight.ocr.classify import classify
from preflight.ocr.layout import group_rows


def _card() -> tuple[np.ndarray, dict[str, str]]:
    pil, _, truth = id_back(random.Random(7))
    return cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR), truth


def _read(name: str) -> tuple[T, dict[str, str], dict[str, str]]:
    image, truth = _card()
    result = get_engine(name).read(image, timeout_s=60)
    rows = group_rows(result.lines)
    kind = classify(rows).document_type
    return kind, {d.kind: d.value for d in extract_dates(rows, kind).dates}, truth


@pytest.mark.tesseract
def test_tesseract_reads_a_generated_id_back() -> None:
    if not available("tesseract"):
        pytest.skip("tesseract binary not installed (CI installs it)")
    kind, dates, truth = _read("tesseract")
    assert kind is T.ID_BACK
    assert dates.get("valid_until") == truth["valid_until"]


@pytest.mark.tesseract
def test_tesseract_timeout_gives_an_empty_flagged_result() -> None:
    if not available("tesseract"):
        pytest.skip("tesseract binary not installed (CI installs it)")
    image, _ = _card()
    big = cv2.resize(image, None, fx=3, fy=3)
    result = get_engine("tesseract").read(big, timeout_s=0.01)
    assert result.timed_out and result.lines == ()


def test_rapid_reads_a_generated_id_back() -> None:
    if not available("rapid"):
        pytest.skip("rapidocr/onnxruntime not installed")
    kind, dates, truth = _read("rapid")
    assert kind is T.ID_BACK
    assert dates == {"valid_from": truth["valid_from"], "valid_until": truth["valid_until"]}


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown OCR engine"):
        get_engine("cnocr")


def test_rapid_stops_as_soon_as_the_caller_has_enough() -> None:
    if not available("rapid"):
        pytest.skip("rapidocr/onnxruntime not installed")
    from fixtures.synth import business_license
    from preflight.ocr import select
    from preflight.ocr.enough import page_complete

    doc = business_license(0)
    image = cv2.cvtColor(doc.image, cv2.COLOR_RGB2BGR)
    engine = get_engine("rapid")
    first = engine.read(image, timeout_s=60, enough=lambda lines: True)
    assert 0 < len(first.lines) <= select.BATCH
    complete = engine.read(image, timeout_s=60, enough=page_complete)
    assert len(complete.lines) < 0.8 * len(doc.texts)  # the body and most fields are not read
    rows = group_rows(complete.lines)
    dates = {d.kind: d.value for d in extract_dates(rows, classify(rows).document_type).dates}
    assert dates == {d.kind: d.value for d in doc.dates}
