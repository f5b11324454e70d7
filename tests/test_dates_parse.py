"""Parsing dates as printed: examples from real documents and hypothesis properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from preflight.dates.parse import (
    LONG_TERM,
    chinese_number,
    find_dates,
    find_range,
    normalize,
    parse_date,
)
from preflight.eval.ocr_synth import date_text

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.mark.parametrize(("text", "iso"), [
    ("2026年11月1日", "2026-11-01"), ("2026.11.01", "2026-11-01"), ("2026-11-1", "2026-11-01"),
    ("二〇二六年十一月一日", "2026-11-01"), ("二零二六年十一月一日", "2026-11-01"),
    ("２０２６年１１月０１日", "2026-11-01"), ("2026/11/01", "2026-11-01"),
    ("二〇一四年一月廿日", "2014-01-20"), ("日期:2O26.1l.O1", "2026-11-01"),
])
def test_common_forms(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["2026年13月1日", "2026.02.30", "2026-00-10", "1899.01.01",
                                  "20261101", "十一月一日"])
def test_implausible_or_incomplete_dates_are_not_guessed(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "start", "until"), [
    ("有效期限 2016.03.01-2036.03.01", "2016-03-01", "2036-03-01"),
    ("有效期限 2015.01.07-长期", "2015-01-07", LONG_TERM),
    ("2019年01月01日至长期", "2019-01-01", LONG_TERM),
    ("2016年12月09日 至 2035年02月28日", "2016-12-09", "2035-02-28"),
    ("长期", None, LONG_TERM),
    ("2016.03.01一2036.03.01", "2016-03-01", "2036-03-01"),
])
def test_ranges(text: str, start: str | None, until: str) -> None:
    found = find_range(normalize(text))
    assert found is not None
    assert (found[0].value if found[0] else None, found[1].value) == (start, until)


def test_range_with_masked_end_gives_nothing() -> None:
    assert find_range(normalize("2018年04月09日至******")) is None


@given(DATES, st.integers(0, 4))
def test_every_printed_form_round_trips(day: dt.date, style: int) -> None:
    assert parse_date(date_text(day, style)) == day.isoformat()


@given(DATES, st.integers(13, 99))
def test_month_above_12_never_parses(day: dt.date, month: int) -> None:
    assert find_dates(normalize(f"{day.year}年{month}月{day.day}日")) == []


@given(st.integers(1, 31))
def test_chinese_numbers(n: int) -> None:
    assert chinese_number(date_text(dt.date(2000, 1, n), 3).split("月")[1].rstrip("日")) == n


@given(DATES, DATES)
def test_range_reads_both_ends(a: dt.date, b: dt.date) -> None:
    found = find_range(normalize(f"有效期限 {a:%Y.%m.%d}-{b:%Y.%m.%d}"))
    assert found is not None and found[0] is not None
    assert (found[0].value, found[1].value) == (a.isoformat(), b.isoformat())


def test_digits_split_by_the_recogniser_are_joined_only_before_their_unit() -> None:
    assert [d.value for d in find_dates("2023年06月1 4日")] == ["2023-06-14"]
    assert [d.value for d in find_dates("2023年0 6月14日")] == ["2023-06-14"]
    assert find_dates("2023年06月1 4") == []  # which digit is the day? not guessed
    assert [d.value for d in find_dates("2016.03.01 2036.03.01")] == ["2016-03-01", "2036-03-01"]


def test_one_digit_day_after_month_needs_its_ri() -> None:
    assert find_dates("2023年06月1") == []  # `14日` cut at a box edge would read as the 1st
    assert [d.value for d in find_dates("2026年11月1日")] == ["2026-11-01"]
    assert [d.value for d in find_dates("2023年06月14")] == ["2023-06-14"]
    assert [d.value for d in find_dates("2026.11.1")] == ["2026-11-01"]


def test_range_whose_start_is_hidden_still_gives_its_end() -> None:
    found = find_range(normalize("复节无1 27-2031.02.27"))
    assert found is not None and found[0] is None and found[1].value == "2031-02-27"
