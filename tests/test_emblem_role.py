"""Q901's severity follows how sure the document type is: a filing.toml role or a file-name guess."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from fixtures.synth.emblem import cover_emblem, id_back
from fixtures.synth.plain import photo_scene
from preflight.filing import Attachment, Filing, Role
from preflight.model import Finding, Severity
from preflight.pipeline import InputFile, check_document
from preflight.registry import instantiate
from preflight.settings import Settings

SETTINGS = Settings(ocr=False, select=("Q9",))


def q901(tmp_path: Path, name: str, filing: Filing) -> list[Finding]:
    rng = np.random.default_rng(0)
    photo = photo_scene(cover_emblem(id_back(rng), "sticker", rng), rng)
    path = tmp_path / name
    cv2.imwrite(str(path), photo, [cv2.IMWRITE_JPEG_QUALITY, 90])
    checks = instantiate(SETTINGS.check_params, SETTINGS.select, SETTINGS.ignore)
    _, report = check_document(InputFile(path, name, tmp_path), filing, SETTINGS, checks)
    return [f for f in report.findings if f.code == "Q901"]


def test_role_from_filing_gives_an_error(tmp_path: Path) -> None:
    filing = Filing(attachments=(Attachment(file="back.jpg", role=Role.ID_BACK),))
    found = q901(tmp_path, "back.jpg", filing)
    assert found and found[0].severity is Severity.ERROR
    assert "文件名" not in found[0].message_zh


def test_role_guessed_from_file_name_gives_a_warning_that_says_so(tmp_path: Path) -> None:
    found = q901(tmp_path, "国徽面.jpg", Filing())
    assert found and found[0].severity is Severity.WARNING
    assert "文件名" in found[0].message_zh and "file name" in found[0].message_en
