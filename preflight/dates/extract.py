"""Dates of a page from its rows of text, by document type, with plausibility checks.

- 有效期限 / 有效期 (ID back, residence permit): `FROM-UNTIL` or `FROM-长期`.
- 营业期限 (business licence): `FROM 至 UNTIL`, `至 长期`, `长期`; 成立日期 is the start
  (`valid_from`); the date under 登记机关 (the licence's issue date) → `issued_on`.

Confidence is the lowest character confidence of the date (a masked or smudged digit in an
otherwise clear line shows up there), raised when two readings of the same date agree.
- Letters (授权书, 承诺书, 建设方案书): the signing date is the last date printed on its own
  (not part of a `自…至…` range), usually beside the signature at the bottom.

A date that is not a real calendar date is never produced. A range whose end precedes its
start, or an ID card validity that is not 5, 10 or 20 years (or 长期; GA 490-2013 / 居民身份证法
第五条), is returned in `rejected` with the reason, and is not used for a verdict.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from preflight.dates.calendar import add_years
from preflight.dates.parse import LONG_TERM, DateMatch, find_dates, find_range, normalize_aligned
from preflight.model import DateField
from preflight.model import DocumentType as T
from preflight.ocr.layout import Row


def _spaced(*words: str) -> re.Pattern[str]:
    """A label pattern that tolerates spaces between its characters (成 立 日 期)."""
    return re.compile("|".join(r"\s*".join(w) for w in words))


_VALIDITY = _spaced("有效期限", "有效期至", "有效期")
_TERM = _spaced("营业期限", "经营期限", "合伙期限")
_FOUNDED = _spaced("成立日期", "注册日期")
# the licence's seal is printed over 登记机关, so the recogniser often returns a fragment of it
_ISSUER = _spaced("签发机关")
_REGISTRAR = re.compile(_spaced("登记机关", "发证机关").pattern
                        + r"|^\s*(?:登\s*记\s*机?|记\s*机\s*关)\s*$")
_LABEL = re.compile(r"营业|成立|注册|住所|类型|名称|法定|经营|签发|登记|有效|统一|实收|负责人")
_IN_RANGE = re.compile(r"[自从起至到]\s*$|^\s*[-—至到起]")
ID_SPANS_YEARS = (5, 10, 20)
MIN_CONFIDENCE = 0.8  # lowest character score of a date used for a verdict (docs/ocr.md)
LETTERS = (T.AUTHORIZATION_LETTER, T.COMMITMENT_LETTER, T.CONSTRUCTION_PLAN, T.UNKNOWN)


@dataclass(frozen=True)
class Rejected:
    """A date that was read but must not be used, and why."""

    field: DateField
    reason: str


@dataclass(frozen=True)
class Extracted:
    """Usable dates, rejected ones, and the date kinds whose label was seen but not read."""

    dates: tuple[DateField, ...]
    rejected: tuple[Rejected, ...]
    unread: tuple[str, ...]


def extract_dates(rows: list[Row], doc_type: T) -> Extracted:
    """Dates of a page whose rows are `rows` (top to bottom) and whose type is `doc_type`."""
    fields: list[DateField] = []
    unread: list[str] = []
    if doc_type in (T.ID_BACK, T.RESIDENCE_PERMIT, T.UNKNOWN):
        fields += _labelled_range(rows, _VALIDITY, unread)
    if doc_type in (T.ID_BACK, T.RESIDENCE_PERMIT) and not fields:
        fields += _under_issuer(rows)
    if doc_type in (T.BUSINESS_LICENSE, T.UNKNOWN):
        fields += _licence_term(rows, unread, labelled_only=doc_type is T.UNKNOWN)
        fields += _labelled_date(rows, _REGISTRAR, "issued_on", below=2)
    if doc_type in LETTERS and not fields:
        fields += _signing_date(rows)
    if doc_type is T.ID_BACK:
        fields = _corroborate_span(fields)
    return _check(fields, doc_type, tuple(dict.fromkeys(unread)))


def _licence_term(rows: list[Row], unread: list[str], *, labelled_only: bool
                  ) -> list[DateField]:
    """营业期限, whose start is the 成立日期 printed on its own row: two independent readings of
    one date that agree are as trustworthy as the better of the two; when the term prints no
    start (`营业期限 长期`), the 成立日期 is the start."""
    term = _labelled_range(rows, _TERM, unread) or ([] if labelled_only else _unlabelled_term(rows))
    founded = _labelled_date(rows, _FOUNDED, "valid_from")
    start = next((f for f in term if f.kind == "valid_from"), None)
    if not founded:
        return term
    if start is None:
        return founded + term
    if start.value == founded[0].value:
        best = replace(start, confidence=max(start.confidence, founded[0].confidence))
        return [best if f is start else f for f in term]
    return term


def _unlabelled_term(rows: list[Row]) -> list[DateField]:
    """A licence's only `FROM 至 UNTIL` range is its term: read it when 营业期限 was not."""
    for row in rows:
        t = _norm(row)
        found = find_range(t.text) if "至" in t.text else None
        start, until = found if found is not None else (None, None)
        if start is not None and until is not None:
            return [_field("valid_from", start, row, t.score(start)),
                    _field("valid_until", until, row, t.score(until))]
    return []


def _corroborate_span(fields: list[DateField]) -> list[DateField]:
    """An ID card's validity ends exactly 5, 10 or 20 years after it starts (a misread digit
    breaks that): when it does, both ends are as trustworthy as the better reading."""
    by_kind = {f.kind: f for f in fields}
    a, b = by_kind.get("valid_from"), by_kind.get("valid_until")
    if a is None or b is None or b.value == LONG_TERM or not _span_ok(a.value, b.value):
        return fields
    best = max(a.confidence, b.confidence)
    return [replace(f, confidence=best) if f.kind in ("valid_from", "valid_until") else f
            for f in fields]


def _span_ok(start: str, end: str) -> bool:
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return any(abs((add_years(s, n) - e).days) <= 1 for n in ID_SPANS_YEARS)


@dataclass(frozen=True)
class _Text:
    """Normalised text with one confidence per character."""

    text: str
    conf: list[float]

    def score(self, m: DateMatch) -> float:
        """Lowest character confidence of a match (a masked digit drags it down)."""
        return min(self.conf[m.start:m.end], default=0.0)


def _norm(row: Row) -> _Text:
    text, conf = normalize_aligned(row.text, row.char_confidence or None)
    return _Text(text, conf)


def _after_label(rows: list[Row], pattern: re.Pattern[str]) -> list[tuple[Row, _Text]]:
    """(row, text after the label) for rows carrying the label. When nothing follows the label
    on its row, the next row is read instead, unless that row starts with a label of its own."""
    hits = []
    for i, row in enumerate(rows):
        t = _norm(row)
        m = pattern.search(t.text)
        if m:
            rest = _Text(t.text[m.end():], t.conf[m.end():])
            if not rest.text.strip(" :：") and i + 1 < len(rows) \
                    and not _LABEL.match(rows[i + 1].compact):
                rest = _norm(rows[i + 1])
            hits.append((row, rest))
    return hits


def _labelled_range(rows: list[Row], pattern: re.Pattern[str], unread: list[str]) -> list[DateField]:
    for row, rest in _after_label(rows, pattern):
        found = find_range(rest.text)
        if found is None:
            unread.append("valid_until")
            start_only = find_dates(rest.text)
            if start_only and "至" in rest.text[start_only[0].end:]:  # 至 ****** (end masked)
                return [_field("valid_from", start_only[0], row, rest.score(start_only[0]))]
            continue
        start, until = found
        out = [_field("valid_until", until, row, rest.score(until))]
        if start is not None:
            out.insert(0, _field("valid_from", start, row, rest.score(start)))
        return out
    return []


def _under_issuer(rows: list[Row]) -> list[DateField]:
    """An ID card prints its validity on the row under 签发机关; when a stamp or glare hides the
    有效期限 label, that row is read as `FROM-UNTIL`, or as `-UNTIL` when only the end shows."""
    for i, row in enumerate(rows[:-1]):
        if _ISSUER.search(row.compact):
            t = _norm(rows[i + 1])
            found = find_range(t.text)
            if found is None or found[1].value == LONG_TERM and found[0] is None:
                return []
            start, until = found
            out = [_field("valid_until", until, rows[i + 1], t.score(until))]
            if start is not None:
                out.insert(0, _field("valid_from", start, rows[i + 1], t.score(start)))
            return out
    return []


def _labelled_date(rows: list[Row], pattern: re.Pattern[str], kind: str, *, below: int = 0
                   ) -> list[DateField]:
    """The first date after the label on its row, else on the `below` rows under it."""
    for i, row in enumerate(rows):
        t = _norm(row)
        m = pattern.search(t.text)
        if not m:
            continue
        candidates = [(row, _Text(t.text[m.end():], t.conf[m.end():]))]
        candidates += [(r, _norm(r)) for r in rows[i + 1:i + 1 + below]]
        if not below:
            candidates = _after_label(rows[i:i + 2], pattern)[:1]
        for r, text in candidates:
            dates = find_dates(text.text)
            if dates:
                return [_field(kind, dates[0], r, text.score(dates[0]))]
    return []


def _signing_date(rows: list[Row]) -> list[DateField]:
    """The last stand-alone date on the page; confidence drops when several compete."""
    candidates: list[tuple[Row, DateMatch, float]] = []
    for row in rows:
        t = _norm(row)
        for d in find_dates(t.text):
            if not (_IN_RANGE.search(t.text[:d.start]) or _IN_RANGE.search(t.text[d.end:])):
                candidates.append((row, d, t.score(d)))
    if not candidates:
        return []
    row, match, score = candidates[-1]
    penalty = 1.0 if len({d.value for _, d, _ in candidates}) == 1 else 0.9
    return [_field("signed_on", match, row, score * penalty)]


def _field(kind: str, m: DateMatch, row: Row, confidence: float) -> DateField:
    box = tuple(round(v) for v in row.box)
    return DateField(kind=kind, value=m.value, text=m.text, bbox=box,  # type: ignore[arg-type]
                     confidence=round(confidence, 3))


def _check(fields: list[DateField], doc_type: T, unread: tuple[str, ...]) -> Extracted:
    by_kind = {f.kind: f for f in fields}
    start, until = by_kind.get("valid_from"), by_kind.get("valid_until")
    reason = plausibility(start.value if start else None, until.value if until else None,
                          id_card=doc_type is T.ID_BACK)
    if reason is None:
        return Extracted(tuple(fields), (), unread)
    bad = {"valid_from", "valid_until"}
    keep = tuple(f for f in fields if f.kind not in bad)
    return Extracted(keep, tuple(Rejected(f, reason) for f in fields if f.kind in bad), unread)


def plausibility(valid_from: str | None, valid_until: str | None, *, id_card: bool) -> str | None:
    """None when a validity range is plausible, else the reason (English, short)."""
    if valid_from is None or valid_until is None or valid_until == LONG_TERM:
        return None
    start, end = dt.date.fromisoformat(valid_from), dt.date.fromisoformat(valid_until)
    if end < start:
        return "valid_until before valid_from"
    if id_card and not _span_ok(valid_from, valid_until):
        return "ID validity span is not 5, 10 or 20 years"
    return None
