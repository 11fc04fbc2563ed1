"""Optional compiled kernels: the C library built ahead of time (:mod:`valuation.native`) when it is there, else
numba's. Each numba kernel's source is loaded under a fixed module name, so that numba's on-disk cache (kept
next to the source, keyed by module name) is found again whatever name the plugin's package is imported under
— ``valuation.…`` in the engine tests, ``swc_ecovalue.valuation.…`` in QGIS.

``SWC_NO_NUMBA=1`` in the environment turns every kernel off (the numpy / Python paths run instead);
``SWC_NO_NATIVE=1`` only the C library (numba's kernels then).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any, Optional


def switched_off() -> bool:
    """Whether ``SWC_NO_NUMBA`` turns the compiled kernels off."""
    return os.environ.get("SWC_NO_NUMBA", "") not in ("", "0")


_LOCK = threading.Lock()
#: Module name → the loaded kernel module, or None: the answer of the first :func:`load`, kept.
_LOADED: dict[str, Optional[Any]] = {}


def ready() -> bool:
    """Whether a compiled kernel costs nothing more to load: the C library is there or numba is loaded already
    (importing it and loading a cached kernel take about 0.7 s)."""
    if switched_off():
        return False
    from . import native

    return native.library() is not None or "numba" in sys.modules


def describe(module: str) -> Optional[str]:
    """Which compiled kernels stand for ``module`` (for the environment report), or None when none do."""
    mod = _LOADED.get(module)
    if mod is None:
        return None
    if not isinstance(mod, ModuleType):
        from . import native

        return native.describe()
    import numba

    return f"compiled (numba {numba.__version__})"


def load(source: Path, module: str) -> Optional[Any]:
    """The kernels of ``source`` — the C library's stand-in for them (:func:`native.kernels`) when it is built,
    else ``source`` loaded as the numba module ``module`` — or None when neither is there, they are switched off
    or numba fails; decided on the first call (numba is imported then, about 0.7 s with the first call, not when
    the plugin loads) and kept; thread-safe."""
    with _LOCK:
        if module not in _LOADED:
            _LOADED[module] = _load(source, module)
        return _LOADED[module]


def _load(source: Path, module: str) -> Optional[Any]:
    if switched_off():
        return None
    from . import native

    kernels = native.kernels(module)
    if kernels is not None:
        return kernels
    mod = sys.modules.get(module)
    if mod is not None:
        return mod
    try:
        import numba  # noqa: F401 - only whether it is there
    except ImportError:
        return None
    spec = importlib.util.spec_from_file_location(module, source)
    if spec is None or spec.loader is None:
        return None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[module] = mod
    try:
        spec.loader.exec_module(mod)
    except Exception:  # noqa: BLE001 - any trouble with numba: the other path
        del sys.modules[module]
        return None
    return mod
