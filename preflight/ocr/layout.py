"""Lines into rows: labels and their values printed side by side are read as one row.

A licence prints `营业期限` and `2019年01月01日至长期` as separate boxes on one row; the date reader
works on rows. Pure geometry on (x, y, w, h) boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preflight.ocr import OcrLine


@dataclass(frozen=True)
class Row:
    """Lines sharing a baseline, left to right: joined text, union box, lowest line confidence
    and one confidence per character of `text`."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    char_confidence: tuple[float, ...] = ()

    @property
    def compact(self) -> str:
        """The text without any whitespace (keywords are matched on this)."""
        return re.sub(r"\s+", "", self.text)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    top, bottom = max(a[1], b[1]), min(a[1] + a[3], b[1] + b[3])
    return max(0.0, bottom - top) / max(1.0, min(a[3], b[3]))


def group_rows(lines: list[OcrLine] | tuple[OcrLine, ...]) -> list[Row]:
    """Rows top to bottom: a line joins a row when it overlaps it by half its height."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda ln: ln.box[1] + ln.box[3] / 2):
        for row in rows:
            if _overlap(row[-1].box, line.box) >= 0.5:
                row.append(line)
                break
        else:
            rows.append([line])
    return [_row(sorted(r, key=lambda ln: ln.box[0])) for r in rows]


def join_parts(parts: list[tuple[str, list[float]]]) -> tuple[str, list[float]]:
    """Join text pieces with one space, none between two CJK characters; confidences follow."""
    chars: list[str] = []
    confs: list[float] = []
    for text, scores in parts:
        text = text.strip()
        if not text:
            continue
        if chars and not (_is_cjk(chars[-1]) and _is_cjk(text[0])):
            chars.append(" ")
            confs.append(1.0)
        chars.extend(text)
        confs.extend(scores[:len(text)] if len(scores) >= len(text) else [min(scores, default=0.0)] * len(text))
    return "".join(chars), confs


def _row(lines: list[OcrLine]) -> Row:
    text, confs = join_parts([(ln.text, ln.char_scores()) for ln in lines])
    x0 = min(ln.box[0] for ln in lines)
    y0 = min(ln.box[1] for ln in lines)
    x1 = max(ln.box[0] + ln.box[2] for ln in lines)
    y1 = max(ln.box[1] + ln.box[3] for ln in lines)
    return Row(text, (x0, y0, x1 - x0, y1 - y0), min(ln.confidence for ln in lines),
               tuple(confs))


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"
