"""前置审批 keyword scan of the business name and scope (data: preflight/data/rules/preapproval.toml).

A hit is a keyword of a category found as a substring of the 营业执照名称 or 经营范围 (the guide:
"营业执照名称/营业执照经营范围命中相关关键字"). Within one category, a word contained in a longer hit
word at the same place is not reported again (教育咨询 hides 教育 there), so the user sees the
words as they appear in the scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from preflight.rules.loader import read_data


@dataclass(frozen=True)
class Category:
    """One 前置审批 category of the appendix."""

    name: str
    name_en: str
    keywords: tuple[str, ...]
    aliases: tuple[str, ...]
    authority: str
    document: str
    finance: bool = False
    derived: bool = False  # keyword list derived from the category name (appendix says "/")


@dataclass(frozen=True)
class KeywordHit:
    """A category keyword found in the name or scope."""

    category: str
    word: str
    field: str  # business_name | business_scope
    start: int


@lru_cache(maxsize=1)
def categories() -> tuple[Category, ...]:
    """The categories of the appendix, in its order."""
    data: dict[str, Any] = read_data("preapproval.toml")
    return tuple(
        Category(name=c["name"], name_en=c["name_en"], keywords=tuple(c["keywords"]),
                 aliases=tuple(c["aliases"]), authority=c["authority"], document=c["document"],
                 finance=bool(c.get("finance", False)), derived=bool(c.get("derived", False)))
        for c in data["categories"]
    )


def category(name: str) -> Category:
    """The category called `name` (KeyError when unknown)."""
    for c in categories():
        if c.name == name:
            return c
    raise KeyError(name)


def scan(texts: dict[str, str | None]) -> tuple[KeywordHit, ...]:
    """Every category keyword hit in the given fields ({field: text}), maximal words only."""
    hits: list[KeywordHit] = []
    for cat in categories():
        for field, text in texts.items():
            if text:
                hits.extend(_maximal(cat, field, _normalise(text)))
    return tuple(hits)


def _normalise(text: str) -> str:
    # full-width parentheses and letters as written in the appendix; spaces never split a word
    text = text.replace("(", "(").replace(")", ")").upper()
    return re.sub(r"\s+", "", text)


def _maximal(cat: Category, field: str, text: str) -> list[KeywordHit]:
    spans: list[tuple[int, int, str]] = []
    for word in cat.keywords:
        key = _normalise(word)
        for m in re.finditer(re.escape(key), text):
            spans.append((m.start(), m.end(), word))
    keep = [s for s in spans
            if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    seen: set[str] = set()
    out: list[KeywordHit] = []
    for start, _end, word in sorted(keep):
        if word not in seen:
            seen.add(word)
            out.append(KeywordHit(category=cat.name, word=word, field=field, start=start))
    return out
