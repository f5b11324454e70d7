"""Calendar-correct month arithmetic for the filing guide's "N 个月" windows.

`add_months(date(2026, 1, 31), 1)` is 2026-02-28: the day is clamped to the length of the
target month (the convention of `dateutil.relativedelta` and of most civil-law deadline rules).
"""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` calendar months (negative goes back), day clamped to month end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)
