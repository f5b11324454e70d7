"""End to end in real headless Chromium: the demo form checks files as they are chosen.

Starts `preflight serve` on a free loopback port and drives Debian's chromium with Playwright.
Set PREFLIGHT_WIDGET_SCREENSHOT=path to also save the screenshot used in the docs.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from tests.conftest import REPO

pytestmark = pytest.mark.browser
DEMO = REPO / "fixtures" / "demo"  # the generated demo filing (fixtures/README.md)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("uvicorn", reason="the server extra (uvicorn) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`preflight serve` on 127.0.0.1:<free port>, one worker; stopped after the module."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "preflight", "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", "1"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.fail(f"server exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _rotated_jpeg() -> bytes:
    """The demo's portrait ID photo stored sideways with EXIF orientation 6: shown upright."""
    im = Image.open(DEMO / "身份证正面.jpg").convert("RGB").transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def _file(name: str, data: bytes) -> dict[str, object]:
    return {"name": name, "mimeType": "image/jpeg", "buffer": data}


OUTLINED = """sel => { const c = document.querySelector(sel);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return {w: c.width, h: c.height, painted: n}; }"""


def _blurred(path: Path, sigma: float = 3.0) -> bytes:
    """A fixture photo out of focus (Gaussian blur): the text is unreadable (Q201)."""
    im = Image.open(path).convert("RGB").filter(ImageFilter.GaussianBlur(sigma))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_demo_form_shows_findings_inline(server: str, tmp_path: Path) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 1000}, locale="zh-CN")
        page.goto(server + "/")
        page.select_option("#province", "陕西")  # landscape-only province
        # good: the demo filing's licence photo; bad: its ID back photo out of focus (Q201) and
        # the portrait photo of the ID front (G101 in 陕西)
        page.set_input_files("#business_license", files=[
            _file("营业执照.jpg", (DEMO / "营业执照.jpg").read_bytes())])
        page.set_input_files("#id_front", files=[
            _file("身份证正面.jpg", (DEMO / "身份证正面.jpg").read_bytes())])
        page.set_input_files("#id_back", files=[
            _file("身份证反面.jpg", _blurred(DEMO / "身份证反面.jpg"))])
        good = page.locator("#business_license + .preflight-result .preflight-file")
        portrait = page.locator("#id_front + .preflight-result .preflight-file")
        bad = page.locator("#id_back + .preflight-result .preflight-file")
        for card in (bad, portrait):
            sync_api.expect(card).to_have_attribute("data-state", "error", timeout=30_000)
        sync_api.expect(good).to_have_attribute("data-state", "ok", timeout=30_000)

        finding = bad.locator(".preflight-finding[data-code=Q201]")
        sync_api.expect(finding).to_contain_text("模糊")
        sync_api.expect(finding.locator(".preflight-fix")).to_contain_text("修改建议")
        sync_api.expect(portrait.locator("[data-code=G101]")).to_contain_text("横向")
        sync_api.expect(good).to_contain_text("未发现问题")
        assert good.locator(".preflight-finding").count() == 0
        outline = page.evaluate(OUTLINED, "#id_back + .preflight-result canvas")
        # the blurred region is outlined: a box, not the whole thumbnail
        assert 0 < outline["painted"] < outline["w"] * outline["h"] // 2, outline
        clean = page.evaluate(OUTLINED, "#business_license + .preflight-result canvas")
        assert clean["w"] > 0 and clean["painted"] == 0, clean  # nothing drawn on a good file

        page.click("button[type=submit]")
        sync_api.expect(page.locator(".preflight-form-status")).to_contain_text("请先处理")
        sync_api.expect(page.locator("#done")).to_have_text("")
        page.screenshot(path=str(tmp_path / "widget.png"), full_page=True)
        if os.environ.get("PREFLIGHT_WIDGET_SCREENSHOT"):
            shutil.copy(tmp_path / "widget.png", os.environ["PREFLIGHT_WIDGET_SCREENSHOT"])

        page.select_option("#lang", "en")
        sync_api.expect(finding).to_contain_text("blurred")
        browser.close()
    assert (tmp_path / "widget.png").stat().st_size > 10_000


def test_exif_rotated_photo_in_landscape_province(server: str) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(server + "/")
        page.select_option("#province", "陕西")
        page.set_input_files("#id_front", files=[_file("人像面.jpg", _rotated_jpeg())])
        card = page.locator("#id_front + .preflight-result .preflight-file")
        sync_api.expect(card).to_have_attribute("data-state", "error", timeout=30_000)
        sync_api.expect(card.locator("[data-code=G101]")).to_contain_text("陕西")
        outline = page.evaluate(OUTLINED, "#id_front + .preflight-result canvas")
        assert outline["h"] > outline["w"] and outline["painted"] > 0, outline  # shown upright

        page.select_option("#province", "广东")  # changing the province re-checks the file
        settled = re.compile(r"^(ok|warning|info)$")  # the EXIF-tag check may leave a warning
        sync_api.expect(card).to_have_attribute("data-state", settled, timeout=30_000)
        assert card.locator("[data-code=G101]").count() == 0
        browser.close()


def test_refused_upload_and_configurable_blocking(server: str) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(server + "/")
        page.set_input_files("#commitment", files=[
            {"name": "承诺书.docx", "mimeType": "application/octet-stream",
             "buffer": b"PK\x03\x04 a word document"}])
        card = page.locator("#commitment + .preflight-result .preflight-file")
        sync_api.expect(card).to_have_attribute("data-state", "error", timeout=30_000)
        sync_api.expect(card.locator("[data-code=unsupported_type]")).to_contain_text("不支持")
        page.click("button[type=submit]")
        sync_api.expect(page.locator("#done")).to_have_text("")  # blocked (default: error)

        page.eval_on_selector("#filing-form", "f => f.setAttribute('data-preflight-block', 'none')")
        page.click("button[type=submit]")
        sync_api.expect(page.locator("#done")).to_contain_text("可以提交")  # not blocked
        browser.close()
