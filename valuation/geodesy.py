"""Ellipsoidal areas, CGCS2000 Gauss-Kruger zones and CRS helpers.

三调 computes TBMJ as the area on the ellipsoid, so every area here is geodesic: geometries
are taken to the CRS's own geographic CRS and measured with :class:`pyproj.Geod` on its
ellipsoid (GRS 1980 for CGCS2000), whatever the layer's projection.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer

#: CGCS2000 geographic CRS.
CGCS2000_GEOGRAPHIC = 4490
#: 3-degree Gauss-Kruger CGCS2000 zones without prefix: central meridian -> EPSG.
GK3_NO_PREFIX = {cm: 4534 + (cm - 75) // 3 for cm in range(75, 136, 3)}
#: 3-degree zones with the zone number prefixed to the easting: zone number -> EPSG.
GK3_PREFIX = {zone: 4513 + (zone - 25) for zone in range(25, 46)}

SQM_PER_MU = 10000.0 / 15.0


def geod_for(crs: CRS) -> Geod:
    """The Geod on the CRS's ellipsoid."""
    ell = crs.ellipsoid
    if ell is None:
        raise ValueError("CRS has no ellipsoid")
    return Geod(a=ell.semi_major_metre, rf=ell.inverse_flattening or 0.0)


def ellipsoidal_areas(geoms: np.ndarray | list, crs: CRS) -> np.ndarray:
    """Geodesic area in m² of each (multi)polygon, on ``crs``'s ellipsoid.

    Per polygon: the exterior ring's signed area plus its holes' (:meth:`pyproj.Geod.polygon_area_perimeter`
    on each ring, as :meth:`~pyproj.Geod.geometry_area_perimeter` does), summed over the parts, absolute
    value. The coordinates of all rings are gathered and transformed at once and the rings are measured in
    two threads (pyproj releases the GIL); other geometry types go through ``geometry_area_perimeter``.
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms))
    if len(geoms) == 0:
        return out
    geod = geod_for(crs)
    tr = None if crs.is_geographic else Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
    # GIS data keep x = longitude whatever the CRS's axis order
    types = shapely.get_type_id(geoms)
    live = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    poly = np.flatnonzero(live & np.isin(types, (3, 6)))
    if poly.size:
        parts, part_geom = shapely.get_parts(geoms[poly], return_index=True)
        rings, ring_part = shapely.get_rings(parts, return_index=True)
        xy, ring = shapely.get_coordinates(rings, return_index=True)
        if tr is not None and len(xy):
            xy = _transform(crs, xy)
        lon, lat = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
        bounds = np.searchsorted(ring, np.arange(len(rings) + 1))
        signed = _ring_areas(geod, lon, lat, bounds)
        part_area = np.bincount(ring_part, weights=signed, minlength=len(parts))  # exterior + holes, in order
        out[poly] = np.abs(np.bincount(part_geom, weights=part_area, minlength=len(poly)))
    for i in np.flatnonzero(live & ~np.isin(types, (3, 6))):
        g = geoms[i]
        if tr is not None:
            g = shapely.transform(g, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))
        out[i] = abs(geod.geometry_area_perimeter(g)[0])
    return out


def _transform(crs: CRS, xy: np.ndarray) -> np.ndarray:
    """``xy`` from ``crs`` to its geographic CRS (lon, lat), in two threads for many points, each with its own
    transformer (PROJ releases the GIL; a transformer must not be shared between threads)."""
    def run(part: np.ndarray) -> np.ndarray:
        tr = Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
        return np.column_stack(tr.transform(part[:, 0], part[:, 1]))

    if len(xy) < 100000:
        return run(xy)
    h = len(xy) // 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(run, xy[:h])
        second = run(xy[h:])
        return np.concatenate([first.result(), second])


def _ring_areas(geod: Geod, lon: np.ndarray, lat: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Signed geodesic area of each ring ``lon/lat[bounds[i]:bounds[i + 1]]``."""
    n = len(bounds) - 1
    out = np.zeros(n)

    def run(lo: int, hi: int) -> None:
        area = geod.polygon_area_perimeter
        for i in range(lo, hi):
            s, e = bounds[i], bounds[i + 1]
            if e > s:
                out[i] = area(lon[s:e], lat[s:e])[0]

    if n < 4000:
        run(0, n)
    else:
        half = int(np.searchsorted(bounds, bounds[-1] // 2))
        with ThreadPoolExecutor(max_workers=2) as pool:
            for f in [pool.submit(run, 0, half), pool.submit(run, half, n)]:
                f.result()
    return out


def suggest_cgcs2000_crs(x: float, y: float) -> Optional[int]:
    """Guess the CGCS2000 EPSG code from a coordinate of a layer that lost its CRS.

    8-digit eastings prefixed with the zone number (35xxxxxx…) give the prefixed 3° zone;
    6-digit eastings near 500 000 give a no-prefix zone whose meridian cannot be known
    (None: the caller asks the user, naming the Chongqing candidates); plain degrees give 4490.
    """
    if -180 <= x <= 180 and -90 <= y <= 90:
        return CGCS2000_GEOGRAPHIC
    if 1e7 <= x < 1e8 and 1e6 <= y < 1e7:
        zone = int(x // 1e6)
        return GK3_PREFIX.get(zone)
    return None


#: The three CGCS2000 3° zones that cover Chongqing, no prefix (CM 105/108/111 °E).
CHONGQING_ZONES = (4544, 4545, 4546)
