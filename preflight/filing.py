"""What the filing says: `filing.toml` in the scanned folder and/or CLI flags (docs/filing.md).

The keys are a public contract. Unknown keys are rejected with a message naming the key; CLI
flags override the file. Without a manifest, attachment roles are inferred from file names and
the report says so.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
import typing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from preflight.errors import ConfigError
from preflight.provinces import normalize_province
from preflight.typed import convert, from_mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILING_NAME = "filing.toml"


class SubjectType(str, enum.Enum):
    """主体类型."""

    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"
    INDIVIDUAL_BUSINESS = "individual_business"


class Role(str, enum.Enum):
    """Which slot of the filing an attachment fills."""

    BUSINESS_LICENSE = "business_license"
    ID_FRONT = "id_front"
    ID_BACK = "id_back"
    HOST_AUTHORIZATION = "host_authorization"
    APP_AUTHORIZATION = "app_authorization"
    COMMITMENT = "commitment"
    RESIDENCE_PROOF = "residence_proof"
    PREAPPROVAL = "preapproval"
    CONSTRUCTION_PLAN = "construction_plan"
    SCREENSHOT = "screenshot"
    OTHER = "other"
    PREAPPROVAL_COMMITMENT = "preapproval_commitment"  # 不涉及前置审批承诺书
    LICENSE_AUTHORIZATION = "license_authorization"  # 版号授权书
    AUTHORIZATION_NOTE = "authorization_note"  # 版号多级授权说明


class Slot(str, enum.Enum):
    """Where on the upload form an attachment goes (附件 slots of the platform)."""

    HOST_CERTIFICATE = "host_certificate"  # 主办单位证件
    HOST_OWNER_ID = "host_owner_id"  # 主办单位负责人证件
    APP_OWNER_ID = "app_owner_id"  # 小程序负责人证件
    SUBJECT_SUPPLEMENT = "subject_supplement"  # 主体补充材料
    APP_SUPPLEMENT = "app_supplement"  # 小程序补充材料
    PREAPPROVAL = "preapproval"  # 前置审批
    FILING_COMMITMENT = "filing_commitment"  # 备案承诺书


class GameFilingStatus(str, enum.Enum):
    """State of the 小游戏备案 (needed before ICP filing when there is no 版号)."""

    NONE = "none"
    PENDING = "pending"
    APPROVED = "approved"


class PersonRole(str, enum.Enum):
    """Whose document it is."""

    HOST_OWNER = "host_owner"  # 主办单位负责人
    APP_OWNER = "app_owner"  # 小程序负责人


@dataclass(frozen=True)
class Attachment:
    """One `[[attachments]]` entry; dates here are user-supplied and override OCR."""

    file: str
    role: Role
    person: PersonRole | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    long_term: bool = False  # 有效期 长期, stated by the user
    signed_on: dt.date | None = None
    issued_on: dt.date | None = None
    slot: Slot | None = None  # upload slot; else inferred from a folder name (preflight.rules)


@dataclass(frozen=True)
class Person:
    """`[host_owner]` (主办单位负责人) or `[app_owner]` (小程序负责人) as entered on the form."""

    name: str | None = None
    is_legal_rep: bool | None = None  # for 个人 subjects: is the subject himself/herself (本人)
    mobile: str | None = None  # 手机号
    emergency_phone: str | None = None  # 应急电话
    id_address: str | None = None  # 证件注册地址 (address on the ID card)
    mailing_address: str | None = None  # 通讯地址


@dataclass(frozen=True)
class Remarks:
    """The three free-text remark fields of the form."""

    app: str | None = None  # 备案小程序信息-备注
    preapproval: str | None = None  # 备案小程序信息-前置审批备注
    host: str | None = None  # 主办单位信息-备注


@dataclass(frozen=True)
class Filing:
    """The filing as described by filing.toml and the CLI."""

    province: str | None = None
    submission_date: dt.date | None = None
    subject_type: SubjectType | None = None
    attachments: tuple[Attachment, ...] = ()
    business_name: str | None = None  # 营业执照名称 (个人: the person's name)
    business_scope: str | None = None  # 营业执照经营范围
    mailing_address: str | None = None  # 主办单位通讯地址
    app_count: int | None = None  # mini-programs filed under the same subject
    has_game_license: bool | None = None  # the game has a 广电总局版号批文
    game_filing_status: GameFilingStatus | None = None  # 小游戏备案 state
    license_authorization_level: int | None = None  # 版号 授权级数: 0 own, 1 first level...
    multi_level_authorization_note: bool | None = None  # 多级授权说明 prepared
    host_owner: Person | None = None
    app_owner: Person | None = None
    remarks: Remarks | None = None
    service_description: str | None = None  # 小程序服务内容备注 (备案小程序信息-备注)
    rule_options: tuple[str, ...] = ()  # alternative readings of the guide (docs/rules.md)

    def __post_init__(self) -> None:
        if self.province is not None:
            object.__setattr__(self, "province", normalize_province(self.province))
        if self.rule_options:
            from preflight.rules.profiles import check_options

            check_options(self.rule_options)

    @property
    def effective_submission_date(self) -> dt.date:
        """The submission date, today when none was given."""
        return self.submission_date or dt.date.today()

    def attachment_for(self, relative: str) -> Attachment | None:
        """The manifest entry for a file path relative to the filing folder, if any."""
        norm = relative.replace("\\", "/")
        for a in self.attachments:
            if a.file.replace("\\", "/") == norm or Path(a.file).name == norm:
                return a
        return None


def load_filing(path: Path) -> Filing:
    """Parse and validate a filing.toml."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    try:
        return from_mapping(Filing, data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def with_overrides(filing: Filing, **overrides: Any) -> Filing:
    """Apply CLI flags (None = not given) on top of the file's values, validated the same way."""
    hints = typing.get_type_hints(Filing)
    given = {k: convert(hints[k], v, k) for k, v in overrides.items() if v is not None}
    return replace(filing, **given) if given else filing


# File-name keywords -> role (first match wins; more specific first).
_ROLE_PATTERNS: tuple[tuple[str, Role], ...] = (
    (r"国徽|反面|背面|id[_-]?back|(?<![a-z])back(?![a-z])", Role.ID_BACK),  # not "background"
    (r"人像|正面|id[_-]?front|(?<![a-z])front(?![a-z])", Role.ID_FRONT),
    (r"版号.*授权|license[_-]?auth", Role.LICENSE_AUTHORIZATION),
    (r"营业执照|执照|business[_-]?licen[cs]e|license|licence", Role.BUSINESS_LICENSE),
    (r"授权说明|authori[sz]ation[_-]?note", Role.AUTHORIZATION_NOTE),
    (r"小程序.*授权|app[_-]?auth", Role.APP_AUTHORIZATION),
    (r"授权|委托|authori[sz]ation", Role.HOST_AUTHORIZATION),
    (r"不涉及|preapproval[_-]?commitment", Role.PREAPPROVAL_COMMITMENT),
    (r"承诺|commitment", Role.COMMITMENT),
    (r"建设方案|construction", Role.CONSTRUCTION_PLAN),
    (r"居住证|暂住证|社保|房产证|residence", Role.RESIDENCE_PROOF),
    (r"前置审批|许可证|preapproval|permit", Role.PREAPPROVAL),
    (r"截图|screenshot", Role.SCREENSHOT),
    (r"身份证|id[_-]?card", Role.ID_FRONT),
)


def infer_role(filename: str) -> Role | None:
    """Guess the attachment role from a file name such as `身份证正面.jpg`; None if unclear."""
    stem = Path(filename).stem.lower()
    for pattern, role in _ROLE_PATTERNS:
        if re.search(pattern, stem):
            return role
    return None
