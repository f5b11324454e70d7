"""The page shows a different document than the slot it is uploaded for.

## What it checks
The document type read from the page (keywords such as 签发机关/有效期限 for the ID back,
公民身份号码 for the front, 营业执照/统一社会信用代码, 授权书, 承诺书, 居住证, 建设方案) against
the attachment's role (filing.toml, or guessed from the file name). It reports only when the
detection is confident (`min_confidence`, default 0.6) and the expected type scores no keyword
at all on the page, so a page carrying both sides of an ID card is not flagged.

## Why it matters
Swapped uploads (the ID front in the 国徽面 slot, the licence in the ID slot, a 承诺书 where the
授权书 belongs) are returned by the reviewer: the guide lists each attachment for its own slot
(guide 000, 1.2 附件 1-7).

## How to fix
Upload each document in its own slot (or fix the `role` in filing.toml): 人像面 = id_front,
国徽面 = id_back, 营业执照 = business_license, 授权书 = host_authorization / app_authorization.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.analysis import analyze_page
from preflight.context import PageContext
from preflight.model import Category, DocumentType, Finding, Severity
from preflight.registry import PageCheck, Param

T = DocumentType
EXPECTED: dict[str, T] = {
    "id_front": T.ID_FRONT, "id_back": T.ID_BACK, "business_license": T.BUSINESS_LICENSE,
    "host_authorization": T.AUTHORIZATION_LETTER, "app_authorization": T.AUTHORIZATION_LETTER,
    "commitment": T.COMMITMENT_LETTER, "construction_plan": T.CONSTRUCTION_PLAN,
}
NAMES = {T.ID_FRONT: ("身份证人像面", "ID card front"), T.ID_BACK: ("身份证国徽面", "ID card back"),
         T.BUSINESS_LICENSE: ("营业执照", "business licence"),
         T.AUTHORIZATION_LETTER: ("授权书", "authorization letter"),
         T.COMMITMENT_LETTER: ("承诺书", "commitment letter"),
         T.RESIDENCE_PERMIT: ("居住证", "residence permit"),
         T.CONSTRUCTION_PLAN: ("建设方案书", "construction plan")}


class DocumentTypeMismatch(PageCheck):
    """Detected document type contradicts the attachment role."""

    code = "T101"
    name = "document-type-mismatch"
    category = Category.DOCUMENT_TYPE
    severity = Severity.WARNING
    reads_text = True  # the OCR document type (`analyze_page`)
    params = {"min_confidence": Param(0.6, "report only above this type confidence", 0.0, 1.0)}
    fix_zh = "请把每份材料上传到对应的位置(或改正 filing.toml 中的 role)。"
    fix_en = "Upload each document in its own slot (or correct the role in filing.toml)."

    def check(self, page: PageContext) -> Iterator[Finding]:
        """A warning when a confident detection contradicts the role."""
        doc = page.document
        expected = EXPECTED.get(doc.role or "")
        if expected is None or not doc.settings.ocr:
            return
        a = analyze_page(page)
        found = a.document_type
        if found in (T.UNKNOWN, expected) or a.confidence < self.p["min_confidence"]:
            return
        if a.scores.get(expected, 0.0) > 0:
            return
        (fz, fe), (ez, ee) = NAMES[found], NAMES[expected]
        src_zh, src_en = ("文件名推断", "guessed from the file name") if doc.role_inferred \
            else ("filing.toml", "filing.toml")
        w, h = page.full_size
        yield self.finding(
            file=page.file, page=page.index, bbox=(0, 0, w, h),
            measured={"detected": found.value, "confidence": a.confidence},
            threshold=self.p["min_confidence"],
            message_zh=f"材料类型不符:此页识别为{fz}(置信度 {a.confidence:.2f}),但该附件的用途"
                       f"({src_zh})是{ez}。",
            message_en=f"Wrong document: this page looks like the {fe} (confidence "
                       f"{a.confidence:.2f}) but the attachment is the {ee} ({src_en}).",
        )
