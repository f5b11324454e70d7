"""Document type of a page from the keywords it prints (and the shape of the page).

Each type has weighted keywords (a title word such as 营业执照 weighs 3, a field label 1-2).
The best-scoring type wins when it reaches `MIN_SCORE`; its confidence grows with the score
and with the margin over the runner-up. Keywords are matched on whitespace-free text, exactly
(a fuzzy 有效期限 matched 有效期 on a product label in the research notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preflight.model import DocumentType as T
from preflight.ocr.layout import Row

MIN_SCORE = 3.0
KEYWORDS: dict[T, tuple[tuple[str, float], ...]] = {
    T.ID_BACK: (("签发机关", 3), ("有效期限", 2), ("居民身份证", 2), ("中华人民共和国", 1)),
    T.ID_FRONT: (("公民身份号码", 3), ("公民身份证号码", 3), ("姓名", 1), ("性别", 1),
                 ("民族", 1), ("出生", 1), ("住址", 1)),
    T.BUSINESS_LICENSE: (("营业执照", 3), ("统一社会信用代码", 3), ("营业期限", 2),
                         ("注册资本", 1), ("成立日期", 1), ("经营范围", 1), ("登记机关", 1),
                         ("法定代表人", 1)),
    T.AUTHORIZATION_LETTER: (("授权书", 3), ("授权委托书", 2), ("被授权人", 2), ("兹授权", 2),
                             ("委托", 1), ("授权人", 1)),
    T.COMMITMENT_LETTER: (("承诺书", 3), ("郑重承诺", 2), ("本人承诺", 2), ("承诺人", 1)),
    T.RESIDENCE_PERMIT: (("居住证", 3), ("居住地址", 2), ("签注", 1)),
    T.CONSTRUCTION_PLAN: (("建设方案", 3), ("方案书", 2), ("应急处置", 1), ("网络部署", 1),
                          ("内容管理制度", 1)),
}
_ID_NUMBER = re.compile(r"\d{17}[\dXx]")


@dataclass(frozen=True)
class Classification:
    """The type, its confidence 0..1 and every type's score."""

    document_type: T
    confidence: float
    scores: dict[T, float]


def score_types(text: str) -> dict[T, float]:
    """Keyword score of every type on whitespace-free `text`."""
    scores = {t: sum(w for k, w in kws if k in text) for t, kws in KEYWORDS.items()}
    if _ID_NUMBER.search(text) and scores[T.ID_FRONT] >= 2:
        scores[T.ID_FRONT] += 2
    if "居住证" in text and "居民身份证" not in text:
        # a 居住证 also prints 签发机关, 有效期限 and the holder's 公民身份号码; an ID card never
        # prints 居住证 (居民身份证 is a different word)
        scores[T.RESIDENCE_PERMIT] += 6
        scores[T.ID_BACK] -= 4
        scores[T.ID_FRONT] -= 4
    return scores


def classify(rows: list[Row]) -> Classification:
    """The page's document type from the rows read on it."""
    text = "".join(r.compact for r in rows)
    scores = score_types(text)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, s1), (_, s2) = ranked[0], ranked[1]
    if s1 < MIN_SCORE:
        return Classification(T.UNKNOWN, 0.0, scores)
    confidence = min(1.0, s1 / 6.0) * (s1 - max(s2, 0.0)) / s1
    return Classification(best, round(confidence, 3), scores)
