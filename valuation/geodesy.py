"""Ellipsoidal areas, CGCS2000 Gauss-Kruger zones and CRS helpers.

三调 computes TBMJ as the area on the ellipsoid, so every area here is geodesic: the area on the CRS's
ellipsoid (GRS 1980 for CGCS2000) of the polygon whose vertices are the geometry's, whatever the layer's
projection. Large geometries and every geometry in a geographic CRS are measured with :class:`pyproj.Geod`;
small ones in a projected CRS (most parcels) as planar area divided by the projection's areal scale at their
centroid (:func:`ellipsoidal_areas`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import numpy as np
import shapely
from pyproj import CRS, Geod, Proj, Transformer

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


#: Largest envelope diagonal (m) of a geometry measured as planar area / areal scale at its centroid. The areal
#: scale of the usual projections varies as 1 + x²/R² over the map, so using its value at the centroid errs by
#: about w²/(12·R²) of the area for a geometry w wide: below 1e-8 at 2 km (and well below the 1e-8 m² noise of
#: Geod's own sums for small polygons).
LOCAL_MAX_EXTENT_M = 2000.0


def ellipsoidal_areas(geoms: np.ndarray | list, crs: CRS, exact: Optional[np.ndarray] = None,
                      local: bool = False) -> np.ndarray:
    """Geodesic area in m² of each (multi)polygon, on ``crs``'s ellipsoid.

    With ``local`` (the parcel split and accounting), in a projected CRS in metres, a geometry at most
    :data:`LOCAL_MAX_EXTENT_M` across is measured as its planar area divided by the projection's areal scale
    (:meth:`pyproj.Proj.get_factors`) at its centroid — vectorised, and equal to the geodesic area to about
    1e-8 (:func:`measured_locally` tells which). Every other polygon: the exterior ring's
    signed area plus its holes' (:meth:`pyproj.Geod.polygon_area_perimeter` on each ring, as
    :meth:`~pyproj.Geod.geometry_area_perimeter` does), summed over the parts, absolute value; the
    coordinates of all rings are gathered and transformed at once and the rings are measured in two threads
    (pyproj releases the GIL). Other geometry types go through ``geometry_area_perimeter``.
    ``exact``: a mask of geometries always measured with Geod (e.g. the pieces of a parcel that was, so that
    their shares of it add up to 1 to rounding).
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms))
    if len(geoms) == 0:
        return out
    types = shapely.get_type_id(geoms)
    live = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    poly = np.flatnonzero(live & np.isin(types, (3, 6)))
    if local and poly.size and _local_scale_applies(crs):
        local = _local_areas(geoms[poly], crs) if exact is None \
            else _local_areas(geoms[poly], crs, ~np.asarray(exact, dtype=bool)[poly])
        done = ~np.isnan(local)
        out[poly[done]] = local[done]
        poly = poly[~done]
    geod = geod_for(crs)
    tr = None if crs.is_geographic else Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
    # GIS data keep x = longitude whatever the CRS's axis order
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


def _local_scale_applies(crs: CRS) -> bool:
    """A projected CRS with metre axes whose projection PROJ can give scale factors for."""
    if not crs.is_projected or crs.ellipsoid is None:
        return False
    axes = crs.axis_info
    return bool(axes) and all(abs(a.unit_conversion_factor - 1.0) < 1e-12 for a in axes[:2])


def measured_locally(geoms: np.ndarray, crs: CRS) -> np.ndarray:
    """Which geometries :func:`ellipsoidal_areas` measures by the areal scale (the others with Geod)."""
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms) or not _local_scale_applies(crs):
        return np.zeros(len(geoms), dtype=bool)
    b = shapely.bounds(geoms)
    with np.errstate(invalid="ignore"):
        return np.hypot(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) <= LOCAL_MAX_EXTENT_M


def _local_areas(geoms: np.ndarray, crs: CRS, allowed: Optional[np.ndarray] = None) -> np.ndarray:
    """Planar area / areal scale at the centroid for the polygons at most :data:`LOCAL_MAX_EXTENT_M` across
    (NaN for the others, those not ``allowed``, and where PROJ gives no finite scale)."""
    out = np.full(len(geoms), np.nan)
    local = measured_locally(geoms, crs)
    if allowed is not None:
        local &= allowed
    small = np.flatnonzero(local)
    if not small.size:
        return out
    c = shapely.get_coordinates(shapely.centroid(geoms[small]))
    try:
        tr = Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
        lon, lat = tr.transform(c[:, 0], c[:, 1])
        scale = np.asarray(Proj(crs).get_factors(np.asarray(lon), np.asarray(lat)).areal_scale, dtype=float)
    except Exception:  # noqa: BLE001 - no factors for this projection: every area goes through Geod
        return out
    ok = np.isfinite(scale) & (scale > 0)
    out[small[ok]] = shapely.area(geoms[small[ok]]) / scale[ok]
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
