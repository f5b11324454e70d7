"""The closed set of predicates a rule may name (`predicate = "..."` in the profiles).

A predicate is a pure function of the facts and the rule's arguments that returns the
violations it found (`Hit`s carrying the template values, the measured value and the threshold).
It raises `MissingFact` when the filing does not state what it needs. Text predicates for the
form fields live in `preflight.rules.textrules`; `preflight.rules.catalog.PREDICATES` joins both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from preflight.filing import Role, Slot
from preflight.rules.facts import Facts, MissingFact
from preflight.rules.labels import PERSON_LABELS, ROLE_LABELS, SLOT_LABELS, slots_text


@dataclass(frozen=True)
class Hit:
    """One violation: template values, measured value, threshold and the file concerned."""

    values: Mapping[str, str] = field(default_factory=dict)
    measured: Any = None
    threshold: Any = None
    file: str | None = None


Fn = Callable[[Facts, Mapping[str, Any]], list[Hit]]


@dataclass(frozen=True)
class Spec:
    """A predicate, the arguments it takes (required, optional) and the placeholders it fills."""

    fn: Fn
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    outputs: frozenset[str] = frozenset()


def condition(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """Violated whenever the rule's `when` conditions hold (the engine fills `measured`)."""
    return [Hit()]


def attachment_missing(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """No attachment of `role` (nor of `also_roles`), unless the fact `satisfied_by` is true."""
    roles = [Role(args["role"]), *(Role(r) for r in args.get("also_roles", ()))]
    if any(facts.with_role(r) for r in roles):
        return []
    if args.get("satisfied_by") and facts.values.get(args["satisfied_by"]) is True:
        return []
    zh, en = ROLE_LABELS[roles[0]]
    present = sorted({d.role.value for d in facts.documents if d.role}) or ["none"]
    window = str(args.get("sign_window_months", ""))
    return [Hit(values={"role_zh": zh, "role_en": en, "window": window}, measured=f"roles present: {present}",
                threshold=f"an attachment with role {roles[0].value}")]


def attachment_present(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """One violation per attachment of `role` (for attachments that are not needed/accepted)."""
    role = Role(args["role"])
    zh, en = ROLE_LABELS[role]
    return [Hit(values={"file": d.file, "role_zh": zh, "role_en": en}, file=d.file,
                measured=f"{d.file}: role {role.value}", threshold="no such attachment")
            for d in facts.with_role(role, by_content=False)]


def attachment_slot(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """An attachment whose upload slot is known and is not one of `slots[role]`.

    `person_slots` (optional) gives the slots of an ID card by whose it is (filing.toml person).
    """
    table = {Role(k): [Slot(s) for s in v] for k, v in args["slots"].items()}
    by_person = {k: [Slot(s) for s in v] for k, v in args.get("person_slots", {}).items()}
    hits = []
    for d in facts.documents:
        allowed = table.get(d.role) if d.role else None
        if d.role in (Role.ID_FRONT, Role.ID_BACK) and d.person in by_person:
            allowed = by_person[d.person]
        if not allowed or d.slot is None or d.slot in allowed:
            continue
        exp_zh, exp_en = slots_text(allowed)
        role_zh, role_en = ROLE_LABELS[d.role]  # type: ignore[index]
        hits.append(Hit(values={"file": d.file, "role_zh": role_zh, "role_en": role_en,
                                "slot_zh": SLOT_LABELS[d.slot][0],
                                "slot_en": SLOT_LABELS[d.slot][1],
                                "expected_zh": exp_zh, "expected_en": exp_en},
                        file=d.file, measured=d.slot.value,
                        threshold=[s.value for s in allowed]))
    return hits


def max_value(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """The numeric fact `fact` is above `max`."""
    value = facts.need(args["fact"])
    if value <= args["max"]:
        return []
    return [Hit(values={"value": str(value), "max": str(args["max"])}, measured=value,
                threshold=f"<= {args['max']}")]


def facts_differ(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """Facts `a` and `b` are both stated and differ (e.g. the two people of a 个人 filing)."""
    a, b = facts.need(args["a"]), facts.need(args["b"])
    if str(a).strip() == str(b).strip():
        return []
    return [Hit(measured=f"{a} / {b}", threshold="the same person")]


def phones_differ(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """The person's 应急电话 equals his 手机号 (digits compared)."""
    person = args["person"]
    mobile = _digits(facts.need(f"{person}.mobile"))
    emergency = _digits(facts.need(f"{person}.emergency_phone"))
    if mobile != emergency:
        return []
    zh, en = PERSON_LABELS[person]
    return [Hit(values={"person_zh": zh, "person_en": en, "phone": emergency},
                measured=emergency, threshold=f"≠ {mobile}")]


def attachment_valid_for(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """An attachment of `role` whose 有效期 ends less than `months` after the submission date."""
    docs = facts.with_role(Role(args["role"]))
    dated = [d for d in docs if d.valid_until is not None]
    if docs and not dated:
        raise MissingFact(f"attachments.valid_until ({args['role']})")
    deadline = add_months(facts.filing.effective_submission_date, args["months"])
    return [Hit(values={"file": d.file, "valid_until": d.valid_until.isoformat(),
                        "deadline": deadline.isoformat()}, file=d.file,
                measured=d.valid_until.isoformat(), threshold=f"> {deadline.isoformat()}")
            for d in dated if d.valid_until is not None and d.valid_until <= deadline]


def covered_by_check(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """The requirement is tested page by page by the image check `check` (e.g. G101)."""
    return []


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole calendar months, clamped to the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in range(day.day, 27, -1):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


def _digits(text: str) -> str:
    return "".join(ch for ch in str(text) if ch.isdigit())


_fs = frozenset
SPECS: dict[str, Spec] = {
    "condition": Spec(condition),
    "attachment_missing": Spec(attachment_missing, _fs({"role"}),
                               _fs({"also_roles", "satisfied_by", "sign_window_months"}),
                               _fs({"role_zh", "role_en", "window"})),
    "attachment_present": Spec(attachment_present, _fs({"role"}),
                               outputs=_fs({"file", "role_zh", "role_en"})),
    "attachment_slot": Spec(attachment_slot, _fs({"slots"}), _fs({"person_slots"}), _fs(
        {"file", "role_zh", "role_en", "slot_zh", "slot_en", "expected_zh", "expected_en"})),
    "attachment_valid_for": Spec(attachment_valid_for, _fs({"role", "months"}),
                                 outputs=_fs({"file", "valid_until", "deadline"})),
    "max_value": Spec(max_value, _fs({"fact", "max"}), outputs=_fs({"value", "max"})),
    "facts_differ": Spec(facts_differ, _fs({"a", "b"})),
    "phones_differ": Spec(phones_differ, _fs({"person"}),
                          outputs=_fs({"person_zh", "person_en", "phone"})),
    "covered_by_check": Spec(covered_by_check, _fs({"check"})),
}
