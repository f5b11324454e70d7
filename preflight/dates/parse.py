"""Pure parsing of dates as printed on Chinese documents (no OCR, no I/O).

Handles `2026年11月1日`, `2026.11.01`, `2026-11-1`, `2026/11/01`, full-width digits, Chinese
numerals (`二〇二六年十一月一日`, `二零二六年十一月一日`), validity ranges
(`2016.03.01-2036.03.01`, `2015.01.07-长期`, `2019年01月01日至长期`) and common OCR confusions
inside digit runs (O/o → 0, l/I/| → 1). Implausible values (month 13, 30 February) are rejected,
never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

LONG_TERM = "long_term"
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○一二三四五六七八九十"
_SEP_Y = r"\s*[年.\-/·、]\s*"
_SEP_M = r"\s*[月.\-/·、]\s*"
# a month or day whose two digits the recogniser split with a space (`06月1 4日`) is read
# only when its 月/日 follows, else the lone first digit would give a wrong date
_NUM_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})" + _SEP_Y + r"(\d\s\d(?=\s*月)|\d{1,2})"
                       + _SEP_M + r"(\d\s\d(?=\s*日)|\d{1,2}(?!\d)(?!\s\d(?!\d)))\s*日?")
_CN_DATE = re.compile(rf"([{_CN}O]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日?")
_LONG = re.compile(r"长\s*期|永\s*久")
_RANGE_END = re.compile(r"(?:[-—–~～至到]|－)\s*$")
_RANGE_SEP = re.compile(r"^\s*(?:[-—–~～至到_]|－)+\s*")
MIN_YEAR, MAX_YEAR = 1949, 2100
_WIDE = {"廿": "二十", "卅": "三十"}


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its value (ISO or `long_term`), span and the matched text."""

    value: str
    start: int
    end: int
    text: str


def normalize(text: str) -> str:
    """NFKC (full-width → ASCII), 廿/卅 → 二十/三十, unify dashes, fix O/l/I between digits."""
    return normalize_aligned(text)[0]


def normalize_aligned(text: str, confidence: list[float] | tuple[float, ...] | None = None
                      ) -> tuple[str, list[float]]:
    """`normalize` character by character, carrying one confidence per output character."""
    scores = list(confidence) if confidence is not None else [1.0] * len(text)
    chars: list[str] = []
    out: list[float] = []
    for c, k in zip(text, scores, strict=False):
        n = _WIDE.get(c) or unicodedata.normalize("NFKC", c)
        chars.append(n)
        out.extend([k] * len(n))
    t = "".join(chars)
    t = re.sub(r"[‐‑‒–—―−一](?=\s*(?:\d|长))", lambda m: "-" if _prev_digit(t, m) else m.group(), t)
    t = re.sub(r"(?<=\d)[Oo](?=\d|[.\-/年月日])|(?<=[.\-/])[Oo](?=\d)", "0", t)
    t = re.sub(r"(?<=\d)[lI|](?=\d|[.\-/年月日])|(?<=[.\-/])[lI|](?=\d)", "1", t)
    return t, out


def _prev_digit(text: str, m: re.Match[str]) -> bool:
    before = text[: m.start()].rstrip()
    return bool(before) and (before[-1].isdigit() or before[-1] == "日")


def chinese_number(text: str) -> int | None:
    """Value of a month/day written in Chinese numerals (`十一` → 11, `二十` → 20, `三十一` → 31)."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    t = _CN_DIGITS[tens] if tens else 1
    u = _CN_DIGITS[units] if units else 0
    return t * 10 + u if t > 0 else None


def chinese_year(text: str) -> int | None:
    """A year written digit by digit in Chinese numerals (`二〇二六` → 2026)."""
    if len(text) != 4 or any(c not in _CN_DIGITS for c in text):
        return None
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar date within 1949..2100, or None (month 13, 30 February...)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every valid calendar date in `text` (already normalised), in reading order."""
    found: list[DateMatch] = []
    for m in _NUM_DATE.finditer(text):
        if _truncated(m):
            continue
        d = make_date(*(int(re.sub(r"\s", "", g)) for g in m.groups()))
        if d is not None:
            found.append(DateMatch(d.isoformat(), m.start(), m.end(), m.group()))
    for m in _CN_DATE.finditer(text):
        y, mo, da = chinese_year(m.group(1)), chinese_number(m.group(2)), chinese_number(m.group(3))
        d = make_date(y, mo, da) if y and mo and da else None
        if d is not None:
            found.append(DateMatch(d.isoformat(), m.start(), m.end(), m.group()))
    return sorted(found, key=lambda d: d.start)


def _truncated(m: re.Match[str]) -> bool:
    """`2023年06月1` with no 日: the end of `14日` may have been cut off (a box edge, a seal), so
    a one-digit day after 月 counts only when its 日 follows."""
    return "月" in m.group() and len(m.group(3)) == 1 and "日" not in m.group()


def parse_date(text: str) -> str | None:
    """The single date in `text` as ISO, or None when there is none or more than one."""
    dates = find_dates(normalize(text))
    return dates[0].value if len(dates) == 1 else None


def find_range(text: str) -> tuple[DateMatch | None, DateMatch] | None:
    """A validity range `FROM - UNTIL` / `FROM 至 长期` / `至 UNTIL` / `长期` in normalised text.

    Returns (from or None, until); `until.value` is an ISO date or `long_term`.
    """
    dates = find_dates(text)
    for i, d in enumerate(dates):
        rest = text[d.end:]
        sep = _RANGE_SEP.match(rest)
        if not sep:
            continue
        after = rest[sep.end():]
        if i + 1 < len(dates) and dates[i + 1].start == d.end + sep.end():
            return d, dates[i + 1]
        long_m = _LONG.match(after)
        if long_m:
            end = d.end + sep.end() + long_m.end()
            return d, DateMatch(LONG_TERM, d.end + sep.end(), end, long_m.group())
    long_m = _LONG.search(text)
    if long_m:
        start = dates[0] if dates and dates[0].end <= long_m.start() else None
        return start, DateMatch(LONG_TERM, long_m.start(), long_m.end(), long_m.group())
    cut = [d for d in dates if _RANGE_END.search(text[:d.start])]
    if cut:  # `…27-2031.02.27`: the start is hidden, the end follows the range separator
        return None, cut[-1]
    until = re.search(r"至", text)
    if until:
        later = [d for d in dates if d.start >= until.end()]
        if later:
            earlier = [d for d in dates if d.end <= until.start()]
            return (earlier[-1] if earlier else None), later[0]
    return None
