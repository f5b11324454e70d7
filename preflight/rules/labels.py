"""Chinese and English labels of attachment roles, upload slots and subject types."""

from __future__ import annotations

from preflight.filing import Role, Slot, SubjectType

ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.BUSINESS_LICENSE: ("营业执照", "business licence"),
    Role.ID_FRONT: ("身份证人像面", "ID card, portrait side"),
    Role.ID_BACK: ("身份证国徽面", "ID card, emblem side"),
    Role.HOST_AUTHORIZATION: ("主办单位负责人授权书", "authorization letter for the host owner"),
    Role.APP_AUTHORIZATION: ("小程序负责人授权书", "authorization letter for the mini-program owner"),
    Role.COMMITMENT: ("备案承诺书", "filing commitment letter"),
    Role.RESIDENCE_PROOF: ("居住证明(居住证/暂住证/房产证/社保证明)",
                           "residence proof (residence permit, property deed, social insurance)"),
    Role.PREAPPROVAL: ("前置审批文件", "pre-approval documents"),
    Role.CONSTRUCTION_PLAN: ("《小程序建设方案书》", "mini-program construction plan"),
    Role.SCREENSHOT: ("小程序页面截图", "screenshots of the mini-program's pages"),
    Role.OTHER: ("其他附件", "other attachment"),
    Role.PREAPPROVAL_COMMITMENT: ("不涉及前置审批承诺书",
                                  "commitment letter that no pre-approval item is involved"),
    Role.LICENSE_AUTHORIZATION: ("版号授权书", "game licence (版号) authorization letter"),
    Role.AUTHORIZATION_NOTE: ("版号多级授权说明", "note on multi-level licence authorization"),
}

SLOT_LABELS: dict[Slot, tuple[str, str]] = {
    Slot.HOST_CERTIFICATE: ("主办单位证件", "host certificate"),
    Slot.HOST_OWNER_ID: ("主办单位负责人证件", "host owner's ID"),
    Slot.APP_OWNER_ID: ("小程序负责人证件", "mini-program owner's ID"),
    Slot.SUBJECT_SUPPLEMENT: ("附件-主体补充材料", "Attachments › subject supplementary materials"),
    Slot.APP_SUPPLEMENT: ("附件-小程序补充材料",
                          "Attachments › mini-program supplementary materials"),
    Slot.PREAPPROVAL: ("前置审批", "pre-approval section"),
    Slot.FILING_COMMITMENT: ("附件-备案承诺书", "Attachments › filing commitment letter"),
}

SUBJECT_LABELS: dict[SubjectType, tuple[str, str]] = {
    SubjectType.ENTERPRISE: ("企业", "enterprise"),
    SubjectType.INDIVIDUAL: ("个人", "individual"),
    SubjectType.INDIVIDUAL_BUSINESS: ("个体工商户", "individual business"),
}

PERSON_LABELS: dict[str, tuple[str, str]] = {
    "host_owner": ("主办单位负责人", "host owner (主办单位负责人)"),
    "app_owner": ("小程序负责人", "mini-program owner (小程序负责人)"),
}


def slots_text(slots: list[Slot]) -> tuple[str, str]:
    """'A 或 B' / 'A or B' for a list of slots."""
    return ("或".join(SLOT_LABELS[s][0] for s in slots),
            " or ".join(SLOT_LABELS[s][1] for s in slots))
