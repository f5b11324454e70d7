"""Filing rules of the guide as data: profiles, predicates, evaluation (docs/rules.md).

Each rule of `preflight/data/rules/*.toml` has a stable id (R101...), the requirement quoted from
the seed guide with the section it comes from, a predicate from the closed set of
`preflight.rules.predicates`, message templates in Chinese and English and a severity.
"""
