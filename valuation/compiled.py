"""Optional compiled kernels (numba): each kernel's source is loaded under a fixed module name, so that numba's
on-disk cache (kept next to the source, keyed by module name) is found again whatever name the plugin's
package is imported under — ``valuation.…`` in the engine tests, ``swc_ecovalue.valuation.…`` in QGIS.

``SWC_NO_NUMBA=1`` in the environment turns every kernel off (the numpy / Python paths run instead).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Optional


def switched_off() -> bool:
    """Whether ``SWC_NO_NUMBA`` turns the compiled kernels off."""
    return os.environ.get("SWC_NO_NUMBA", "") not in ("", "0")


_LOCK = threading.Lock()
#: Module name → the loaded kernel module, or None: the answer of the first :func:`load`, kept.
_LOADED: dict[str, Optional[ModuleType]] = {}


def load(source: Path, module: str) -> Optional[ModuleType]:
    """The kernel module ``source`` loaded as ``module``, or None when numba is missing, switched off or fails;
    decided on the first call (numba is imported then, about 0.4 s, not when the plugin loads) and kept;
    thread-safe."""
    with _LOCK:
        if module not in _LOADED:
            _LOADED[module] = _load(source, module)
        return _LOADED[module]


def _load(source: Path, module: str) -> Optional[ModuleType]:
    if switched_off():
        return None
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
