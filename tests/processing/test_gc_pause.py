"""The garbage collector is paused while algorithms run and back on when the last one ends."""

from __future__ import annotations

import gc
import threading

from swc_ecovalue.processing_provider.gc_pause import collector_paused


def test_collector_is_back_on_when_the_last_of_overlapping_runs_ends():
    assert gc.isenabled()
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_run() -> None:  # starts after the first, ends before it
        first_in.wait()
        with collector_paused():
            seen.append(gc.isenabled())
        second_done.set()

    t = threading.Thread(target=other_run)
    t.start()
    with collector_paused():
        first_in.set()
        second_done.wait()
        seen.append(gc.isenabled())  # the other run has ended: still paused for this one
    t.join()
    assert seen == [False, False] and gc.isenabled()


def test_collector_off_before_stays_off_and_errors_switch_it_back():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise ValueError("stop")
    except ValueError:
        pass
    assert gc.isenabled()
