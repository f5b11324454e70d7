"""The closed set of load problems, with what to tell the user (used by the `file` checks)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from preflight.context import DocumentContext
    from preflight.model import Finding
    from preflight.registry import Check


@dataclass(frozen=True)
class ProblemText:
    """Message and fix for one kind of load problem, in Chinese and English."""

    message_zh: str
    message_en: str
    fix_zh: str
    fix_en: str


_REUPLOAD_ZH = "请重新导出或重新拍摄该附件,保存为 JPG、PNG 或 PDF 后再上传。"
_REUPLOAD_EN = "Export or photograph the attachment again and save it as JPG, PNG or PDF."

PROBLEMS: dict[str, ProblemText] = {
    "empty_file": ProblemText(
        "文件为空(0 字节)。", "The file is empty (0 bytes).", _REUPLOAD_ZH, _REUPLOAD_EN),
    "unsupported_type": ProblemText(
        "无法识别的文件格式:{detail}。", "Unrecognised file format: {detail}.",
        "备案附件请使用 JPG、PNG 或 PDF 格式。", "Use JPG, PNG or PDF for filing attachments."),
    "unreadable_image": ProblemText(
        "图片无法解码,文件可能已损坏:{detail}。",
        "The image cannot be decoded; the file may be corrupt: {detail}.",
        _REUPLOAD_ZH, _REUPLOAD_EN),
    "truncated": ProblemText(
        "文件不完整(被截断):{detail}。", "The file is incomplete (truncated): {detail}.",
        "文件可能在传输中损坏,请用原始文件重新上传。",
        "The file was probably cut off in transfer; upload the original again."),
    "too_many_pixels": ProblemText(
        "图片像素过多({detail}),可能是解压炸弹或超大图片,未做检查。",
        "The image has too many pixels ({detail}); it may be a decompression bomb. Not checked.",
        "请把图片缩小到 2000 万像素以内后再上传。", "Downscale the image below 20 megapixels."),
    "too_large_file": ProblemText(
        "文件过大({detail}),未做检查。", "The file is too large ({detail}); not checked.",
        "请压缩或缩小后再上传(备案平台通常限制在数 MB 以内)。",
        "Compress or downscale it; filing platforms usually accept a few MB."),
    "encrypted_pdf": ProblemText(
        "PDF 已加密,无法读取:{detail}。", "The PDF is encrypted and cannot be read: {detail}.",
        "请导出一份未加密、无密码的 PDF,或改为上传图片。",
        "Export an unencrypted PDF without a password, or upload images instead."),
    "pdf_error": ProblemText(
        "PDF 无法解析:{detail}。", "The PDF cannot be parsed: {detail}.",
        "请用 PDF 阅读器另存为或重新导出 PDF。", "Re-save or re-export the PDF."),
    "too_many_pages": ProblemText(
        "PDF 页数过多({detail}),只检查了前面的页。",
        "The PDF has too many pages ({detail}); only the first pages were checked.",
        "备案附件只需包含所需的页,请删除多余页面。",
        "Keep only the pages the filing needs."),
    "no_pages": ProblemText(
        "文件中没有可检查的页面。", "The file has no page to check.",
        _REUPLOAD_ZH, _REUPLOAD_EN),
    "animated": ProblemText(
        "动图/多帧图片({detail}),只检查了第一帧。",
        "Animated or multi-frame image ({detail}); only the first frame was checked.",
        "请上传静态的 JPG 或 PNG 图片。", "Upload a still JPG or PNG image."),
    "unreadable_file": ProblemText(
        "文件无法读取:{detail}。", "The file cannot be read: {detail}.",
        "请检查文件权限,或把文件复制到可读的位置。",
        "Check the file's permissions or copy it somewhere readable."),
    "timeout": ProblemText(
        "检查超时({detail}),该文件的结果不完整。",
        "Checking timed out ({detail}); results for this file are incomplete.",
        "请缩小图片或减少 PDF 页数后重试。", "Downscale the image or remove PDF pages and retry."),
}


def problem_findings(check: Check, doc: DocumentContext, *, fatal: bool) -> Iterator[Finding]:
    """One finding of `check` per load problem of the given fatality, worded from PROBLEMS."""
    for problem in doc.problems:
        if problem.fatal is not fatal:
            continue
        text = PROBLEMS[problem.kind]
        yield check.finding(
            file=doc.display_name, page=None, measured=problem.kind, threshold=None,
            message_zh=text.message_zh.format(detail=problem.detail),
            message_en=text.message_en.format(detail=problem.detail),
            fix_zh=text.fix_zh, fix_en=text.fix_en,
        )
