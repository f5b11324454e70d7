"""Generated pages with exact date ground truth for the OCR evaluation (seeded, no files kept).

Draws ID card backs, residence permits, business licences, 授权书, 承诺书 and 建设方案书 with
Noto CJK (and WenQuanYi Zen Hei for "handwritten" dates, neater than real handwriting:
optimistic) and degrades them: `clean`, `jpeg_blur` (JPEG q35 + Gaussian blur) and `photo`
(perspective, uneven light, noise, JPEG). Letter dates use every common form: 2026年11月1日,
2026.11.01, 2026-11-1, 二〇二六年十一月一日, 二零二六年十一月一日.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from preflight.dates.calendar import add_years

SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
HAND = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
VARIANTS = ("clean", "jpeg_blur", "photo")
_CN = "〇一二三四五六七八九"


@dataclass(frozen=True)
class SynthPage:
    """One generated page: name, BGR pixels, true type and true dates (kind → value)."""

    name: str
    image: np.ndarray
    doc_type: str
    dates: dict[str, str]


@lru_cache(maxsize=16)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    index = 2 if "Noto" in path.name else 0  # the SC face of the Noto collection
    return ImageFont.truetype(str(path), size, index=index)


def _cn_date(d: dt.date, zero: str) -> str:
    year = "".join(_CN[int(c)] for c in str(d.year)).replace("〇", zero)
    return f"{year}年{_cn_num(d.month)}月{_cn_num(d.day)}日"


def _cn_num(n: int) -> str:
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")
    return head + (_CN[units] if units else "") if n >= 10 else _CN[n]


def date_text(d: dt.date, style: int) -> str:
    """`d` in one of the five common printed/handwritten forms."""
    return [f"{d.year}年{d.month}月{d.day}日", f"{d:%Y.%m.%d}", f"{d.year}-{d.month}-{d.day}",
            _cn_date(d, "〇"), _cn_date(d, "零")][style % 5]


def _rand_date(rng: random.Random, start: int, end: int) -> dt.date:
    return dt.date(start, 1, 1) + dt.timedelta(days=rng.randrange((dt.date(end, 1, 1)
                                                                  - dt.date(start, 1, 1)).days))


def _canvas(w: int, h: int, tint: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    return Image.new("RGB", (w, h), tint)


def id_back(rng: random.Random, permit: bool = False) -> tuple[Image.Image, str, dict[str, str]]:
    """ID card back (国徽面) or residence permit, 856×540."""
    im = _canvas(856, 540, (236, 240, 238))
    d = ImageDraw.Draw(im)
    start = _rand_date(rng, 2008, 2026)
    years = rng.choice((5, 10, 20, 0)) if not permit else 1
    end = "长期" if years == 0 else f"{add_years(start, years):%Y.%m.%d}"
    d.ellipse((60, 50, 190, 180), outline=(200, 30, 30), width=8)
    if permit:
        d.text((250, 70), "上海市居住证", font=_font(SANS, 54), fill=(20, 20, 20))
        d.text((90, 300), "居住地址  上海市徐汇区漕溪北路88号", font=_font(SANS, 28), fill=(20, 20, 20))
    else:
        d.text((280, 60), "中华人民共和国", font=_font(SANS, 44), fill=(20, 20, 20))
        d.text((250, 130), "居民身份证", font=_font(SANS, 64), fill=(20, 20, 20))
    d.text((90, 370), "签发机关  " + rng.choice(["杭州市公安局西湖分局", "广州市公安局天河分局",
                                               "成都市公安局武侯分局"]),
           font=_font(SANS, 28), fill=(20, 20, 20))
    d.text((90, 430), f"有效期限  {start:%Y.%m.%d}-{end}", font=_font(SANS, 28), fill=(20, 20, 20))
    until = "long_term" if years == 0 else add_years(start, years).isoformat()
    kind = "residence_permit" if permit else "id_back"
    return im, kind, {"valid_from": start.isoformat(), "valid_until": until}


def licence(rng: random.Random) -> tuple[Image.Image, str, dict[str, str]]:
    """New-style 营业执照 (副本), landscape 1600×1130."""
    im = _canvas(1600, 1130, (250, 248, 240))
    d = ImageDraw.Draw(im)
    f, big = _font(SERIF, 30), _font(SERIF, 96)
    founded = _rand_date(rng, 2000, 2026)
    long_term = rng.random() < 0.4
    until = add_years(founded, rng.choice((10, 20, 30))) - dt.timedelta(days=1)
    d.text((560, 90), "营业执照", font=big, fill=(180, 20, 20))
    d.text((120, 250), "统一社会信用代码  91" + "".join(rng.choice("0123456789") for _ in range(16)),
           font=f, fill=(0, 0, 0))
    rows_left = [("名        称", "杭州某某网络科技有限公司"), ("类        型", "有限责任公司(自然人投资或控股)"),
                 ("法定代表人", rng.choice(["张伟", "王芳", "李娜"])),
                 ("经营范围", "网络技术开发、软件开发")]
    term = "长期" if long_term else f"{until.year}年{until.month:02d}月{until.day:02d}日"
    rows_right = [("注册资本", "壹佰万元整"), ("成立日期", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日"),
                  ("营业期限", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日 至 {term}"),
                  ("住        所", "浙江省杭州市西湖区文三路1号")]
    for i, (k, v) in enumerate(rows_left):
        d.text((120, 360 + 80 * i), f"{k}  {v}", font=f, fill=(0, 0, 0))
    for i, (k, v) in enumerate(rows_right):
        d.text((880, 360 + 80 * i), f"{k}  {v}", font=f, fill=(0, 0, 0))
    d.text((1050, 900), "登记机关", font=f, fill=(0, 0, 0))
    d.ellipse((1230, 820, 1430, 1020), outline=(220, 40, 40), width=6)
    dates = {"valid_from": founded.isoformat(),
             "valid_until": "long_term" if long_term else until.isoformat()}
    return im, "business_license", dates


_TITLES = {"authorization_letter": ["授权书", "授权委托书"], "commitment_letter": ["备案承诺书", "承诺书"],
           "construction_plan": ["小程序建设方案书"]}
_BODY = {"authorization_letter": "兹授权我单位员工负责本单位互联网信息服务备案相关事宜,被授权人以本单位名义办理备案手续。",
         "commitment_letter": "本单位郑重承诺所提交的备案信息真实有效,如有违反,愿意承担由此产生的一切法律责任。",
         "construction_plan": "一、公司主营业务介绍;二、小程序内容及栏目介绍;三、内容管理制度;四、网络部署方案;五、应急处置方案。"}


def letter(rng: random.Random, kind: str) -> tuple[Image.Image, str, dict[str, str]]:
    """A4 letter at 150 dpi (1240×1754) with its title, body and a signing date."""
    im = _canvas(1240, 1754)
    d = ImageDraw.Draw(im)
    f = _font(SANS, 30)
    d.text((620, 160), rng.choice(_TITLES[kind]), font=_font(SANS, 60), fill=(0, 0, 0), anchor="mm")
    body = _BODY[kind] * 3
    for i in range(0, len(body), 33):
        d.text((130, 300 + 56 * (i // 33)), body[i:i + 33], font=f, fill=(0, 0, 0))
    signed = _rand_date(rng, 2025, 2027)
    style = rng.randrange(5)
    hand = style >= 3 or rng.random() < 0.3
    d.text((700, 1300), "签字(盖章):", font=f, fill=(0, 0, 0))
    d.text((700, 1400), "日期:", font=f, fill=(0, 0, 0))
    font = _font(HAND, 40) if hand else f
    d.text((800, 1395), date_text(signed, style), font=font, fill=(20, 20, 90) if hand else (0, 0, 0))
    return im, kind, {"signed_on": signed.isoformat()}


def degrade(img: np.ndarray, variant: str, rng: random.Random) -> np.ndarray:
    """Apply one degradation variant to a BGR image."""
    if variant == "clean":
        return img
    if variant == "jpeg_blur":
        img = cv2.GaussianBlur(img, (0, 0), 1.0)
        return _jpeg(img, 35)
    h, w = img.shape[:2]
    pad = 0.06
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    jitter = [(rng.uniform(0, pad) * w, rng.uniform(0, pad) * h) for _ in range(4)]
    dst = np.array([[jitter[0][0], jitter[0][1]], [w - jitter[1][0], jitter[1][1]],
                    [w - jitter[2][0], h - jitter[2][1]], [jitter[3][0], h - jitter[3][1]]],
                   dtype=np.float32)
    out = cv2.warpPerspective(img, cv2.getPerspectiveTransform(src, dst), (w, h),
                              borderValue=(60, 70, 80))
    light = np.linspace(0.75, 1.05, w, dtype=np.float32)[None, :, None]
    noisy = out.astype(np.float32) * light + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, out.shape)
    return _jpeg(np.clip(noisy, 0, 255).astype(np.uint8), 60)


def _jpeg(img: np.ndarray, q: int) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
    out = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
    return np.asarray(out) if out is not None else img


def generate(per_type: int = 5, seed: int = 20261122) -> Iterator[SynthPage]:
    """`per_type` documents of each kind, each in every variant, reproducibly."""
    rng = random.Random(seed)
    makers: list[tuple[str, Callable[[random.Random], tuple[Image.Image, str, dict[str, str]]]]]
    makers = [("id_back", id_back), ("residence_permit", partial(id_back, permit=True)),
              ("business_license", licence)]
    makers += [(k, partial(letter, kind=k)) for k in _TITLES]
    for name, make in makers:
        for i in range(per_type):
            pil, kind, dates = make(rng)
            bgr = cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)
            for variant in VARIANTS:
                yield SynthPage(f"{name}_{i}_{variant}", degrade(bgr, variant, rng), kind, dates)
