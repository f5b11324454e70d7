"""Dates the user states in filing.toml (`[[attachments]] valid_until = 2030-01-01` ...).

They override what OCR read, and are reported with `source = "user"`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from preflight.dates.parse import LONG_TERM
from preflight.model import DateField

if TYPE_CHECKING:
    from preflight.filing import Attachment

KINDS = ("valid_from", "valid_until", "signed_on", "issued_on")


def user_dates(attachment: Attachment | None) -> tuple[DateField, ...]:
    """The attachment's user-supplied dates as DateFields (long_term as valid_until)."""
    if attachment is None:
        return ()
    out = []
    for kind in KINDS:
        value = getattr(attachment, kind)
        if value is not None:
            out.append(DateField(kind, value.isoformat(), "filing.toml", None, 1.0, "user"))
    if attachment.long_term and attachment.valid_until is None:
        out.append(DateField("valid_until", LONG_TERM, "filing.toml", None, 1.0, "user"))
    return tuple(out)
