"""Calendar-correct month arithmetic (hypothesis properties plus the classic edge cases)."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from preflight.dates.calendar import add_months, add_years

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))
MONTHS = st.integers(-240, 240)


def test_edge_cases() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


@given(DATES, MONTHS)
def test_lands_in_the_right_month(day: dt.date, n: int) -> None:
    out = add_months(day, n)
    assert (out.year * 12 + out.month) - (day.year * 12 + day.month) == n


@given(DATES, MONTHS)
def test_keeps_the_day_or_clamps_to_month_end(day: dt.date, n: int) -> None:
    out = add_months(day, n)
    last = calendar.monthrange(out.year, out.month)[1]
    assert out.day == min(day.day, last)


@given(DATES, st.integers(0, 240), st.integers(0, 240))
def test_monotonic(day: dt.date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert add_months(day, lo) <= add_months(day, hi)


@given(DATES, MONTHS)
def test_round_trip_never_moves_later(day: dt.date, n: int) -> None:
    assert add_months(add_months(day, n), -n) <= day
