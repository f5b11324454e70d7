"""`python -m preflight` and the `preflight` command: the CLI, with the audit pool's fork server
started first when the command will use one (`preflight.pool`)."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line."""
    from preflight.pool import start_early

    start_early(sys.argv[1:])
    from preflight.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
