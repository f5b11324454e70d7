"""The date rules as checks: boundary days, user-supplied dates, unreadable dates."""

from __future__ import annotations

import datetime as dt

import pytest

from preflight.checks.date_expired import DocumentExpired
from preflight.checks.date_signed_after_submission import SignedAfterSubmission
from preflight.checks.date_signed_too_early import SignedTooEarly
from preflight.checks.date_unreadable import DateUnreadable
from preflight.checks.date_validity_too_short import ValidityTooShort
from preflight.filing import Role
from tests.ocr_fake import FakeEngine, make_doc, use_engine

SUB = dt.date(2026, 11, 22)
ALL = (DocumentExpired, ValidityTooShort, SignedTooEarly, SignedAfterSubmission, DateUnreadable)


def codes(doc, **params) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for cls in ALL:
        check = cls(params if cls is SignedTooEarly and params else None)
        out += [f.code for f in check.check(doc)]
    return sorted(out)


@pytest.mark.parametrize(("until", "expected"), [
    (dt.date(2027, 2, 22), []),  # exactly 3 calendar months: passes
    (dt.date(2027, 2, 21), ["D102"]),  # one day less
    (SUB, ["D102"]),  # valid on the submission day itself, but too short
    (dt.date(2026, 11, 21), ["D101"]),  # expired the day before
])
def test_validity_boundaries_user_supplied(until: dt.date, expected: list[str]) -> None:
    doc = make_doc(Role.ID_BACK, ocr=False, valid_until=until)
    assert codes(doc) == expected


def test_long_term_passes() -> None:
    assert codes(make_doc(Role.BUSINESS_LICENSE, ocr=False, long_term=True)) == []


def test_month_end_submission() -> None:
    sub = dt.date(2026, 11, 30)  # + 3 months = 2027-02-28
    assert codes(make_doc(Role.ID_BACK, ocr=False, submission=sub,
                          valid_until=dt.date(2027, 2, 28))) == []
    assert codes(make_doc(Role.ID_BACK, ocr=False, submission=sub,
                          valid_until=dt.date(2027, 2, 27))) == ["D102"]


@pytest.mark.parametrize(("signed", "expected"), [
    (dt.date(2026, 10, 22), []),  # exactly one month before
    (dt.date(2026, 10, 21), ["D103"]),  # one day earlier
    (SUB, []),  # the submission day
    (dt.date(2026, 11, 23), ["D104"]),  # one day after
])
def test_signing_boundaries(signed: dt.date, expected: list[str]) -> None:
    doc = make_doc(Role.HOST_AUTHORIZATION, ocr=False, signed_on=signed)
    assert codes(doc) == expected


def test_guangdong_commitment_strict_default_and_lenient_option() -> None:
    doc = make_doc(Role.COMMITMENT, province="广东", ocr=False, signed_on=dt.date(2026, 9, 1))
    assert codes(doc) == ["D103"]
    assert codes(doc, lenient_windows=True) == []
    early = make_doc(Role.COMMITMENT, province="广东", ocr=False, signed_on=dt.date(2026, 8, 21))
    assert codes(early, lenient_windows=True) == ["D103"]


def test_commitment_outside_listed_provinces_has_no_window() -> None:
    doc = make_doc(Role.COMMITMENT, province="北京", ocr=False, signed_on=dt.date(2020, 1, 1))
    assert codes(doc) == []


def test_shanghai_residence_permit_needs_more_than_one_month() -> None:
    one_month = dt.date(2026, 12, 22)
    doc = make_doc(Role.RESIDENCE_PROOF, province="上海", ocr=False, valid_until=one_month)
    assert codes(doc) == ["D102"]
    ok = make_doc(Role.RESIDENCE_PROOF, province="上海", ocr=False,
                  valid_until=dt.date(2026, 12, 23))
    assert codes(ok) == []


def test_ocr_date_is_used_with_its_page_and_box(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["中华人民共和国", "居民身份证", "签发机关 某市公安局",
                                        "有效期限 2006.12.01-2026.12.01"]))
    findings = list(ValidityTooShort().check(make_doc(Role.ID_BACK)))
    assert [f.code for f in findings] == ["D102"]
    assert findings[0].page == 1 and findings[0].bbox is not None
    assert findings[0].measured == "2026-12-01"


def test_unreadable_date_warns_and_never_passes_or_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["居民身份证", "签发机关 某市公安局", "有效期限 模糊不清"]))
    assert codes(make_doc(Role.ID_BACK)) == ["D105"]


def test_low_confidence_date_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["居民身份证", "签发机关", "有效期限 2006.12.01-2026.12.01"],
                                       confidence=0.5))
    doc = make_doc(Role.ID_BACK)
    found = list(DateUnreadable().check(doc))
    assert [f.code for f in found] == ["D105"]
    assert "0.50" in found[0].message_en
    assert codes(doc) == ["D105"]


def test_implausible_id_span_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["居民身份证", "签发机关", "有效期限 2016.03.01-2030.03.01"]))
    doc = make_doc(Role.ID_BACK)
    found = list(DateUnreadable().check(doc))
    assert "5, 10 or 20 years" in found[0].message_en
    assert codes(doc) == ["D105"]


def test_user_supplied_date_overrides_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["授权书", "兹授权", "日期:2026年1月1日"]))
    doc = make_doc(Role.HOST_AUTHORIZATION, signed_on=dt.date(2026, 11, 20))
    assert codes(doc) == []
    from preflight.analysis import analyze_page

    dates = analyze_page(doc.pages[0]).dates
    assert [(d.kind, d.value, d.source) for d in dates] == [("signed_on", "2026-11-20", "user")]


def test_letter_signing_date_read_by_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine(["授权委托书", "授权期限自2026年1月1日至2026年12月31日",
                                        "授权人(签字):", "二〇二六年九月一日"]))
    found = list(SignedTooEarly().check(make_doc(Role.APP_AUTHORIZATION)))
    assert [f.measured for f in found] == ["2026-09-01"]


def test_no_ocr_and_no_user_date_is_silent() -> None:
    assert codes(make_doc(Role.ID_BACK, ocr=False)) == []


def test_timeout_is_reported_as_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    use_engine(monkeypatch, FakeEngine([], timed_out=True))
    found = list(DateUnreadable().check(make_doc(Role.ID_BACK)))
    assert [f.code for f in found] == ["D105"] and "timed out" in found[0].message_en
