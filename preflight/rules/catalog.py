"""The closed set of predicates a rule may name: generic ones and the form-text ones."""

from __future__ import annotations

from preflight.rules import predicates, textrules
from preflight.rules.predicates import Spec

PREDICATES: dict[str, Spec] = {**predicates.SPECS, **textrules.SPECS}
