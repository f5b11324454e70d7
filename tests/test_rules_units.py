"""Unit tests of the rule building blocks: keyword scan, text predicates, slots, CLI, docs."""

from __future__ import annotations

import json

import pytest

from preflight.filing import Filing, Role, Slot, infer_role
from preflight.rules.docs import render
from preflight.rules.engine import fill
from preflight.rules.facts import address_province, build_facts, infer_slot
from preflight.rules.keywords import categories, scan
from preflight.rules.predicates import add_months
from preflight.rules.textrules import detailed_description
from preflight.typed import from_mapping
from tests.conftest import REPO, invoke_assert_code


def test_every_appendix_category_is_present() -> None:
    names = {c.name for c in categories()}
    assert names == {"出版", "药品和医疗器械", "文化", "广播电影电视节目", "新闻", "网络预约车",
                     "互联网金融", "校外培训", "宗教", "教育", "医疗保健"}
    assert [c.name for c in categories() if c.finance] == ["互联网金融"]


def test_scan_reports_maximal_words_per_category() -> None:
    hits = scan({"business_scope": "技术开发;教育咨询服务;第二类医疗器械销售"})
    words = {(h.category, h.word) for h in hits}
    assert ("校外培训", "教育咨询服务") in words
    assert ("校外培训", "教育咨询") not in words  # contained in the longer hit
    assert ("药品和医疗器械", "第二类医疗器械销售") in words
    assert not scan({"business_scope": "软件开发;信息技术咨询服务"})


def test_scan_matches_temple_names_and_full_width_brackets() -> None:
    assert {h.word for h in scan({"business_name": "灵隐寺庙管理处"})} >= {"寺庙"}
    assert {h.word for h in scan({"business_scope": "网络(手机)文化经营"})} >= {"网络(手机)文化"}


@pytest.mark.parametrize(("text", "ok"), [
    ("休闲游戏", False),
    ("该小程序是一款休闲游戏,玩家拖动方块消除得分。", False),
    ("该小程序是《方块消消乐》,经营休闲游戏内容,玩家交换相邻方块、消除三个以上同色方块得分,"
     "目的是给用户带来休闲娱乐体验。", True),
])
def test_detailed_description(text: str, ok: bool) -> None:
    """Short labels fail, one plain sentence fails, a description like the guide's passes."""
    facts = build_facts(Filing(province="河南", service_description=text), [])
    hits = detailed_description(facts, {"min_units": 30, "min_clauses": 2})
    assert (not hits) is ok


def test_address_province_and_slots() -> None:
    assert address_province("湖北省武汉市洪山区") == "湖北"
    assert address_province("内蒙古自治区呼和浩特市") == "内蒙古"
    assert address_province("某某路 1 号") is None
    assert infer_slot("小程序补充材料/授权书.jpg") is Slot.APP_SUPPLEMENT
    assert infer_slot("a/subject_supplement/x.pdf") is Slot.SUBJECT_SUPPLEMENT
    assert infer_slot("授权书.jpg") is None
    assert infer_role("不涉及前置审批承诺书.pdf") is Role.PREAPPROVAL_COMMITMENT
    assert infer_role("版号授权书.pdf") is Role.LICENSE_AUTHORIZATION
    assert infer_role("授权说明.pdf") is Role.AUTHORIZATION_NOTE


def test_add_months_clamps_to_month_end() -> None:
    import datetime as dt

    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_template_fill_only_replaces_names() -> None:
    assert fill("{a} {b.__class__} {c}", {"a": "1"}) == "1 {b.__class__} {c}"


def test_filing_accepts_the_new_keys() -> None:
    f = from_mapping(Filing, {
        "province": "tianjin", "business_scope": "x", "app_count": 3, "has_game_license": True,
        "game_filing_status": "approved", "license_authorization_level": 2,
        "multi_level_authorization_note": True, "service_description": "y",
        "host_owner": {"name": "张三", "is_legal_rep": True, "mobile": "1", "emergency_phone": "2",
                       "id_address": "a", "mailing_address": "b"},
        "app_owner": {"is_legal_rep": False}, "remarks": {"app": "", "preapproval": "", "host": ""},
        "attachments": [{"file": "a.jpg", "role": "preapproval_commitment",
                         "slot": "app_supplement"}],
    })
    assert f.province == "天津" and f.host_owner and f.host_owner.is_legal_rep
    assert f.attachments[0].slot is Slot.APP_SUPPLEMENT


def test_rules_command_text_and_json() -> None:
    text = invoke_assert_code(["rules", "--province", "广东", "--subject-type",
                               "enterprise"], 0).stdout
    assert "R301" in text and "1.3 各地管局特殊规则 › 广东" in text and "R201" not in text
    data = json.loads(invoke_assert_code(["rules", "--province", "sichuan", "--format",
                                          "json"], 0).stdout)
    ids = {r["id"] for r in data["rules"]}
    assert {"R502", "R504", "R505", "R102"} <= ids and "R501" not in ids
    assert all(r["source"]["section"] for r in data["rules"])


def test_rules_command_without_province_lists_every_rule() -> None:
    data = json.loads(invoke_assert_code(["rules", "--format", "json"], 0).stdout)
    from preflight.rules.profiles import load_profiles

    assert [r["id"] for r in data["rules"]] == [r.id for r in load_profiles().rules]
    ind = json.loads(invoke_assert_code(["rules", "--subject-type", "individual", "--format",
                                         "json"], 0).stdout)
    ids = {r["id"] for r in ind["rules"]}
    assert "R105" in ids and "R101" not in ids


def test_explain_rule_id() -> None:
    out = invoke_assert_code(["explain", "R303"], 0).stdout
    assert "建设方案书" in out and "1.3 各地管局特殊规则 › 陕西" in out
    invoke_assert_code(["explain", "R999"], 2)


def test_docs_rules_md_is_up_to_date() -> None:
    committed = (REPO / "docs" / "rules.md").read_text("utf-8")
    assert committed == render(), "run: python -m preflight.rules.docs > docs/rules.md"


def test_signing_window_for_the_date_checks() -> None:
    from preflight.rules.engine import signing_window_months

    gd = Filing(province="广东")
    assert signing_window_months(gd, Role.COMMITMENT) == 1
    lenient = Filing(province="广东", rule_options=("guangdong-commitment-3-months",))
    assert signing_window_months(lenient, Role.COMMITMENT) == 3
    assert signing_window_months(Filing(province="浙江"), Role.COMMITMENT) is None


def test_docs_filing_md_documents_every_key() -> None:
    import dataclasses

    from preflight.filing import Attachment, Person, Remarks

    text = (REPO / "docs" / "filing.md").read_text("utf-8")
    for cls in (Filing, Attachment, Person, Remarks):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in text, f"{cls.__name__}.{f.name} is not in docs/filing.md"


def test_page_content_stands_in_for_a_missing_role(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file without a role counts by its analysed page type; OCR 有效期 feeds R405."""
    import datetime as dt
    from pathlib import Path

    import numpy as np

    import preflight.checks.filing_rules as module
    from preflight.analysis import PageAnalysis
    from preflight.context import DocumentContext, FilingContext, PageContext
    from preflight.model import DateField, DocumentType
    from preflight.settings import Settings

    def fake(page: PageContext) -> PageAnalysis:
        return PageAnalysis(DocumentType.RESIDENCE_PERMIT, 0.9, (DateField(
            "valid_until", "2026-12-10", "有效期至2026.12.10", None, 0.9),))

    monkeypatch.setattr(module, "analyze_page", fake)
    from preflight.filing import SubjectType

    filing = Filing(province="上海", subject_type=SubjectType.INDIVIDUAL,
                    submission_date=dt.date(2026, 11, 30))
    doc = DocumentContext(path=Path("scan1.jpg"), display_name="scan1.jpg",
                          settings=Settings(ocr=True), filing=filing)
    doc.pages.append(PageContext(document=doc, index=1, image=np.zeros((2, 2, 3), np.uint8),
                                 full_size=(1400, 900)))
    found = list(module.FilingRules().check(FilingContext(filing=filing, documents=[doc])))
    r405 = [f for f in found if f.code == "R405"]
    assert r405 and r405[0].measured == "2026-12-10" and r405[0].file == "scan1.jpg"


def test_folder_disambiguates_a_generic_letter_name() -> None:
    from pathlib import Path

    from preflight.context import DocumentContext
    from preflight.filing import Attachment, infer_role
    from preflight.rules.facts import doc_view
    from preflight.settings import Settings

    def view(name: str) -> Role | None:
        att = Attachment(file=name, role=infer_role(name))  # type: ignore[arg-type]
        doc = DocumentContext(path=Path(name), display_name=name, settings=Settings(),
                              filing=Filing(), attachment=att, role_inferred=True)
        return doc_view(doc, ()).role

    assert view("小程序补充材料/授权书.jpg") is Role.APP_AUTHORIZATION
    assert view("主体补充材料/授权书.jpg") is Role.HOST_AUTHORIZATION
    assert view("前置审批/授权书.jpg") is Role.LICENSE_AUTHORIZATION
    assert view("小程序补充材料/承诺书.pdf") is Role.PREAPPROVAL_COMMITMENT
    assert view("备案承诺书/承诺书.pdf") is Role.COMMITMENT


def test_the_guides_own_example_is_detailed_with_the_documented_counts() -> None:
    example = ("该小程序是《地铁跑酷》,经营游戏内容,目的是给用户带来休闲、娱乐体验。游戏的背景设定在地铁"
               "铁轨上,玩家要帮助杰克和淘气的小伙伴们躲避警察的追捕,前方障碍物与往来的地铁。玩家通过扮演"
               "跑酷角色,在地铁上进行左右横移和跳动的操作,躲避障碍物来完成游戏。")
    facts = build_facts(Filing(province="河南", service_description=example), [])
    assert not detailed_description(facts, {"min_units": 30, "min_clauses": 2})
    measured = detailed_description(facts, {"min_units": 999, "min_clauses": 2})[0].measured
    assert measured == {"units": 111, "clauses": 10}  # as stated in docs/rules.md


def test_form_findings_without_files() -> None:
    """The upload-form service can check typed-in fields and listed attachments."""
    from preflight.rules.api import form_findings

    filing = from_mapping(Filing, {
        "province": "北京", "subject_type": "enterprise", "mailing_address": "海淀区某路1-2-03",
        "host_owner": {"mobile": "13800000001", "emergency_phone": "13800000001"},
        "attachments": [{"file": "小程序补充材料/授权书.jpg", "role": "host_authorization"}]})
    results = form_findings(filing)
    codes = {f.code for f in results.findings}
    assert {"R703", "R701", "R801", "R103"} <= codes
    assert "app_owner.mobile" in results.missing
    assert not form_findings(Filing()).findings
