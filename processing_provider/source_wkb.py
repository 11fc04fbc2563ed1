"""The WKB a layer's geometries were read from, kept for writing the same geometries out again.

The accounting writes its parcels with the geometries it read; making their WKB again (``shapely.to_wkb``)
took 0.8 s for the 205,546 benchmark pieces. Kept here, the read WKB of each geometry object is found again
by the object's identity, so a geometry the engine replaced (repaired, made a MultiPolygon) is written from
its own WKB.
"""

from __future__ import annotations

from typing import Optional

import numpy as np


class SourceWkb:
    """WKB of geometry objects read (empty until :meth:`keep`)."""

    def __init__(self) -> None:
        self._geoms: Optional[np.ndarray] = None
        self._wkb: Optional[np.ndarray] = None
        self._index: Optional[tuple[np.ndarray, np.ndarray]] = None

    def keep(self, geoms: np.ndarray, wkb: np.ndarray, plain: np.ndarray) -> None:
        """Keep ``wkb[r]`` for ``geoms[r]`` where ``plain[r]``: WKB that is what ``shapely.to_wkb(geoms[r],
        byte_order=1)`` gives (the objects are kept too, so their identities stay theirs)."""
        self._geoms = np.asarray(geoms, dtype=object)
        self._wkb = np.where(plain, wkb, None)
        self._index = None

    def for_rows(self, geoms: np.ndarray) -> Optional[np.ndarray]:
        """For each of ``geoms`` the kept WKB when it is one of the objects kept, else None (None: nothing kept)."""
        if self._geoms is None or self._wkb is None:
            return None
        if self._index is None:  # the kept objects' identities, sorted
            ids = _ids(self._geoms)
            order = np.argsort(ids, kind="stable")
            self._index = (ids[order], order)
        sorted_ids, order = self._index
        wanted = _ids(geoms)
        pos = np.minimum(np.searchsorted(sorted_ids, wanted), max(len(sorted_ids) - 1, 0))
        out = np.full(len(wanted), None, dtype=object)
        if len(sorted_ids):
            hit = sorted_ids[pos] == wanted
            out[hit] = self._wkb[order[pos[hit]]]
        return out

    def clear(self) -> None:
        self._geoms = self._wkb = None
        self._index = None


def _ids(objects: np.ndarray) -> np.ndarray:
    """The identity (``id``) of each object."""
    values = np.asarray(objects, dtype=object).tolist()
    return np.fromiter(map(id, values), dtype=np.uint64, count=len(values))
