"""A wall-clock limit for the work on one file.

In the main thread of a process (the CLI, and each worker of a process pool) a timer signal
interrupts Python code when the limit passes; elsewhere (threads) the limit is not enforced and
the caller must rely on process isolation. Native calls (a libjpeg decode) finish before the
interrupt lands, which the pixel and size limits keep short; external programs (Tesseract) have
their own timeouts.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class FileTimeout(BaseException):
    """The time limit for one file passed (a BaseException, so check boundaries do not swallow it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout inside the block once `seconds` have passed (main thread only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def _expire(signum: int, frame: FrameType | None) -> None:
        raise FileTimeout(f"{seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
