"""Python's cyclic garbage collector paused while an algorithm runs.

Shapely's geometries are objects the collector tracks, and a run makes hundreds of thousands of them: each
full collection went through all of them again, 0.6 s of the split and 0.8 s of the accounting of the
benchmark's 205,546 pieces. Nothing the engine keeps needs the collector (its objects are freed by reference
counting); what cyclic garbage a run leaves is collected once the last running algorithm has finished.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_LOCK = threading.Lock()
#: Algorithms running with the collector paused, and whether it was on before the first of them.
_state = {"running": 0, "was_on": False}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block (algorithms may run at once in several threads: it is switched back
    on, if it was on, when the last of them ends)."""
    with _LOCK:
        if _state["running"] == 0:
            _state["was_on"] = gc.isenabled()
            gc.disable()
        _state["running"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["running"] -= 1
            if _state["running"] == 0 and _state["was_on"]:
                gc.enable()
