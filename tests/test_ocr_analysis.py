"""Document type and date extraction from text (fake engine and text layer; no OCR)."""

from __future__ import annotations

import pytest

from preflight.analysis import analyze_page
from preflight.checks.document_type_mismatch import DocumentTypeMismatch
from preflight.context import TextWord
from preflight.dates.extract import extract_dates
from preflight.filing import Role
from preflight.model import DocumentType as T
from preflight.ocr import OcrLine
from preflight.ocr.classify import classify
from preflight.ocr.layout import group_rows
from tests.ocr_fake import FakeEngine, make_doc, use_engine


def rows(*texts: str):  # type: ignore[no-untyped-def]
    return group_rows([OcrLine(t, (0.0, 50.0 * i, 300.0, 40.0), 0.99) for i, t in enumerate(texts)])


@pytest.mark.parametrize(("texts", "expected"), [
    (["中华人民共和国", "居民身份证", "签发机关 杭州市公安局", "有效期限 2016.03.01-2036.03.01"], T.ID_BACK),
    (["姓名 张三", "性别 男 民族 汉", "出生 1990年1月1日", "住址 北京市", "公民身份号码 110101199001011234"],
     T.ID_FRONT),
    (["营业执照", "统一社会信用代码 91440101MA5XXXXX", "营业期限 长期"], T.BUSINESS_LICENSE),
    (["授权书", "兹授权张三办理备案"], T.AUTHORIZATION_LETTER),
    (["备案承诺书", "本单位郑重承诺"], T.COMMITMENT_LETTER),
    (["上海市居住证", "居住地址 上海市", "签发机关", "有效期限 2025.01.01-2026.01.01"],
     T.RESIDENCE_PERMIT),
    (["小程序建设方案书", "网络部署方案"], T.CONSTRUCTION_PLAN),
    (["产品特点", "有效期 24个月"], T.UNKNOWN),
])
def test_classify(texts: list[str], expected: T) -> None:
    assert classify(rows(*texts)).document_type is expected


def test_licence_label_and_value_in_separate_boxes_form_one_row() -> None:
    lines = [OcrLine("营业期限", (100.0, 500.0, 120.0, 40.0), 0.99),
             OcrLine("2019年01月01日至2039年01月01日", (300.0, 505.0, 500.0, 38.0), 0.98),
             OcrLine("成立日期", (100.0, 440.0, 120.0, 40.0), 0.99),
             OcrLine("2019年01月01日", (300.0, 442.0, 250.0, 38.0), 0.97)]
    got = extract_dates(group_rows(lines), T.BUSINESS_LICENSE)
    assert {(d.kind, d.value) for d in got.dates} == {
        ("valid_from", "2019-01-01"), ("valid_until", "2039-01-01")}


def test_licence_term_without_its_label_is_the_from_until_range() -> None:
    got = extract_dates(rows("企业法人营业执照", "成立日期 2009年1月6日",
                             "2009年01月06日至 2029年01月05日"), T.BUSINESS_LICENSE)
    assert {(d.kind, d.value) for d in got.dates} == {
        ("valid_from", "2009-01-06"), ("valid_until", "2029-01-05")}
    assert extract_dates(rows("营业执照", "2009年01月06日"), T.BUSINESS_LICENSE).dates == ()


def test_value_on_the_row_below_the_label() -> None:
    got = extract_dates(rows("营业期限", "长期"), T.BUSINESS_LICENSE)
    assert [(d.kind, d.value) for d in got.dates] == [("valid_until", "long_term")]


def test_id_validity_under_the_issuer_when_a_stamp_hides_its_label() -> None:
    got = extract_dates(rows("居民身份证", "签发机关 保定市唐县公安局", "复印无效 27-2031.02.27"),
                        T.ID_BACK)
    assert [(d.kind, d.value) for d in got.dates] == [("valid_until", "2031-02-27")]
    got = extract_dates(rows("居民身份证", "签发机关 某公安局", "复印无效 2011.02.27-2031.02.27"),
                        T.ID_BACK)
    assert [d.value for d in got.dates] == ["2011-02-27", "2031-02-27"]
    assert extract_dates(rows("签发机关 某公安局", "复印无效"), T.ID_BACK).dates == ()


def test_until_before_from_is_rejected() -> None:
    got = extract_dates(rows("有效期限 2030.01.01-2020.01.01"), T.ID_BACK)
    assert got.dates == () and got.rejected[0].reason == "valid_until before valid_from"


def test_twenty_year_and_leap_day_spans_are_plausible() -> None:
    for text in ("有效期限 2016.03.01-2036.03.01", "有效期限 2008.02.29-2028.02.29",
                 "有效期限 2012.02.29-2017.02.28"):
        assert len(extract_dates(rows(text), T.ID_BACK).dates) == 2


def test_signing_date_skips_ranges_in_the_body() -> None:
    got = extract_dates(rows("授权书", "有效期自2026年1月1日至2026年12月31日止",
                             "日期:2026年11月1日"), T.AUTHORIZATION_LETTER)
    assert [(d.kind, d.value) for d in got.dates] == [("signed_on", "2026-11-01")]


def test_text_layer_is_read_without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = use_engine(monkeypatch, FakeEngine(["nothing"]))
    doc = make_doc(Role.HOST_AUTHORIZATION)
    page = doc.pages[0]
    page.text_words = (TextWord("授权书", (500, 100, 200, 60)),
                       TextWord("兹授权", (100, 300, 120, 30)),
                       TextWord("2026年11月1日", (700, 1200, 240, 30)))
    a = analyze_page(page)
    assert engine.calls == 0 and a.source == "text_layer"
    assert a.document_type is T.AUTHORIZATION_LETTER
    assert [(d.value, d.source) for d in a.dates] == [("2026-11-01", "text_layer")]


def test_type_mismatch_front_uploaded_as_back(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["姓名 张三", "性别 男 民族 汉", "出生 1990年1月1日",
                                        "住址 北京市朝阳区", "公民身份号码 110101199001011234"]))
    found = list(DocumentTypeMismatch().check(make_doc(Role.ID_BACK).pages[0]))
    assert [f.code for f in found] == ["T101"]
    assert found[0].measured["detected"] == "id_front"


def test_no_mismatch_when_both_sides_are_on_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["姓名 张三", "公民身份号码 110101199001011234",
                                        "居民身份证", "签发机关 某市公安局", "有效期限 2016.03.01-2036.03.01"]))
    assert list(DocumentTypeMismatch().check(make_doc(Role.ID_FRONT).pages[0])) == []


def test_no_mismatch_when_unsure(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["住址"]))
    assert list(DocumentTypeMismatch().check(make_doc(Role.ID_BACK).pages[0])) == []


def test_middle_pages_of_long_pdfs_are_not_ocrd(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = use_engine(monkeypatch, FakeEngine(["授权书", "日期:2026年11月1日"]))
    doc = make_doc(Role.HOST_AUTHORIZATION, pages=6)
    sources = [analyze_page(p).source for p in doc.pages]
    assert sources == ["ocr", "ocr", "skipped", "skipped", "ocr", "ocr"]
    assert engine.calls == 4


def test_masked_digit_lowers_the_date_confidence_below_use() -> None:
    from preflight.dates.collect import MIN_CONFIDENCE

    text = "成立日期 2014年04月15日"
    confs = tuple(0.65 if i in (text.index("15"), text.index("15") + 1) else 0.99
                  for i in range(len(text)))
    line = OcrLine(text, (0.0, 0.0, 400.0, 40.0), 0.93, confs)
    got = extract_dates(group_rows([line]), T.BUSINESS_LICENSE)
    assert got.dates[0].value == "2014-04-15" and got.dates[0].confidence < MIN_CONFIDENCE


def test_agreeing_readings_corroborate_each_other() -> None:
    a = "成立日期 2019年01月01日"
    b = "营业期限 2019年01月01日至长期"
    weak = tuple(0.5 if c == "2" else 0.99 for c in b)
    got = extract_dates(group_rows([OcrLine(a, (0.0, 0.0, 400.0, 40.0), 0.99),
                                    OcrLine(b, (0.0, 60.0, 400.0, 40.0), 0.9, weak)]),
                        T.BUSINESS_LICENSE)
    conf = {d.kind: d.confidence for d in got.dates}
    assert conf["valid_from"] == 0.99


def test_founding_date_is_the_start_when_the_term_has_none() -> None:
    got = extract_dates(rows("成立日期 2012年05月02日", "营业期限 长期", "登记机关",
                             "2018年5月9日"), T.BUSINESS_LICENSE)
    assert {(d.kind, d.value) for d in got.dates} == {
        ("valid_from", "2012-05-02"), ("valid_until", "long_term"), ("issued_on", "2018-05-09")}


def test_masked_end_of_term_keeps_the_start_only() -> None:
    got = extract_dates(rows("营业期限 2018年04月09日至******"), T.BUSINESS_LICENSE)
    assert [(d.kind, d.value) for d in got.dates] == [("valid_from", "2018-04-09")]
    assert got.unread == ("valid_until",)
