"""Predicates on the form's text fields: addresses, remarks, service description, 前置审批 route.

Patterns that come from the guide (the remark form "该小程序提供的服务是:XXXX,承诺不涉及“XXXX”相关
前置审批项内容", 天津's "应急联系电话手机号 xxx 使用人为 xxx 公司员工 xxx") are fixed here; word lists
and thresholds are rule arguments in the profiles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from preflight.filing import Role
from preflight.rules.facts import Facts
from preflight.rules.keywords import category
from preflight.rules.predicates import Hit, Spec

REMARK_FORM = re.compile(r"该小程序提供的服务是[::]\s*(?P<service>.+?)[,,;;]\s*"
                         r"承诺不涉及[“\"「『]?(?P<items>.+?)[”\"」』]?相关前置审批项内容")
EMERGENCY_FORM = re.compile(r"应急联系电话手机号\s*(?P<phone>[\d\s\-]{11,15}?)\s*使用人为\s*"
                            r"(?P<company>\S+?)\s*员工\s*(?P<name>[^\s,,。.;;]+)[。.;;,,]?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
_CLAUSE_SPLIT = re.compile(r"[,,。.;;!!??、\n]+")
REMARK_FIELDS = (("remarks.app", "备案小程序信息-备注", "mini-program remark"),
                 ("remarks.preapproval", "备案小程序信息-前置审批备注", "pre-approval remark"),
                 ("service_description", "服务内容备注", "service description"))


def address_wording(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """The address uses a `forbidden` symbol pattern or names none of `required_any`."""
    address = facts.need(args["fact"])
    bad = re.search(args["forbidden"], address)
    if bad:
        return [_addr_hit(address, f"用符号表示门牌号“{bad.group(0)}”",
                          f"door number written with symbols '{bad.group(0)}'")]
    if not any(w in address for w in args["required_any"]):
        words = "/".join(args["required_any"])
        return [_addr_hit(address, f"未写到门牌号(缺少“{words}”)",
                          f"not down to the door number (no {words})")]
    return []


def home_address(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """The address names a workplace (`workplace_words`) or lacks a room (`required_any`)."""
    address = facts.need(args["fact"])
    work = [w for w in args["workplace_words"] if w in address]
    if work:
        return [_addr_hit(address, f"像单位地址(含“{work[0]}”)",
                          f"looks like a workplace (contains '{work[0]}')")]
    if not any(w in address for w in args["required_any"]):
        return [_addr_hit(address, "未写到楼、门、室", "not down to building, entrance and room")]
    return []


def _addr_hit(address: str, why_zh: str, why_en: str) -> Hit:
    return Hit(values={"address": address, "reason_zh": why_zh, "reason_en": why_en},
               measured=address, threshold=why_en)


def emergency_remarks(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """Each 应急电话 needs its own remark sentence in the fixed form (天津)."""
    phones = _emergency_phones(facts)
    text = facts.values["remarks.preapproval"] or ""
    noted = {_digits(m.group("phone")) for m in EMERGENCY_FORM.finditer(text)}
    return [Hit(values={"phone": p}, measured=text or "(empty)",
                threshold="应急联系电话手机号 {p} 使用人为 xxx 公司员工 xxx")
            for p in phones if p not in noted]


def remark_only_emergency(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """Remark fields hold nothing but the emergency-phone sentences (天津)."""
    hits = []
    extra = EMERGENCY_FORM.sub("", facts.values["remarks.preapproval"] or "")
    fields = (("备案小程序信息-前置审批备注", "pre-approval remark", extra),
              ("主办单位信息-备注", "host remark", facts.values["remarks.host"] or ""))
    for zh, en, text in fields:
        if re.sub(r"[\s,,。.;;]", "", text):
            hits.append(Hit(values={"field_zh": zh, "field_en": en, "extra": text.strip()},
                            measured=text.strip(), threshold="empty"))
    return hits


def detailed_description(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """The service description has fewer than `min_units` content units or `min_clauses` clauses.

    Units are CJK characters plus Latin words; clauses are pieces of at least 4 units between
    punctuation. The guide’s example (河南/福建/广东/河北) has 111 units in 10 clauses.
    """
    text = facts.need("service_description")
    units = len(_CJK.findall(text)) + len(_LATIN_WORD.findall(text))
    clauses = sum(1 for c in _CLAUSE_SPLIT.split(text)
                  if len(_CJK.findall(c)) + len(_LATIN_WORD.findall(c)) >= 4)
    if units >= args["min_units"] and clauses >= args["min_clauses"]:
        return []
    return [Hit(values={"units": str(units), "clauses": str(clauses),
                        "min_units": str(args["min_units"]),
                        "min_clauses": str(args["min_clauses"])},
                measured={"units": units, "clauses": clauses},
                threshold={"units": args["min_units"], "clauses": args["min_clauses"]})]


def preapproval_route(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """Keyword hits not covered by an accepted route: remark, 不涉及承诺书 or approval documents."""
    hits = facts.hits_of(finance=args.get("finance"), exclude=tuple(args.get("exclude", ())))
    if not hits:
        return []
    cats = list(dict.fromkeys(h.category for h in hits))
    covered = (
        (args["accept_remark"] and _remark_covers(facts, cats))
        or (args["accept_commitment"] and facts.with_role(Role.PREAPPROVAL_COMMITMENT))
        or (args["accept_approval"] and facts.with_role(Role.PREAPPROVAL))
    )
    if covered:
        return []
    words = "、".join(dict.fromkeys(h.word for h in hits))
    docs = ";".join(f"{c}:{category(c).document}({category(c).authority})" for c in cats)
    return [Hit(values={"hit_words": words, "hit_categories": "、".join(cats),
                        "hit_categories_en": ", ".join(category(c).name_en for c in cats),
                        "approval_documents": docs},
                measured=[f"{h.category}:{h.word}" for h in hits],
                threshold="accepted: " + ", ".join(
                    k.removeprefix("accept_") for k in ("accept_remark", "accept_commitment",
                                                        "accept_approval") if args[k]))]


def remark_form_present(facts: Facts, args: Mapping[str, Any]) -> list[Hit]:
    """A 前置审批 remark in the guide's form is present (四川 does not accept remarks)."""
    return [Hit(values={"field_zh": zh, "field_en": en}, measured=text, threshold="no remark")
            for key, zh, en in REMARK_FIELDS[:2]
            if (text := facts.values[key]) and REMARK_FORM.search(text)]


def _remark_covers(facts: Facts, cats: list[str]) -> bool:
    items = " ".join(m.group("items") for key, _zh, _en in REMARK_FIELDS
                     if facts.values[key] for m in REMARK_FORM.finditer(facts.values[key]))
    return bool(items) and all(any(a in items for a in category(c).aliases) for c in cats)


def _emergency_phones(facts: Facts) -> list[str]:
    phones = [facts.values[f"{p}.emergency_phone"] for p in ("host_owner", "app_owner")]
    known = list(dict.fromkeys(_digits(p) for p in phones if p))
    if not known:
        facts.need("host_owner.emergency_phone")
    return known


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


_fs = frozenset
SPECS: dict[str, Spec] = {
    "address_wording": Spec(address_wording, _fs({"fact", "forbidden", "required_any"}),
                            outputs=_fs({"address", "reason_zh", "reason_en"})),
    "home_address": Spec(home_address, _fs({"fact", "workplace_words", "required_any"}),
                         outputs=_fs({"address", "reason_zh", "reason_en"})),
    "emergency_remarks": Spec(emergency_remarks, outputs=_fs({"phone"})),
    "remark_only_emergency": Spec(remark_only_emergency,
                                  outputs=_fs({"field_zh", "field_en", "extra"})),
    "detailed_description": Spec(detailed_description, _fs({"min_units", "min_clauses"}),
                                 outputs=_fs({"units", "clauses", "min_units", "min_clauses"})),
    "preapproval_route": Spec(preapproval_route,
                              _fs({"accept_remark", "accept_commitment", "accept_approval"}),
                              _fs({"finance", "exclude"}),
                              _fs({"hit_words", "hit_categories", "hit_categories_en",
                                   "approval_documents"})),
    "remark_form_present": Spec(remark_form_present, outputs=_fs({"field_zh", "field_en"})),
}
