"""Ellipsoidal areas, CGCS2000 Gauss-Kruger zones and CRS helpers.

三调 computes TBMJ as the area on the ellipsoid, so every area here is geodesic: geometries
are taken to the CRS's own geographic CRS and measured with :class:`pyproj.Geod` on its
ellipsoid (GRS 1980 for CGCS2000), whatever the layer's projection.
"""

from __future__ import annotations

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
    """Geodesic area in m² of each (multi)polygon, on ``crs``'s ellipsoid."""
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return np.zeros(0)
    geod = geod_for(crs)
    if crs.is_geographic:  # GIS data keep x = longitude whatever the CRS's axis order
        lonlat = geoms
    else:
        tr = Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
        lonlat = shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
    out = np.zeros(len(geoms))
    for i, g in enumerate(lonlat):
        if g is None or g.is_empty:
            continue
        out[i] = abs(geod.geometry_area_perimeter(g)[0])
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
