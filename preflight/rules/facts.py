"""The facts a rule may test, computed once from filing.toml and the attachments present.

Facts have dotted names (`host_owner.is_legal_rep`); the closed set is `FACT_NAMES`. A fact
the filing does not state is None: a rule that needs it is not evaluated, and the report lists
what to add to filing.toml (`MissingFact`). Templates use the names with `_` for `.`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from preflight.context import DocumentContext
from preflight.filing import Filing, Person, Role, Slot
from preflight.model import DocumentType
from preflight.provinces import PROVINCES
from preflight.rules.keywords import KeywordHit, category, scan

PERSON_FIELDS = ("name", "is_legal_rep", "mobile", "emergency_phone", "id_address",
                 "mailing_address", "address_differs", "id_outside_province")
FACT_NAMES = frozenset({
    "subject_type", "business_name", "business_scope", "app_count", "has_game_license",
    "game_filing_status", "license_authorization_level", "multi_level_authorization_note",
    "subject.mailing_address", "remarks.app", "remarks.preapproval", "remarks.host",
    "service_description", "preapproval.hit", "preapproval.finance_hit",
    "preapproval.publishing_hit",
    *(f"{p}.{f}" for p in ("host_owner", "app_owner") for f in PERSON_FIELDS),
})

# Folder names that say which upload slot the files inside belong to.
_SLOT_WORDS: tuple[tuple[str, Slot], ...] = (
    ("主体补充材料", Slot.SUBJECT_SUPPLEMENT), ("小程序补充材料", Slot.APP_SUPPLEMENT),
    ("前置审批", Slot.PREAPPROVAL), ("备案承诺书", Slot.FILING_COMMITMENT),
    ("主办单位证件", Slot.HOST_CERTIFICATE), ("小程序负责人", Slot.APP_OWNER_ID),
    ("主办单位负责人", Slot.HOST_OWNER_ID), ("主体负责人", Slot.HOST_OWNER_ID),
    *((s.value, s) for s in Slot),
)
# Page document types that stand for a role when the file has no role of its own.
_TYPE_ROLES: dict[DocumentType, tuple[Role, ...]] = {
    DocumentType.COMMITMENT_LETTER: (Role.COMMITMENT, Role.PREAPPROVAL_COMMITMENT),
    DocumentType.AUTHORIZATION_LETTER: (Role.HOST_AUTHORIZATION, Role.APP_AUTHORIZATION,
                                        Role.LICENSE_AUTHORIZATION),
    DocumentType.RESIDENCE_PERMIT: (Role.RESIDENCE_PROOF,),
    DocumentType.CONSTRUCTION_PLAN: (Role.CONSTRUCTION_PLAN,),
    DocumentType.SCREENSHOT: (Role.SCREENSHOT,),
}

# Slots that hold one kind of attachment only: a file there without a role has that role.
_SLOT_ROLES: dict[Slot, Role] = {Slot.PREAPPROVAL: Role.PREAPPROVAL,
                                 Slot.FILING_COMMITMENT: Role.COMMITMENT}

# A generic file name (授权书.jpg, 承诺书.pdf) guessed as one role, in a folder that only
# takes another kind of letter: the folder tells which letter it is.
_GENERIC_NAME_ROLES: dict[tuple[Role, Slot], Role] = {
    (Role.HOST_AUTHORIZATION, Slot.APP_SUPPLEMENT): Role.APP_AUTHORIZATION,
    (Role.HOST_AUTHORIZATION, Slot.PREAPPROVAL): Role.LICENSE_AUTHORIZATION,
    (Role.COMMITMENT, Slot.APP_SUPPLEMENT): Role.PREAPPROVAL_COMMITMENT,
}


class MissingFact(Exception):
    """A rule needs a fact that filing.toml does not state."""

    def __init__(self, fact: str) -> None:
        super().__init__(fact)
        self.fact = fact


@dataclass(frozen=True)
class DocView:
    """What the rules see of one attachment."""

    file: str
    role: Role | None
    slot: Slot | None
    slot_inferred: bool
    roles_by_content: tuple[Role, ...] = ()  # from the page document types, when no role
    valid_until: dt.date | None = None
    person: str | None = None  # host_owner | app_owner, from filing.toml


@dataclass(frozen=True)
class Facts:
    """Filing facts, keyword hits and attachments for one evaluation."""

    filing: Filing
    values: dict[str, Any]
    hits: tuple[KeywordHit, ...]
    documents: tuple[DocView, ...]

    @property
    def province(self) -> str:
        """The filing's province (facts are only built when it is known)."""
        return self.filing.province or ""

    def need(self, name: str) -> Any:
        """The fact's value; raises MissingFact when the filing does not state it."""
        value = self.values[name]
        if value is None:
            raise MissingFact(name)
        return value

    def with_role(self, role: Role, *, by_content: bool = True) -> list[DocView]:
        """Attachments of this role (or, without a role, whose pages look like one)."""
        return [d for d in self.documents
                if d.role == role or (by_content and d.role is None and role in d.roles_by_content)]

    def placeholders(self) -> dict[str, str]:
        """Every fact as template text (`host_owner.mobile` -> `{host_owner_mobile}`)."""
        return {k.replace(".", "_"): _text(v) for k, v in self.values.items()}

    def hits_of(self, *, finance: bool | None, exclude: tuple[str, ...] = ()) -> list[KeywordHit]:
        """Keyword hits, only finance (True), only non-finance (False) or all (None)."""
        if self.values["preapproval.hit"] is None:
            raise MissingFact("business_scope")
        return [h for h in self.hits if h.category not in exclude
                and (finance is None or category(h.category).finance == finance)]


def _text(value: Any) -> str:
    if value is None:
        return "未填写/not given"
    if isinstance(value, bool):
        return "是/yes" if value else "否/no"
    return value.value if isinstance(value, enum.Enum) else str(value)


def build_facts(filing: Filing, views: list[DocView]) -> Facts:
    """Facts of a filing and its attachments (`views` from `doc_view` for each document)."""
    f = filing
    hits = scan({"business_name": f.business_name, "business_scope": f.business_scope})
    stated = f.business_name is not None or f.business_scope is not None
    remarks = f.remarks
    values: dict[str, Any] = {
        "subject_type": f.subject_type, "business_name": f.business_name,
        "business_scope": f.business_scope, "app_count": f.app_count,
        "has_game_license": f.has_game_license, "game_filing_status": f.game_filing_status,
        "license_authorization_level": f.license_authorization_level,
        "multi_level_authorization_note": f.multi_level_authorization_note,
        "subject.mailing_address": f.mailing_address or (
            f.host_owner.mailing_address if f.host_owner and f.subject_type
            and f.subject_type.value == "individual" else None),
        "remarks.app": remarks.app if remarks else None,
        "remarks.preapproval": remarks.preapproval if remarks else None,
        "remarks.host": remarks.host if remarks else None,
        "service_description": f.service_description or (remarks.app if remarks else None),
        "preapproval.hit": bool(hits) if stated else None,
        "preapproval.finance_hit": any(category(h.category).finance for h in hits)
        if stated else None,
        "preapproval.publishing_hit": any(h.category == "出版" for h in hits) if stated else None,
    }
    for key, person in (("host_owner", f.host_owner), ("app_owner", f.app_owner)):
        values.update(_person_facts(key, person, f.province))
    return Facts(filing=f, values=values, hits=hits, documents=tuple(views))


def _person_facts(key: str, p: Person | None, province: str | None) -> dict[str, Any]:
    p = p or Person()
    both = p.id_address is not None and p.mailing_address is not None
    differs = _norm_addr(p.id_address or "") != _norm_addr(p.mailing_address or "")
    home = address_province(p.id_address or "")
    return {
        f"{key}.name": p.name, f"{key}.is_legal_rep": p.is_legal_rep, f"{key}.mobile": p.mobile,
        f"{key}.emergency_phone": p.emergency_phone, f"{key}.id_address": p.id_address,
        f"{key}.mailing_address": p.mailing_address,
        f"{key}.address_differs": differs if both else None,
        # not recognisable -> treated as another province (the stricter reading)
        f"{key}.id_outside_province": (home != province) if p.id_address is not None else None,
    }


def _norm_addr(text: str) -> str:
    return re.sub(r"[\s,,。.、\-—–()()]", "", text)


def address_province(address: str) -> str | None:
    """The province an address starts with or names (short name), None if none is named."""
    found = [(address.find(short), short) for short, (full, _p) in PROVINCES.items()
             if short in address or full in address]
    return min(found)[1] if found else None


def doc_view(doc: DocumentContext, content_types: tuple[DocumentType, ...],
             read_valid_until: dt.date | None = None) -> DocView:
    """The rules' view of one document: its pages' analysed types and the 有效期 end read."""
    att = doc.attachment
    slot = att.slot if att else None
    inferred = slot is None and (slot := infer_slot(doc.display_name)) is not None
    roles = tuple(r for t in content_types for r in _TYPE_ROLES.get(t, ()))
    role = att.role if att else _SLOT_ROLES.get(slot)  # type: ignore[arg-type]
    if doc.role_inferred and role is not None and slot is not None:
        role = _GENERIC_NAME_ROLES.get((role, slot), role)
    return DocView(file=doc.display_name, role=role, slot=slot,
                   slot_inferred=inferred, roles_by_content=roles,
                   valid_until=(att.valid_until if att else None) or read_valid_until,
                   person=att.person.value if att and att.person else None)


def infer_slot(display_name: str) -> Slot | None:
    """The upload slot named by a folder of the path (`小程序补充材料/授权书.jpg`)."""
    for part in PurePosixPath(display_name).parts[:-1]:
        low = part.lower()
        for word, slot in _SLOT_WORDS:
            if word in low:
                return slot
    return None
