"""Golden-file tests of the html, sarif, junit and csv formats (one fixed report).

Volatile fields (tool version, absolute paths) are normalised; SARIF's rule list is reduced to
the rules the results use, so adding a check elsewhere does not change the golden file.
Regenerate after an intended change: `PREFLIGHT_UPDATE_GOLDEN=1 python -m pytest tests/test_render_golden.py`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from preflight import __version__
from preflight.registry import all_checks
from preflight.render import RENDERERS, html
from tests.report_sample import sample_report

GOLDEN = Path(__file__).parent / "golden"
ROOT = "/scan/attachments"
FOUNDATION_RULES = {"F104", "Q101"}  # rules kept in the SARIF golden file (used by the sample)


def _normalise(fmt: str, text: str) -> str:
    if fmt == "sarif":
        log = json.loads(text)
        run = log["runs"][0]
        run["tool"]["driver"]["rules"] = [r for r in run["tool"]["driver"]["rules"]
                                          if r["id"] in FOUNDATION_RULES]
        for r in run["results"]:
            r.pop("ruleIndex", None)  # depends on the registry's full list
        text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":  # JPEG bytes depend on the libjpeg build
        text = re.sub(r"data:image/jpeg;base64,[A-Za-z0-9+/=]+", "data:image/jpeg;base64,<JPEG>",
                      text)
    return text.replace(__version__, "<VERSION>").replace(ROOT, "<ROOT>")


@pytest.fixture()
def fixed_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTML summary's rule list, independent of the rules data shipped elsewhere."""
    monkeypatch.setattr(html, "_province_rules",
                        lambda province, subject: iter([("需提交承诺书 / a commitment letter", "guide 2.1")]))


@pytest.mark.parametrize("fmt, name", [("html", "report.html"), ("sarif", "report.sarif"),
                                       ("junit", "report.junit.xml"), ("csv", "report.csv")])
def test_format_matches_golden(fmt: str, name: str, fixed_rules: None) -> None:
    got = _normalise(fmt, RENDERERS[fmt](sample_report(ROOT)))
    path = GOLDEN / name
    if os.environ.get("PREFLIGHT_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def test_sarif_structure() -> None:
    log = json.loads(RENDERERS["sarif"](sample_report(ROOT)))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "preflight"
    assert [r["id"] for r in driver["rules"]] == [c.code for c in all_checks()]
    for rule in driver["rules"]:
        assert {"id", "shortDescription", "defaultConfiguration"} <= set(rule)
    levels = {"error", "warning", "note", "none"}
    for res in run["results"]:
        assert {"ruleId", "message", "level"} <= set(res) and res["level"] in levels
        assert res["message"]["text"]
        if "ruleIndex" in res:
            assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        for loc in res.get("locations", []):
            assert "uri" in loc["physicalLocation"]["artifactLocation"]
    glare = next(r for r in run["results"] if r["ruleId"] == "Q301")
    region = glare["locations"][0]["physicalLocation"]["region"]["properties"]
    assert region == {"page": 1, "bbox": [400, 300, 200, 100]}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")


def test_junit_has_one_case_per_file_and_a_failure_per_error() -> None:
    root = ET.fromstring(RENDERERS["junit"](sample_report(ROOT)))
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["身份证正面.jpg", "营业执照.pdf", "filing"]
    assert [f.get("type") for f in cases[0].findall("failure")] == ["Q301"]
    assert cases[1].find("failure") is None
    assert root.get("failures") == "2"


def test_csv_has_one_row_per_finding() -> None:
    text = RENDERERS["csv"](sample_report(ROOT))
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["code"] for r in rows] == ["Q301", "Q101", "F104", "R101"]
    assert rows[0]["bbox_x"] == "400" and rows[3]["file"] == ""


def test_html_is_self_contained_and_draws_every_box() -> None:
    out = RENDERERS["html"](sample_report(ROOT))
    assert "<link" not in out and "src=\"http" not in out and "url(" not in out
    assert "data:image/jpeg;base64," in out
    assert out.index("Q301") < out.index("Q101") < out.index("F104")  # worst first
    assert 'class="date"' in out and "valid_until 2027-01-31" in out  # OCR'd date field
    assert '<polygon class="region"' in out and ">document<" in out  # the document outline
    assert '<rect class="region"' in out and ">watermark<" in out  # a region of PageResult.extra
    assert "&quot;rotated&quot; &lt;90°&gt;" in out  # escaped


def test_html_lists_the_rules_of_a_landscape_province() -> None:
    report = sample_report(ROOT)
    report.inputs["province"] = "陕西"
    out = RENDERERS["html"](report)
    rules = out[out.index("适用规则"):out.index("</section>")]
    assert "横向" in rules
    report.inputs["province"] = None
    assert "适用规则" not in RENDERERS["html"](report)


def test_html_draws_the_detected_document_outline(tmp_path: Path) -> None:
    pytest.importorskip("preflight.imaging.quad", reason="needs the document detector")
    import cv2
    import numpy as np

    from tests.conftest import invoke_assert_code

    src = tmp_path / "src"
    src.mkdir()
    photo = np.full((1200, 1600, 3), (60, 90, 120), np.uint8)  # a dark desk
    cv2.fillConvexPoly(photo, np.array([[300, 250], [1300, 280], [1280, 900], [320, 880]]),
                       (235, 235, 230))  # a light card
    cv2.imwrite(str(src / "营业执照.jpg"), photo)
    out = tmp_path / "r.html"
    invoke_assert_code(["scan", str(src), "--no-ocr", "--select", "Q1", "--format", "html",
                        "-o", str(out)], 0)
    page = out.read_text(encoding="utf-8")
    points = re.search(r'<polygon class="region" points="([^"]+)"', page)
    assert points, "no document outline drawn"
    xs = [int(p.split(",")[0]) for p in points.group(1).split()]
    assert min(xs) == pytest.approx(300, abs=25) and max(xs) == pytest.approx(1300, abs=25)
