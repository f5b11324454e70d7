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


@dataclass(frozen=True)
class Filing:
    """The filing as described by filing.toml and the CLI."""

    province: str | None = None
    submission_date: dt.date | None = None
    subject_type: SubjectType | None = None
    attachments: tuple[Attachment, ...] = ()

    def __post_init__(self) -> None:
        if self.province is not None:
            object.__setattr__(self, "province", normalize_province(self.province))

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
    (r"营业执照|执照|business[_-]?licen[cs]e|license|licence", Role.BUSINESS_LICENSE),
    (r"小程序.*授权|app[_-]?auth", Role.APP_AUTHORIZATION),
    (r"授权|委托|authori[sz]ation", Role.HOST_AUTHORIZATION),
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
