"""A fixed Report (no images read, no clock) for golden-file tests of the output formats."""

from __future__ import annotations

import cv2
import numpy as np

from preflight.model import Category, DateField, DocumentType, Finding, PageResult, Severity
from preflight.report import DocumentReport, Report
from preflight.thumbnails import thumbnail


def _finding(code: str, name: str, cat: Category, sev: Severity, file: str | None,
             page: int | None, bbox: tuple[int, int, int, int] | None, measured: object,
             threshold: object, zh: str, en: str) -> Finding:
    return Finding(code=code, name=name, category=cat, severity=sev, file=file, page=page,
                   bbox=bbox, measured=measured, threshold=threshold, message_zh=zh,
                   message_en=en, fix_zh=f"修复{code}:重新拍摄。", fix_en=f"Fix {code}: re-take it.")


def _thumb() -> bytes:
    img = np.full((90, 120, 3), 220, np.uint8)
    cv2.rectangle(img, (10, 10), (110, 80), (120, 60, 20), -1)
    return thumbnail(img, 120)


def sample_report(root: str = "/scan/attachments") -> Report:
    """Two files (one with three findings, one clean) and one filing-level finding."""
    glare = _finding("Q301", "glare-on-document", Category.GLARE, Severity.ERROR, "身份证正面.jpg",
                     1, (400, 300, 200, 100), 0.12, 0.05, "反光面积 12%,超过 5%。",
                     "Glare covers 12%, above 5%.")
    small = _finding("Q101", "low-resolution", Category.RESOLUTION, Severity.WARNING,
                     "身份证正面.jpg", 1, (0, 0, 1200, 900), 900, 1000, "长边 900 像素。",
                     "Long side is 900 px, below 1000 px.")
    tag = _finding("F104", "exif-rotation-not-baked-in", Category.FILE, Severity.INFO,
                   "身份证正面.jpg", None, None, 6, 1, "EXIF 方向标记为 6。",
                   "EXIF orientation tag is 6, \"rotated\" <90°>.")
    missing = _finding("R101", "missing-commitment-letter", Category.FILING_RULE, Severity.ERROR,
                       None, None, None, "absent", "required", "缺少承诺书。",
                       "The commitment letter is missing.")
    date = DateField(kind="valid_until", value="2027-01-31", text="2027.01.31",
                     bbox=(700, 700, 300, 60), confidence=0.9)
    page = PageResult(index=1, width=1200, height=900, document_type=DocumentType.ID_FRONT,
                      document_type_confidence=0.8, dates=(date,),
                      extra={"watermarks": [{"bbox": [100, 500, 500, 120], "label": "watermark"}]})
    doc1 = DocumentReport(file="身份证正面.jpg", sniffed_type="jpeg", extension_type="jpeg",
                          role="id_front", role_source="file_name", person=None,
                          exif_orientation=6, page_count=1, pages=[page],
                          findings=[small, tag, glare], thumbnails={1: _thumb()},
                          overlays={1: {"document": {"quad": [[50, 40], [1150, 60], [1140, 860],
                                                              [60, 850]], "mode": "photo"}}})
    doc2 = DocumentReport(file="营业执照.pdf", sniffed_type="pdf", extension_type="pdf",
                          role="business_license", role_source="filing", person=None,
                          exif_orientation=1, page_count=1,
                          pages=[PageResult(index=1, width=1240, height=1754)])
    inputs = {"paths": [root], "filing_file": f"{root}/filing.toml", "province": "广东",
              "submission_date": "2026-11-22", "subject_type": "enterprise"}
    return Report(inputs=inputs, documents=[doc1, doc2], filing_findings=[missing])
