"""Acceptance scenarios of issue #5, through `preflight scan` on a folder with a filing.toml."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import jsonschema
import numpy as np

from tests.conftest import REPO, invoke_assert_code

SCHEMA = json.loads((REPO / "preflight" / "schema" / "report.schema.json").read_text("utf-8"))

GUANGDONG = """
province = "广东"
subject_type = "enterprise"
submission_date = "2026-11-30"
business_name = "广州某某网络科技有限公司"
business_scope = "软件开发;教育咨询;信息技术咨询服务"
has_game_license = true
license_authorization_level = 1
service_description = "该小程序是《方块消消乐》,经营休闲游戏内容,玩家交换相邻方块、消除三个以上同色方块得分,目的是给用户带来休闲娱乐体验。"

[host_owner]
name = "张三"
is_legal_rep = true
mobile = "13800000001"
emergency_phone = "13800000002"

[app_owner]
name = "李四"
is_legal_rep = false
mobile = "13800000003"
emergency_phone = "13800000004"
"""

SICHUAN = (GUANGDONG.replace('"广东"', '"四川"').replace("教育咨询", "投资管理")
           .replace("service_description", "# service_description"))


def _folder(tmp_path: Path, filing: str, files: list[str]) -> Path:
    folder = tmp_path / "filing"
    folder.mkdir()
    (folder / "filing.toml").write_text(filing, encoding="utf-8")
    rng = np.random.default_rng(5)
    for name in files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        img = rng.integers(60, 200, (900, 1400, 3), dtype=np.uint8)
        ok, buf = cv2.imencode(".jpg", img)
        assert ok
        path.write_bytes(buf.tobytes())
    return folder


def _rule_findings(folder: Path) -> list[dict]:
    out = invoke_assert_code(["scan", str(folder), "--format", "json", "--no-ocr"], 1).stdout
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    found = report["filing_findings"] + [f for d in report["documents"] for f in d["findings"]]
    return [f for f in found if f["category"] == "filing_rule"]


def test_guangdong_app_owner_not_legal_rep_with_education_consulting(tmp_path: Path) -> None:
    folder = _folder(tmp_path, GUANGDONG, ["营业执照.jpg", "主办单位负责人/身份证正面.jpg",
                                          "主办单位负责人/身份证反面.jpg"])
    found = _rule_findings(folder)
    codes = sorted(f["code"] for f in found)
    # the 承诺书 and the 前置审批 hit, nothing else: no 授权书 (广东 needs none), no R000
    assert codes == ["R301", "R501"], codes
    commit = next(f for f in found if f["code"] == "R301")
    assert "备案承诺书" in commit["message_zh"] and "备案承诺书" in commit["fix_zh"]
    hit = next(f for f in found if f["code"] == "R501")
    assert "教育咨询" in hit["message_zh"] and "教育咨询" in hit["message_en"]
    assert "承诺不涉及" in hit["fix_zh"] and "preapproval_commitment" in hit["fix_en"]
    assert "校外培训:教育咨询" in hit["measured"]


def test_guangdong_scenario_satisfied(tmp_path: Path) -> None:
    filing = GUANGDONG + '\n[remarks]\napp = "该小程序提供的服务是:休闲游戏,承诺不涉及“校外培训、教育”相关前置审批项内容,如果有违规情况,一切后果自行承担。"\n'
    folder = _folder(tmp_path, filing, ["营业执照.jpg", "备案承诺书/备案承诺书.jpg"])
    out = invoke_assert_code(["scan", str(folder), "--format", "json", "--no-ocr",
                              "--fail-on", "error"], 0).stdout
    codes = [f["code"] for f in json.loads(out)["filing_findings"]]
    assert not [c for c in codes if c.startswith("R")], codes


def test_sichuan_finance_hit_requires_approval_and_refuses_commitment(tmp_path: Path) -> None:
    folder = _folder(tmp_path, SICHUAN, ["营业执照.jpg", "小程序补充材料/小程序负责人授权书.jpg",
                                         "小程序补充材料/不涉及前置审批承诺书.jpg"])
    found = _rule_findings(folder)
    codes = sorted(f["code"] for f in found if f["severity"] != "info")
    assert codes == ["R504", "R505"], codes
    need = next(f for f in found if f["code"] == "R504")
    assert "投资管理" in need["message_zh"] and "审批文件" in need["message_zh"]
    refuse = next(f for f in found if f["code"] == "R505")
    assert refuse["file"] == "小程序补充材料/不涉及前置审批承诺书.jpg"
    assert "不接受" in refuse["message_zh"]


def test_sichuan_finance_hit_satisfied_by_approval_documents(tmp_path: Path) -> None:
    folder = _folder(tmp_path, SICHUAN, ["营业执照.jpg", "小程序补充材料/小程序负责人授权书.jpg",
                                         "前置审批/金融审批文件.jpg"])
    out = invoke_assert_code(["scan", str(folder), "--format", "json", "--no-ocr"], 0).stdout
    codes = [f["code"] for f in json.loads(out)["filing_findings"]]
    assert "R504" not in codes and "R505" not in codes


def test_selecting_one_rule_reports_that_rule_alone(tmp_path: Path) -> None:
    folder = _folder(tmp_path, GUANGDONG, ["营业执照.jpg"])
    out = invoke_assert_code(["scan", str(folder), "--format", "json", "--no-ocr",
                              "--select", "R501"], 1).stdout
    report = json.loads(out)
    codes = {f["code"] for f in report["filing_findings"]} | {
        f["code"] for d in report["documents"] for f in d["findings"]}
    assert codes == {"R501"}
    out = invoke_assert_code(["scan", str(folder), "--format", "json", "--no-ocr",
                              "--ignore", "R"], 0).stdout
    assert not json.loads(out)["filing_findings"]
