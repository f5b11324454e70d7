"""Configuration files and selection / fail-on / strictness flags, asserted through exit codes."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from preflight.config import Layer, Strictness, _decide, find_config, resolve
from preflight.model import Severity
from preflight.registry import all_checks, is_selected
from tests.conftest import invoke_assert_code


def _folder(tmp_path: Path, w: int, h: int, province: str | None = None) -> Path:
    src = tmp_path / "filing"
    src.mkdir(parents=True)
    page = np.full((h, w, 3), 200, np.uint8)
    cv2.circle(page, (w // 2, h // 2), min(w, h) // 5, (40, 40, 210), -1)  # a red seal: colour
    cv2.imwrite(str(src / "page.png"), page)
    text = f'province = "{province}"\n' if province else ""  # no province: no filing rules
    (src / "filing.toml").write_text(text, encoding="utf-8")
    return src


def scan(src: Path, *flags: str, code: int) -> str:
    """Scan with the province filing rules (R) off: these tests are about the image checks."""
    return invoke_assert_code(["scan", str(src), "--no-ocr", "--ignore", "R", *flags],
                              code).stdout


@pytest.fixture()
def small_portrait(tmp_path: Path) -> Path:
    """300×400 in 陕西: G101 (portrait) and Q101 (short side) errors."""
    return _folder(tmp_path, 300, 400, "陕西")


def test_select_and_ignore_by_code_and_prefix(small_portrait: Path) -> None:
    scan(small_portrait, code=1)
    scan(small_portrait, "--ignore", "Q101,G101", code=0)
    scan(small_portrait, "--ignore", "Q1", code=1)  # G101 still selected
    scan(small_portrait, "--ignore", "Q1", "--ignore", "G", code=0)
    scan(small_portrait, "--select", "F", code=0)
    scan(small_portrait, "--select", "F", "--extend-select", "G101", code=1)
    scan(small_portrait, "--select", "Q", "--ignore", "Q1", code=0)
    scan(small_portrait, "--select", "Q101", "--ignore", "Q1", code=1)  # longer prefix wins


def test_ignore_wins_at_equal_specificity(small_portrait: Path) -> None:
    scan(small_portrait, "--select", "G101,Q101", "--ignore", "G101,Q101", code=0)


def test_cli_beats_file(small_portrait: Path) -> None:
    (small_portrait / "preflight.toml").write_text('ignore = ["Q101", "G101"]\n', "utf-8")
    scan(small_portrait, code=0)
    scan(small_portrait, "--select", "Q101", code=1)  # CLI select replaces the file's choice
    scan(small_portrait, "--isolated", code=1)


def test_pyproject_found_upward(tmp_path: Path) -> None:
    src = _folder(tmp_path, 300, 400, "陕西")
    (tmp_path / "pyproject.toml").write_text('[tool.preflight]\nextend-select = []\n'
                                             'ignore = ["G", "Q"]\n', "utf-8")
    assert find_config(src) == tmp_path / "pyproject.toml"
    scan(src, code=0)


def test_fail_on_and_strictness(tmp_path: Path) -> None:
    src = _folder(tmp_path, 900, 720)  # long side 900 < 1000: a Q101 warning
    scan(src, code=0)
    scan(src, "--fail-on", "warning", code=1)
    scan(src, "--strictness", "strict", code=1)
    scan(src, "--strictness", "strict", "--fail-on", "error", code=0)
    (src / "preflight.toml").write_text('strictness = "strict"\n', "utf-8")
    scan(src, code=1)
    scan(src, "--fail-on", "error", code=0)


def test_strictness_changes_thresholds(tmp_path: Path) -> None:
    src = _folder(tmp_path, 1100, 650)  # short 650: fine normally, below strict's 700
    scan(src, code=0)
    scan(src, "--strictness", "strict", "--fail-on", "error", code=1)
    relaxed = _folder(tmp_path / "r", 900, 450)  # short 450 < 500, but >= relaxed's 400
    scan(relaxed, code=1)
    scan(relaxed, "--strictness", "relaxed", code=0)


def test_per_check_parameters(tmp_path: Path) -> None:
    src = _folder(tmp_path, 1100, 650)
    cfg = src / "preflight.toml"
    cfg.write_text("[checks.Q101]\nmin_short_side = 700\n", "utf-8")
    scan(src, code=1)
    cfg.write_text("[checks.low-resolution]\nmin_short_side = 600\n", "utf-8")
    scan(src, "--strictness", "strict", "--fail-on", "error", code=0)  # explicit beats preset


@pytest.mark.parametrize("text, named", [
    ("selct = ['Q']\n", "selct"),
    ("fail-on = 'fatal'\n", "fail_on"),
    ("select = ['ZZ9']\n", "ZZ9"),
    ("select = 'Q1'\n", "select"),
    ("[checks.Q101]\nmin_shortside = 3\n", "min_shortside"),
    ("[checks.Q101]\nmin_short_side = 'big'\n", "min_short_side"),
    ("[checks.Q101]\nmin_short_side = 1\n", "min_short_side"),
    ("[checks.Z999]\nx = 1\n", "Z999"),
    ("[limits]\npdf_dpi = -1\n", "pdf_dpi"),
    ("strictness = 'paranoid'\n", "strictness"),
])
def test_bad_configuration_is_rejected_naming_the_key(tmp_path: Path, text: str,
                                                      named: str) -> None:
    src = _folder(tmp_path, 1100, 650)
    (src / "preflight.toml").write_text(text, "utf-8")
    err = invoke_assert_code(["scan", str(src), "--no-ocr"], 2).stderr
    assert named in err and "preflight.toml" in err


def test_bad_cli_code_is_rejected(small_portrait: Path) -> None:
    err = invoke_assert_code(["scan", str(small_portrait), "--ignore", "QQ1"], 2).stderr
    assert "QQ1" in err


def test_layer_semantics() -> None:
    file_layer = Layer(select=("Q",), ignore=("Q1",))
    assert not _decide("Q101", file_layer, True)
    assert _decide("Q201", file_layer, True)
    assert not _decide("G101", file_layer, True)  # select replaces the default set
    assert _decide("G101", Layer(ignore=("Q",)), True)  # untouched code keeps its state
    s = resolve(Layer(strictness=Strictness.STRICT), Layer())
    assert s.fail_on is Severity.WARNING
    assert s.check_params["Q101"] == {"min_short_side": 700, "min_long_side": 1200}
    none = resolve(None, Layer(select=("F",), ignore=("F",)))
    assert not any(is_selected(c.code, none.select, none.ignore) for c in all_checks())


@pytest.mark.parametrize("file_layer, cli_layer", [
    (Layer(ignore=("Q101", "G101")), Layer(select=("Q101",))),
    (Layer(select=("Q", "G"), ignore=("Q1",)), Layer(extend_select=("Q101",), ignore=("G1",))),
    (Layer(select=("R",)), Layer(ignore=("R3", "F104"))),
    (None, Layer(select=("",), ignore=("R",))),
])
def test_flattened_selection_matches_the_layers(file_layer: Layer | None,
                                                cli_layer: Layer) -> None:
    """The (select, ignore) handed to is_selected decide every code as the layers do, also
    codes no check declares (filing rule ids)."""
    s = resolve(file_layer, cli_layer)
    layers = [la for la in (file_layer, cli_layer) if la is not None]
    for code in ["Q101", "Q102", "Q201", "G101", "G102", "F104", "R301", "R000", "D101"]:
        expected = True
        for la in layers:
            expected = _decide(code, la, expected)
        assert is_selected(code, s.select, s.ignore) == expected, code
