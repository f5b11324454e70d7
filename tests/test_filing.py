"""filing.toml parsing: strict keys, typed values, CLI overrides, role inference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from preflight.errors import ConfigError
from preflight.filing import (
    Filing,
    PersonRole,
    Role,
    SubjectType,
    infer_role,
    load_filing,
    with_overrides,
)
from preflight.provinces import normalize_province


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "filing.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_full_manifest_parses(tmp_path: Path) -> None:
    f = load_filing(_write(tmp_path, """
province = "shaanxi"
submission_date = 2026-11-25
subject_type = "enterprise"
[[attachments]]
file = "licence.jpg"
role = "business_license"
[[attachments]]
file = "id/back.jpg"
role = "id_back"
person = "host_owner"
valid_until = 2036-03-01
"""))
    assert f.province == "陕西"
    assert f.submission_date == dt.date(2026, 11, 25)
    assert f.subject_type is SubjectType.ENTERPRISE
    assert f.attachments[1].role is Role.ID_BACK
    assert f.attachments[1].person is PersonRole.HOST_OWNER
    assert f.attachments[1].valid_until == dt.date(2036, 3, 1)
    assert f.attachment_for("id/back.jpg") is f.attachments[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('provnce = "陕西"', "provnce"),
        ('[[attachments]]\nfile = "a.jpg"\nrole = "id_front"\ncolour = 1', "attachments[0].colour"),
        ('[[attachments]]\nfile = "a.jpg"\nrole = "passport"', "passport"),
        ('province = "atlantis"', "atlantis"),
        ('submission_date = "next week"', "submission_date"),
        ('subject_type = "company"', "subject_type"),
        ("province = [", "not valid TOML"),
    ],
)
def test_bad_manifest_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_filing(_write(tmp_path, text))


def test_cli_overrides_beat_the_file() -> None:
    base = Filing(province="北京", submission_date=dt.date(2026, 1, 1))
    f = with_overrides(base, province="Hainan", submission_date="2026-02-03", subject_type=None)
    assert f.province == "海南" and f.submission_date == dt.date(2026, 2, 3)
    assert with_overrides(base, province=None) is base


def test_default_submission_date_is_today() -> None:
    assert Filing().effective_submission_date == dt.date.today()


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("身份证正面.jpg", Role.ID_FRONT),
        ("法人身份证国徽面.png", Role.ID_BACK),
        ("营业执照.pdf", Role.BUSINESS_LICENSE),
        ("主体负责人授权书.jpg", Role.HOST_AUTHORIZATION),
        ("小程序负责人授权书.jpg", Role.APP_AUTHORIZATION),
        ("备案承诺书.jpg", Role.COMMITMENT),
        ("居住证.jpg", Role.RESIDENCE_PROOF),
        ("IMG_2034.jpg", None),
    ],
)
def test_role_inferred_from_file_name(name: str, role: Role | None) -> None:
    assert infer_role(name) is role


@pytest.mark.parametrize(("given", "canonical"), [
    ("陕西", "陕西"), ("陕西省", "陕西"), ("Shaanxi", "陕西"), ("shanxi", "山西"),
    ("Inner Mongolia", "内蒙古"), ("广西壮族自治区", "广西"), ("  guangdong ", "广东"),
])
def test_province_names(given: str, canonical: str) -> None:
    assert normalize_province(given) == canonical
