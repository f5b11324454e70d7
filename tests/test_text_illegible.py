"""Q202 text-illegible: the legibility measure on OCR rows, and the check on canned rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from preflight.checks.text_illegible import TextIllegible
from preflight.context import DocumentContext, PageContext
from preflight.eval.blur_ocr import main as blur_ocr_main
from preflight.eval.blur_ocr import share, verdict
from preflight.filing import Filing
from preflight.imaging.legibility import legibility
from preflight.imaging.orientation import RotationEstimate, page_rotation
from preflight.model import Category, Finding, Severity
from preflight.ocr.layout import Row
from preflight.ocr.read import PageText, read_page
from preflight.settings import Settings
from tests.ocr_fake import FakeEngine, make_doc, use_engine


def _row(text: str, confs: list[float], y: float = 40.0, h: float = 30.0) -> Row:
    return Row(text, (100.0, y, 300.0, h), min(confs, default=0.0), tuple(confs))


def _page_rows(unsure: int, total: int = 40) -> list[Row]:
    """Four rows of `total` characters, the first `unsure` of them read with confidence 0.5."""
    confs = [0.5] * unsure + [0.95] * (total - unsure)
    per = total // 4
    return [_row("字" * per, confs[i * per:(i + 1) * per], y=40.0 * (i + 1)) for i in range(4)]


def test_more_unsure_characters_score_higher() -> None:
    shares = [legibility(_page_rows(k)).share for k in (0, 8, 16, 24, 32, 40)]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert len(set(shares)) == len(shares)


def test_degenerate_rows() -> None:
    empty = legibility([])
    assert (empty.share, empty.characters, empty.box) == (0.0, 0, None)
    confident = legibility(_page_rows(0))
    assert confident.share == 0.0 and confident.characters == 40 and confident.box is not None
    one = legibility([_row("ab c", [0.5, 0.9, 1.0, 0.7])])  # the space is not a character
    assert one.characters == 3 and one.share == pytest.approx(2 / 3)
    assert legibility([_row("   ", [0.1, 0.1, 0.1])]).characters == 0


def test_small_rows_are_not_judged_and_row_confidence_stands_in() -> None:
    tiny = _row("字字字字", [0.1] * 4, h=12.0)
    assert legibility([tiny]).characters == 0
    no_chars = Row("字字字字", (0.0, 0.0, 100.0, 30.0), 0.5, ())  # engine without per-char scores
    assert legibility([no_chars]).share == 1.0


def test_the_box_holds_the_least_legible_rows() -> None:
    rows = [_row("清晰文字", [0.99] * 4, y=40.0), _row("模糊文字", [0.3] * 4, y=200.0)]
    assert legibility(rows).box == (100.0, 200.0, 300.0, 30.0)


def _q202(rows: list[Row], *, ocr: bool = True, source: str = "ocr", timed_out: bool = False,
          angle: int = 0, engine: str = "rapid") -> list[Finding]:
    doc = DocumentContext(path=Path("id.jpg"), display_name="id.jpg",
                          settings=Settings(ocr=ocr), filing=Filing())
    page = PageContext(document=doc, index=1, image=np.full((600, 800, 3), 235, np.uint8),
                       full_size=(1600, 1200), scale=2.0)
    doc.pages.append(page)
    page._memo[read_page] = PageText(tuple(rows), source, engine, timed_out=timed_out)
    page._memo[page_rotation] = RotationEstimate(angle, 0.92, (0.92, 0.0, 0.08, 0.0), None, 1)
    return list(TextIllegible({}).check(page))


def test_q202_reports_unreadable_text_with_where_and_how_much() -> None:
    found = _q202(_page_rows(36))
    assert len(found) == 1
    f = found[0]
    assert f.code == "Q202" and f.severity is Severity.WARNING and f.category is Category.BLUR
    assert f.measured == {"share": 0.9, "characters": 40} and f.threshold == 0.65
    assert f.bbox == (200, 80, 600, 300)  # the rows in full-size pixels (scale 2)
    assert "90%" in f.message_zh and "90%" in f.message_en and f.fix_zh and f.fix_en


def test_q202_is_silent_on_legible_or_unjudgeable_pages() -> None:
    assert _q202(_page_rows(20)) == []  # half unsure: below the threshold
    assert _q202(_page_rows(10, total=12)) == []  # too few characters
    unreadable = _page_rows(36)
    assert _q202(unreadable, ocr=False) == []
    assert _q202(unreadable, source="text_layer") == []
    assert _q202(unreadable, timed_out=True) == []
    assert _q202(unreadable, angle=180) == []  # turned: OCR reads upright text only
    assert _q202(unreadable, engine="tesseract") == []  # confidence on another scale


class _RapidLike(FakeEngine):
    """Canned lines under the name of the engine Q202 is calibrated on."""

    name = "rapid"


@pytest.mark.parametrize(("engine", "reported"), [
    (_RapidLike(["姓名张三性别男民族汉", "住址北京市朝阳区某某路"], confidence=0.5), True),
    (_RapidLike(["姓名张三性别男民族汉", "住址北京市朝阳区某某路"], confidence=0.95), False),
    (FakeEngine(["姓名张三性别男民族汉", "住址北京市朝阳区某某路"], confidence=0.5), False),
])
def test_q202_reads_the_pipelines_own_ocr_rows(monkeypatch: pytest.MonkeyPatch,
                                               engine: FakeEngine, reported: bool) -> None:
    use_engine(monkeypatch, engine)
    page = make_doc(None).pages[0]
    found = list(TextIllegible({}).check(page))
    assert engine.calls == 1 and bool(found) is reported
    if found:
        assert found[0].measured == {"share": 1.0, "characters": 21}


def _f(code: str, **measured: float) -> Finding:
    return Finding(code=code, name="x", category=Category.BLUR, severity=Severity.WARNING,
                   file="a", page=1, bbox=None, measured=measured or 0.5, threshold=0.0,
                   message_zh="", message_en="", fix_zh="", fix_en="")


def test_the_evaluation_compares_the_share_with_the_shipped_threshold() -> None:
    assert share([]) is None and verdict([]) == (False, False)
    assert verdict([_f("Q202", share=0.5, characters=30)]) == (False, False)
    assert verdict([_f("Q202", share=0.7, characters=30), _f("Q201")]) == (True, True)


def test_the_evaluation_says_when_real_data_is_absent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert blur_ocr_main([str(tmp_path), "--no-synthetic"]) == 0
    assert "real data absent" in capsys.readouterr().out


def test_the_evaluation_scores_a_shard_of_the_real_set(
        real_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A small shard (OCR on, a few files): counts add up and the header names the shard."""
    assert blur_ocr_main([str(real_data), "--shard", "0/110", "--no-synthetic"]) == 0
    head, counts = capsys.readouterr().out.splitlines()[:2]
    assert "shard 0/110" in head
    numbers = [int(counts.split(key)[1].split()[0]) for key in ("TP", "FP", "FN", "TN")]
    assert sum(numbers) == int(head.split(": ")[1].split()[0])
