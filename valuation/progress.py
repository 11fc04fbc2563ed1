"""The progress/cancel seam between the engine and its callers (two plain callables)."""

from __future__ import annotations

from typing import Callable, Optional

from .errors import Cancelled

ProgressFn = Callable[[float, str], None]
CancelledFn = Callable[[], bool]
#: ``timing(wall, busy)``: the last ``wall`` seconds went to the stages of ``busy`` (stage → seconds of work
#: summed over the threads that ran them in parallel).
TimingFn = Callable[[float, dict], None]


class Monitor:
    """Wraps ``progress(fraction, message)``, ``cancelled()`` and ``timing(wall, busy)``; any may be None."""

    def __init__(self, progress: Optional[ProgressFn] = None,
                 cancelled: Optional[CancelledFn] = None, timing: Optional[TimingFn] = None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self._timing = timing

    def report(self, fraction: float, message: str = "") -> None:
        if self._progress is not None:
            self._progress(max(0.0, min(1.0, fraction)), message)

    def check(self) -> None:
        """Raise :class:`Cancelled` when the caller asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()

    def timing(self, wall: float, busy: dict[str, float]) -> None:
        """Tell a stage clock how the last ``wall`` seconds of parallel work split into stages (``busy``)."""
        if self._timing is not None:
            self._timing(wall, busy)

    def sub(self, start: float, end: float) -> Monitor:
        """A monitor whose 0..1 maps onto ``start..end`` of this one."""
        def prog(f: float, m: str) -> None:
            self.report(start + (end - start) * f, m)
        return Monitor(prog, self._cancelled, self._timing)
