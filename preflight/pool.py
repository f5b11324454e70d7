"""The local audit pool's fork server, started as early as the command line allows.

`preflight audit` with more than one worker forks its workers from a fork server that first
builds their shared state (`preflight.audit.preload`: the pipeline, the checks, the face
cascade, the rule profiles, RapidOCR's modules; ~1.1 CPU s). `preflight/__main__.py` starts that
server here, before the command line imports its own modules (~0.7 s), so the two overlap on two
cores and the workers fork ready as soon as the filings are listed. This module imports nothing
heavy: it runs before the CLI.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing import forkserver

from preflight.workers import limit_thread_env

PRELOAD = ["preflight.audit.preload"]  # built once in the fork server, before the workers fork


def start_fork_server() -> None:
    """Start the fork server with the workers' thread limits and preload (idempotent)."""
    limit_thread_env()  # the server inherits the environment: its native pools get one thread
    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


def wants_local_pool(argv: Sequence[str]) -> bool:
    """True when `argv` (without the program name) runs `audit` on a local pool of more than
    one worker: not with `--scheduler`, `--jobs 1` or `--help`, nor on a one-core machine."""
    args = list(argv)
    command = next((a for a in args if not a.startswith("-")), None)
    if command != "audit" or any(a in ("-h", "--help") for a in args):
        return False
    if any(a == "--scheduler" or a.startswith("--scheduler=") for a in args):
        return False
    jobs = _jobs(args)
    return (jobs if jobs is not None else os.cpu_count() or 1) > 1


def start_early(argv: Sequence[str]) -> None:
    """Start the fork server now when the command will need it (`wants_local_pool`) and the
    platform has one (not Windows: there the pool reports the problem itself)."""
    if wants_local_pool(argv) and "forkserver" in multiprocessing.get_all_start_methods():
        start_fork_server()


def _jobs(args: list[str]) -> int | None:
    """The value of `--jobs`/`-j` in any of its spellings, None when absent or not a number."""
    for i, a in enumerate(args):
        if a in ("--jobs", "-j"):
            value = args[i + 1] if i + 1 < len(args) else ""
        elif a.startswith("--jobs="):
            value = a.split("=", 1)[1]
        elif a.startswith("-j") and not a.startswith("--"):
            value = a[2:]
        else:
            continue
        return int(value) if value.isdigit() else None
    return None
