"""One module per check; `preflight.registry.all_checks` discovers them all."""
