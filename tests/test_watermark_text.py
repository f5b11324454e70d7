"""Watermark words in OCR text (`preflight.imaging.watermark_text`) and Q701's text finding."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from preflight.checks.watermark import WatermarkOverContent
from preflight.context import DocumentContext, PageContext
from preflight.eval.watermark_ocr import main as watermark_ocr_main
from preflight.filing import Filing
from preflight.imaging.watermark_text import watermark_text
from preflight.model import Finding, Severity
from preflight.ocr.layout import Row
from preflight.ocr.read import PageText, read_page
from preflight.settings import Settings


@pytest.mark.parametrize(("row", "kind"), [
    ("7788.com", "site"), ("www.chinacrane.net", "site"), ("Glass.com.cn", "site"),
    ("Chinanews.com", "site"), ("知乎 @柳扶苏", "site"), ("搜狐号@译家翻译", "site"),
    ("Baid百科", "site"), ("法定代表人 张涛 中国制造网", "site"), ("中国起重机械网", "site"),
    ("成立日期 仅展示使用", "use"), ("此证件仅供办理XX业务使用，他用无效", "use"),
    ("仅限BDCI比赛使用", "use"), ("仅限用于办理护照", "use"), ("复印无效", "use"),
    ("NOM/Surname MARTIN SPÉCIMEN", "specimen"), ("MUSTER", "specimen"),
])
def test_watermark_words_are_found_with_their_kind(row: str, kind: str) -> None:
    found = watermark_text(row)
    assert found is not None and found.kind == kind and found.words


@pytest.mark.parametrize("row", [
    "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn",  # every licence prints it
    "企业信用信息公示系统网址 www.jsgsj.gov.cn:58888/province",
    "仅供ICP备案使用", "本复印件仅供网站备案使用",  # the wording the filing guide expects
    "经营范围：互联网数据服务；网络技术服务",  # 网 inside ordinary words
    "目，经相关部门批准后方可开展经营活动，具体@管项目以相关形门找准文",  # a misread long row
    "P0D<<MUSTERMANN<<ERIKA<<<<<<<<<<", "本授权书仅用于办理ICP备案", "名 称 河南兴瑞建设有限公司",
    "仅供报销使用", "本证明仅供办理签证使用",  # printed on tickets and certificates
    ":②自日@2", "联系邮箱 li@",
    "网站域名：www.example.com", "网址 http://shop.example.net", "E-mail: info@7788.com",  # a lone @ read into icons, an e-mail cut short
    "", "   ",
])
def test_document_text_is_not_a_watermark(row: str) -> None:
    assert watermark_text(row) is None


def test_a_huge_row_is_read_without_trouble() -> None:
    assert watermark_text("营业执照" * 20000) is None
    assert watermark_text("营业执照" * 20000 + " 中国制造网") is not None


def _q701_with_rows(rows: list[str], ocr: bool = True, source: str = "ocr") -> list[Finding]:
    doc = DocumentContext(path=Path("licence.jpg"), display_name="licence.jpg",
                          settings=Settings(ocr=ocr), filing=Filing())
    img = np.full((600, 800, 3), 235, np.uint8)  # blank paper: no framed stamp
    page = PageContext(document=doc, index=1, image=img, full_size=(1600, 1200), scale=2.0)
    doc.pages.append(page)
    text = PageText(tuple(Row(t, (600.0, 40.0 * (i + 1), 150.0, 30.0), 0.9)
                          for i, t in enumerate(rows)), source)
    page._memo[read_page] = text  # what the pipeline's OCR read, without running an engine
    return list(WatermarkOverContent({}).check(page))


def test_q701_reports_a_site_mark_read_by_ocr_with_where_and_what() -> None:
    found = _q701_with_rows(["营业执照", "统一社会信用代码", "中国制造网"])
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.WARNING and f.code == "Q701"
    assert f.measured["watermark_text"] == "中国制造网" and f.measured["kind"] == "site"
    assert f.measured["region"] == "top right"
    assert f.bbox is not None and f.bbox[0] == pytest.approx(1200) and f.bbox[2] == pytest.approx(300)
    assert "中国制造网" in f.message_zh and "中国制造网" in f.message_en
    assert f.fix_zh and f.fix_en


def test_q701_text_cue_needs_ocr_text() -> None:
    assert _q701_with_rows(["营业执照", "统一社会信用代码"]) == []
    assert _q701_with_rows(["中国制造网"], ocr=False) == []  # OCR off: no text, no finding
    assert _q701_with_rows(["中国制造网"], source="text_layer") == []  # the document's own text


def test_the_ocr_evaluation_says_when_real_data_is_absent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert watermark_ocr_main([str(tmp_path)]) == 0
    assert "real data absent" in capsys.readouterr().out


def test_the_ocr_evaluation_scores_a_shard_of_the_real_set(
        real_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A small shard (OCR on, a few files): counts add up and the header names the shard."""
    assert watermark_ocr_main([str(real_data), "--shard", "0/110"]) == 0
    out = capsys.readouterr().out
    head, counts = out.splitlines()[:2]
    assert "shard 0/110" in head
    numbers = [int(counts.split(key)[1].split()[0]) for key in ("TP", "FP", "FN", "TN")]
    assert sum(numbers) == int(head.split(": ")[1].split()[0])
