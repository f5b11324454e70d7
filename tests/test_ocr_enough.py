"""When OCR may stop: a sure type and every date that type needs, readable enough for a verdict."""

from __future__ import annotations

from preflight.ocr import OcrLine
from preflight.ocr.enough import page_complete


def lines(*texts: str, confidence: float = 0.99) -> tuple[OcrLine, ...]:
    return tuple(OcrLine(t, (10.0, 10.0 + 50 * i, 400.0, 40.0), confidence)
                 for i, t in enumerate(texts))


def test_id_back_complete_only_with_both_validity_ends() -> None:
    head = ("中华人民共和国", "居民身份证", "签发机关 西安市公安局")
    assert not page_complete(lines(*head))
    assert page_complete(lines(*head, "有效期限 2016.03.01-2036.03.01"))


def test_implausible_or_doubtful_dates_do_not_stop_the_reading() -> None:
    head = ("居民身份证", "签发机关 西安市公安局")
    assert not page_complete(lines(*head, "有效期限 2016.03.01-2031.03.07"))  # 15 years
    assert not page_complete(lines(*head, "有效期限 2016.03.01-2036.03.01", confidence=0.6))


def test_id_front_needs_no_date_but_a_sure_type() -> None:
    assert not page_complete(lines("姓名 张三"))
    assert page_complete(lines("姓名 张三", "公民身份号码 610113197510023804"))


def test_letter_needs_its_signing_date_and_a_clear_lead_over_other_types() -> None:
    assert not page_complete(lines("授权书", "被授权人 王五"))
    assert page_complete(lines("授权书", "被授权人 王五", "2026年11月1日"))
    # a licence number on the page narrows the lead below the margin: keep reading
    assert not page_complete(lines("授权书", "统一社会信用代码 91610104JH4BXKFLJY",
                                   "2026年11月1日"))
