"""Derive the demo inputs of catalog proposals and post-trade monitoring from the sample watershed.

    python resources/sample/generate_later_state.py OUTDIR        (make demo uses demo_output/issue6)

Deterministic (no random draws: every choice is a rule on the sample's parcels), synthetic like the sample.

**Later state** — the sample watershed some years after the trades (``later_state.gpkg`` layers DLTB, JYFW, plus
``veg_cover_later.tif`` and ``npp_later.tif``; R, K, DEM, precipitation, ET and storm rainfall are unchanged):

- degraded: every forest and shrub parcel (0301, 0302, 0305) touching lot JY02 (understory planting): cover × 0.45,
  NPP × 0.6 on the cells whose centre lies in them;
- improved: every orchard and tea parcel (0201, 0202) touching lot JY01: cover + 0.25 (at most 0.92), NPP × 1.15;
- built-up: the dry-land parcel (0103) lying wholly in JY01 whose area is closest to 2 000 m² becomes 0702 农村宅基地
  (cover 0.1, NPP 30; 田坎 deduction removed);
- split: the largest arbor-forest parcel (0301) touching JY03 is cut across its longest axis into two parcels with
  new BSMs (a survey update);
- renumbered: the largest bamboo parcel (0302) touching JY03 gets a new BSM, geometry unchanged.

**Catalog candidates** (``candidates.gpkg``): layer ``XLY`` — the sample watershed cut along its three village
boundaries into three demo units standing in for neighbouring small watersheds (WS_ID QGX01-1…3, WS_NAME, CLEAN_WS
是/否, TRADED_PCT = % of the unit inside the trading lots); layer ``DLTB_RIGHTS`` — DLTB with ownership fields
DISPUTE (NONE; one parcel of 石板村 DISPUTED) and ELIGIBLE (1; three parcels of 桂花村 0 for a missing seller).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import shapely

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import pyogrio  # noqa: E402
import rasterio  # noqa: E402
from pyproj import CRS  # noqa: E402
from rasterio import features  # noqa: E402

from valuation.geodesy import ellipsoidal_areas  # noqa: E402

SAMPLE = Path(__file__).resolve().parent
BSM_PREFIX = "5001151080"


def _bsm(n: int) -> str:
    return f"{BSM_PREFIX}{n:08d}"


def _touching(dltb: gpd.GeoDataFrame, lot: shapely.Geometry, codes: tuple[str, ...]) -> gpd.GeoDataFrame:
    with np.errstate(invalid="ignore"):  # GEOS leaves a harmless floating-point flag on some clips
        overlap = shapely.area(shapely.intersection(dltb.geometry.values, lot))
    hit = dltb[dltb["DLBM"].isin(codes) & (overlap > 1.0)]
    return hit.sort_values("BSM")


def _areas(dltb: gpd.GeoDataFrame, idx: list[int]) -> None:
    crs = CRS.from_user_input(dltb.crs)
    tbmj = np.round(ellipsoidal_areas(dltb.loc[idx].geometry.values, crs), 2)
    dltb.loc[idx, "TBMJ"] = tbmj
    kcmj = np.round(tbmj * dltb.loc[idx, "KCXS"].to_numpy(dtype=float), 2)
    dltb.loc[idx, "KCMJ"] = kcmj
    dltb.loc[idx, "TBDLMJ"] = np.round(tbmj - kcmj, 2)


def split_across(geom: shapely.Geometry) -> tuple[shapely.Geometry, shapely.Geometry]:
    """Cut a polygon in two by the line through its centroid across its longest axis."""
    rect = shapely.oriented_envelope(geom)
    xy = np.asarray(rect.exterior.coords)[:4]
    edges = np.diff(np.vstack([xy, xy[:1]]), axis=0)
    long_axis = edges[int(np.argmax(np.hypot(edges[:, 0], edges[:, 1])))]
    normal = np.array([-long_axis[1], long_axis[0]]) / np.hypot(*long_axis)
    c = np.asarray(geom.centroid.coords[0])
    far = 10 * np.hypot(*long_axis)
    along = long_axis / np.hypot(*long_axis)
    side = shapely.Polygon([c - normal * far, c + normal * far, c + normal * far + along * far,
                            c - normal * far + along * far])   # the half-plane on one side of the cut
    return shapely.intersection(geom, side), shapely.difference(geom, side)


def later_state(outdir: Path) -> dict[str, object]:
    gpkg = SAMPLE / "sample_watershed.gpkg"
    dltb = gpd.read_file(gpkg, layer="DLTB")
    lots = gpd.read_file(gpkg, layer="JYFW").set_index("SCOPE_ID")
    dltb = dltb.sort_values("BSM").reset_index(drop=True)
    next_bsm = int(dltb["BSM"].str[len(BSM_PREFIX):].astype(int).max()) + 1

    degraded = _touching(dltb, lots.geometry["JY02"], ("0301", "0302", "0305"))
    improved = _touching(dltb, lots.geometry["JY01"], ("0201", "0202"))
    inside = dltb[(dltb["DLBM"] == "0103") & dltb.geometry.within(lots.geometry["JY01"])]
    built = inside.iloc[[int(np.argmin(np.abs(inside["TBMJ"].to_numpy() - 2000.0)))]]
    forest3 = _touching(dltb, lots.geometry["JY03"], ("0301",))
    split = forest3.iloc[[int(np.argmax(forest3["TBMJ"].to_numpy()))]]
    bamboo3 = _touching(dltb, lots.geometry["JY03"], ("0302",))
    renum = bamboo3.iloc[[int(np.argmax(bamboo3["TBMJ"].to_numpy()))]]

    with rasterio.open(SAMPLE / "veg_cover.tif") as src:
        profile, cover = src.profile, src.read(1)
        transform, shape = src.transform, (src.height, src.width)
    with rasterio.open(SAMPLE / "npp.tif") as src:
        npp = src.read(1)

    def mask(frame: gpd.GeoDataFrame) -> np.ndarray:
        return features.rasterize(((g, 1) for g in frame.geometry.values), out_shape=shape, transform=transform,
                                  fill=0, dtype="uint8").astype(bool)

    m = mask(degraded)
    cover[m], npp[m] = cover[m] * 0.45, npp[m] * 0.6
    m = mask(improved)
    cover[m], npp[m] = np.minimum(cover[m] + 0.25, 0.92), npp[m] * 1.15
    m = mask(built)
    cover[m], npp[m] = 0.1, 30.0

    # Land use and geometry of the survey update.
    i = built.index[0]
    dltb.loc[i, ["DLBM", "DLMC", "KCDLBM", "GDLX", "GDPDJB"]] = ["0702", "农村宅基地", "", "", ""]
    dltb.loc[i, "KCXS"] = 0.0
    _areas(dltb, [i])
    j = split.index[0]
    a, b = split_across(dltb.geometry[j])
    piece = dltb.loc[[j]].copy()
    dltb.loc[j, "geometry"] = a
    dltb.loc[j, "BSM"] = _bsm(next_bsm)
    piece["geometry"] = [b]
    piece["BSM"] = _bsm(next_bsm + 1)
    k = renum.index[0]
    dltb.loc[k, "BSM"] = _bsm(next_bsm + 2)
    dltb = pd.concat([dltb, piece], ignore_index=True)
    _areas(dltb, [dltb.index[dltb["BSM"] == _bsm(next_bsm)][0], len(dltb) - 1])
    dltb = gpd.GeoDataFrame(dltb, geometry="geometry", crs=lots.crs)

    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / "later_state.gpkg"
    if out.exists():
        out.unlink()
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2027-12-31T00:00:00.000Z"})
    try:
        dltb.to_file(out, layer="DLTB", driver="GPKG")
        lots.reset_index().to_file(out, layer="JYFW", driver="GPKG")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    for name, data in (("veg_cover_later", cover), ("npp_later", npp)):
        with rasterio.open(outdir / f"{name}.tif", "w", **profile) as dst:
            dst.write(data.astype(profile["dtype"]), 1)
    return {"degraded": len(degraded), "improved": len(improved), "built_up": built["BSM"].iloc[0],
            "split": split["BSM"].iloc[0], "renumbered": renum["BSM"].iloc[0]}


def candidates(outdir: Path) -> dict[str, object]:
    gpkg = SAMPLE / "sample_watershed.gpkg"
    dltb = gpd.read_file(gpkg, layer="DLTB").sort_values("BSM").reset_index(drop=True)
    lots = shapely.union_all(gpd.read_file(gpkg, layer="JYFW").geometry.values)
    units = dltb.dissolve(by="ZLDWDM", as_index=False).sort_values("ZLDWDM").reset_index(drop=True)
    crs = CRS.from_user_input(dltb.crs)
    area = ellipsoidal_areas(units.geometry.values, crs)
    with np.errstate(invalid="ignore"):
        traded = ellipsoidal_areas(shapely.intersection(units.geometry.values, lots), crs)
    xly = gpd.GeoDataFrame({
        "WS_ID": [f"QGX01-{n}" for n in range(1, len(units) + 1)],
        "WS_NAME": [f"青杠溪{v}片区（演示单元）" for v in units["ZLDWMC"]],
        "CLEAN_WS": ["是" if n % 2 else "否" for n in range(1, len(units) + 1)],
        "TRADED_PCT": np.round(100.0 * traded / area, 2),
    }, geometry=units.geometry.values, crs=dltb.crs)
    rights = dltb.copy()
    rights["DISPUTE"] = "NONE"
    rights["ELIGIBLE"] = 1
    shiban = rights.index[rights["ZLDWMC"] == "石板村"]
    guihua = rights.index[rights["ZLDWMC"] == "桂花村"]
    rights.loc[shiban[len(shiban) // 2], ["DISPUTE", "ELIGIBLE"]] = ["DISPUTED", 0]
    rights.loc[guihua[:3], "ELIGIBLE"] = 0
    out = outdir / "candidates.gpkg"
    outdir.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2024-12-31T00:00:00.000Z"})
    try:
        xly.to_file(out, layer="XLY", driver="GPKG")
        rights.to_file(out, layer="DLTB_RIGHTS", driver="GPKG")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    return {"units": xly["WS_ID"].tolist(), "disputed": rights.loc[shiban[len(shiban) // 2], "BSM"]}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "demo_output" / "issue6"
    print(later_state(target))
    print(candidates(target))
