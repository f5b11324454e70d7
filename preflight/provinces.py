"""Province names: the canonical short Chinese name, full names and pinyin accepted as input."""

from __future__ import annotations

from preflight.errors import ConfigError

# canonical short name -> (full name, pinyin)
PROVINCES: dict[str, tuple[str, str]] = {
    "北京": ("北京市", "beijing"),
    "天津": ("天津市", "tianjin"),
    "河北": ("河北省", "hebei"),
    "山西": ("山西省", "shanxi"),
    "内蒙古": ("内蒙古自治区", "neimenggu"),
    "辽宁": ("辽宁省", "liaoning"),
    "吉林": ("吉林省", "jilin"),
    "黑龙江": ("黑龙江省", "heilongjiang"),
    "上海": ("上海市", "shanghai"),
    "江苏": ("江苏省", "jiangsu"),
    "浙江": ("浙江省", "zhejiang"),
    "安徽": ("安徽省", "anhui"),
    "福建": ("福建省", "fujian"),
    "江西": ("江西省", "jiangxi"),
    "山东": ("山东省", "shandong"),
    "河南": ("河南省", "henan"),
    "湖北": ("湖北省", "hubei"),
    "湖南": ("湖南省", "hunan"),
    "广东": ("广东省", "guangdong"),
    "广西": ("广西壮族自治区", "guangxi"),
    "海南": ("海南省", "hainan"),
    "重庆": ("重庆市", "chongqing"),
    "四川": ("四川省", "sichuan"),
    "贵州": ("贵州省", "guizhou"),
    "云南": ("云南省", "yunnan"),
    "西藏": ("西藏自治区", "xizang"),
    "陕西": ("陕西省", "shaanxi"),
    "甘肃": ("甘肃省", "gansu"),
    "青海": ("青海省", "qinghai"),
    "宁夏": ("宁夏回族自治区", "ningxia"),
    "新疆": ("新疆维吾尔自治区", "xinjiang"),
}

_ALIASES: dict[str, str] = {}
for _short, (_full, _pinyin) in PROVINCES.items():
    for _alias in (_short, _full, _pinyin):
        _ALIASES[_alias.lower()] = _short
_ALIASES.update({"shaanxi province": "陕西", "inner mongolia": "内蒙古", "tibet": "西藏"})


def normalize_province(value: str) -> str:
    """Return the canonical short Chinese name of a province given in Chinese or pinyin.

    'Shanxi' is 山西 and 'Shaanxi' is 陕西, as in official romanisation.
    """
    key = value.strip().lower()
    for candidate in (key, key.replace(" ", ""), key.replace("-", "")):
        if candidate in _ALIASES:
            return _ALIASES[candidate]
    raise ConfigError(
        f"unknown province {value!r}: use the Chinese name (e.g. 陕西) or pinyin (e.g. shaanxi)"
    )
