"""Post-trade monitoring of the soil-and-water-conservation function: a later accounting against the one at signing.

Rules (docs/catalog-monitoring.md §3):

- **Constant prices and parameters.** Both accountings carry their provenance (layer ``swc_provenance`` of the
  GeoPackage, or a PROVENANCE table). Equal ``parameter_hash`` → the values are compared as they are. Different
  hashes → the parameter rows both runs used are compared: when only prices differ (rows with a price year, CPI,
  ``cul_spend@``, ``mat_price.``, ``mat_cost_share.``, ``price_year_target``, ``material_net_mode``,
  ``carbon_sink_sold``) the later quantities are **re-priced with the baseline's parameters**; when a parameter
  that changes quantities differs, the run stops naming both hashes (re-valuing quantities needs the rasters).
  Visitor numbers (``cul_visitors@``) describe the state and may differ.
- **Same long-term R, K and LS.** Only B·E·T, cover and land use may differ. Each factor's source is compared
  (the ``input_R_FACTOR``/``input_K_FACTOR``/``input_LS_FACTOR``/``input_DEM`` rows — same path or same file
  content — or the ``r_constant``/``k_constant`` rows, and ``ls_lambda_cap``/``ls_channel_area``), and so is the
  per-parcel evidence: potential erosion per area A_p/area = (Q_SOIL + EROSION)/AREA_M2 on parcels whose geometry
  did not change and that retain soil in both states; an area-weighted median ratio off 1 by more than 0.5 %
  means R·K·LS changed. A different R (or evidence alone) stops the run unless ``allow_r_change``; a different K
  or LS always does.
- **Matching.** By PARCEL_ID; the remaining parcels by geometry: a later parcel lying ≥ 50 % in an earlier one
  (or an earlier one lying ≥ 50 % in a later one) is linked to it. A 1:1 link needs ≥ 50 % overlap both ways
  (MATCH geometry); one earlier parcel linked to several later ones is a split, several earlier ones linked to
  one later one a merge (the pieces together must cover ≥ 50 % of the other side). Baseline figures are
  allocated to the later pieces by overlap share (whole parcels for id and geometry matches).
- **Flags** (FLAG 1, FLAG_WHY codes): ``grade_worse``, ``over_tolerance`` (modulus ≥ tolerance where it was
  below), ``built_up`` (now built-up), ``value_drop`` (value per 亩 down by more than ``value_drop`` %),
  ``missing`` (the parcel is gone later). The pieces of a split are judged together against their parent (pooled
  modulus, grade and value per 亩); built-up is judged per piece.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import __version__, csle, rasters, valuing
from .catalog import ensure_gpkg, ensure_tables
from .errors import Notice, ValuationError, short_list
from .indicators import material
from .parameters import COLUMNS as PARAM_COLUMNS
from .parameters import ParameterSet
from .parcels import find_field, polygonal, require_crs
from .progress import Monitor

MIN_OVERLAP = 0.5
RKLS_TOLERANCE = 0.005
SAME_GEOMETRY = 1e-3
MU_PER_M2 = 15.0 / 10000.0
FLAG_CODES: dict[str, str] = {
    "grade_worse": "erosion grade worse",
    "over_tolerance": "erosion modulus above the tolerance where it was below",
    "built_up": "land use turned built-up",
    "value_drop": "value per mu down by more than the threshold",
    "missing": "parcel missing later",
}
MATCHES = ("id", "geometry", "split", "merged", "missing", "new")
PRICING_PREFIXES = ("cpi_", "cul_spend@", "mat_price.", "mat_cost_share.")
PRICING_KEYS = frozenset({"price_year_target", "material_net_mode", "carbon_sink_sold"})
STATE_PREFIXES = ("cul_visitors@",)
FACTOR_KEYS = frozenset({"r_constant", "k_constant", "ls_lambda_cap", "ls_channel_area"})
EXTENSIVE = ("AREA_M2", "Q_SOIL", "EROSION", "V_MAT", "V_REG", "V_CUL", "V_TOTAL")
VALUE_CLASSES = ("V_MAT", "V_REG", "V_CUL", "V_TOTAL")

#: Change-layer fields: (name, kind, unit, English, Chinese).
CHANGE_FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("PARCEL_ID", "str", "", "Parcel id (later)", "地块编号（现状）"),
    ("BASE_ID", "str", "", "Parcel id(s) at signing", "签约时地块编号"),
    ("MATCH", "str", "", "How the parcel was matched", "匹配方式"),
    ("SCOPE_ID", "str", "", "Trading lot id", "交易范围编号"),
    ("AREA_B", "float", "m²", "Area at signing (allocated)", "签约时面积"),
    ("AREA_C", "float", "m²", "Area later", "现状面积"),
    ("DLBM_B", "str", "", "Land-use code at signing", "签约时地类编码"),
    ("DLBM_C", "str", "", "Land-use code later", "现状地类编码"),
    ("ECO_B", "str", "", "Ecosystem type at signing", "签约时生态系统类型"),
    ("ECO_C", "str", "", "Ecosystem type later", "现状生态系统类型"),
    ("Q_SOIL_B", "float", "t/a", "Soil retained at signing", "签约时土壤保持量"),
    ("Q_SOIL_C", "float", "t/a", "Soil retained later", "现状土壤保持量"),
    ("Q_SOIL_D", "float", "t/a", "Soil retained: change", "土壤保持量变化"),
    ("ER_MOD_B", "float", "t/(km²·a)", "Erosion modulus at signing", "签约时土壤侵蚀模数"),
    ("ER_MOD_C", "float", "t/(km²·a)", "Erosion modulus later", "现状土壤侵蚀模数"),
    ("ER_MOD_D", "float", "t/(km²·a)", "Erosion modulus: change", "土壤侵蚀模数变化"),
    ("GRADE_B", "int", "1-6", "Erosion grade at signing", "签约时侵蚀强度等级"),
    ("GRADE_C", "int", "1-6", "Erosion grade later", "现状侵蚀强度等级"),
    ("COVER_B", "float", "0-1", "Vegetation cover at signing", "签约时植被覆盖度"),
    ("COVER_C", "float", "0-1", "Vegetation cover later", "现状植被覆盖度"),
    ("COVER_D", "float", "0-1", "Vegetation cover: change", "植被覆盖度变化"),
    ("V_MAT_B", "float", "元/a", "Material supply at signing", "签约时物质供给价值"),
    ("V_MAT_C", "float", "元/a", "Material supply later", "现状物质供给价值"),
    ("V_MAT_D", "float", "元/a", "Material supply: change", "物质供给价值变化"),
    ("V_REG_B", "float", "元/a", "Regulating services at signing", "签约时调节服务价值"),
    ("V_REG_C", "float", "元/a", "Regulating services later", "现状调节服务价值"),
    ("V_REG_D", "float", "元/a", "Regulating services: change", "调节服务价值变化"),
    ("V_CUL_B", "float", "元/a", "Cultural services at signing", "签约时文化服务价值"),
    ("V_CUL_C", "float", "元/a", "Cultural services later", "现状文化服务价值"),
    ("V_CUL_D", "float", "元/a", "Cultural services: change", "文化服务价值变化"),
    ("V_TOTAL_B", "float", "元/a", "Total value at signing", "签约时价值总量"),
    ("V_TOTAL_C", "float", "元/a", "Total value later", "现状价值总量"),
    ("V_TOTAL_D", "float", "元/a", "Total value: change", "价值总量变化"),
    ("VMU_B", "float", "元/(亩·a)", "Value per mu at signing", "签约时亩均价值"),
    ("VMU_C", "float", "元/(亩·a)", "Value per mu later", "现状亩均价值"),
    ("VMU_PCT", "float", "%", "Value per mu: change", "亩均价值变化率"),
    ("FLAG", "int", "0/1", "Flagged", "预警"),
    ("FLAG_WHY", "str", "", "Why flagged", "预警原因"),
)
#: Per-trade table fields: (name, kind, unit, English, Chinese).
TRADE_FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("SCOPE_ID", "str", "", "Trading lot id", "交易范围编号"),
    ("N_BASE", "int", "", "Parcels at signing", "签约时地块数"),
    ("N_CUR", "int", "", "Parcels later", "现状地块数"),
    ("N_FLAGGED", "int", "", "Flagged rows", "预警地块数"),
    ("AREA_B", "float", "m²", "Area at signing", "签约时面积"),
    ("AREA_C", "float", "m²", "Area later", "现状面积"),
    ("Q_SOIL_B", "float", "t/a", "Soil retained at signing", "签约时土壤保持量"),
    ("Q_SOIL_C", "float", "t/a", "Soil retained later", "现状土壤保持量"),
    ("V_TOTAL_B", "float", "元/a", "Total value at signing", "签约时价值总量"),
    ("V_TOTAL_C", "float", "元/a", "Total value later", "现状价值总量"),
    ("V_TOTAL_D", "float", "元/a", "Total value: change", "价值总量变化"),
    ("V_PCT", "float", "%", "Total value: change", "价值总量变化率"),
    ("N_GRADE", "int", "", "Grade worse", "侵蚀等级变差"),
    ("N_TOLER", "int", "", "Above the tolerance", "超过容许土壤流失量"),
    ("N_BUILT", "int", "", "Turned built-up", "变为建设用地"),
    ("N_DROP", "int", "", "Value per mu dropped", "亩均价值下降"),
    ("N_MISSING", "int", "", "Missing later", "地块缺失"),
    ("N_SPLIT", "int", "", "Split pieces", "分割地块"),
    ("N_MERGED", "int", "", "Merged parcels", "合并地块"),
    ("N_GEOM", "int", "", "Matched by geometry", "按空间匹配"),
    ("N_NEW", "int", "", "New parcels", "新增地块"),
    ("STATUS", "str", "", "attention / stable", "状态"),
)


def field_defs() -> dict[str, tuple[str, str, str, str]]:
    return {n: (k, u, en, zh) for n, k, u, en, zh in (*CHANGE_FIELDS, *TRADE_FIELDS)}


# ----- provenance -----------------------------------------------------------------------------------------
def read_gpkg_provenance(path: str | Path) -> Optional[pd.DataFrame]:
    """The ``swc_provenance`` table of a GeoPackage written by swcvalue:accountvalues, or None."""
    p = Path(str(path).split("|")[0])
    if not p.exists() or p.suffix.lower() != ".gpkg":
        return None
    with closing(sqlite3.connect(f"file:{p}?mode=ro", uri=True)) as con:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='swc_provenance'").fetchone():
            return None
        return pd.read_sql_query("SELECT * FROM swc_provenance", con)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()) \
        or v is pd.NA


def run_value(prov: pd.DataFrame, key: str) -> Optional[str]:
    """A run row's text (``kind = run``), None when absent."""
    if "kind" not in prov.columns:
        return None
    rows = prov[(prov["kind"].astype(str) == "run") & (prov["key"].astype(str) == key)]
    if rows.empty:
        return None
    v = rows.iloc[0].get("text")
    return None if _blank(v) else str(v).strip()


def parameter_rows(prov: pd.DataFrame) -> pd.DataFrame:
    """The parameter rows (``kind = parameter``) indexed by key."""
    rows = prov[prov["kind"].astype(str) == "parameter"] if "kind" in prov.columns else prov
    rows = rows.drop_duplicates("key")
    return rows.set_index(rows["key"].astype(str).to_numpy())


def _same_value(a: Any, b: Any) -> bool:
    if _blank(a) and _blank(b):
        return True
    if _blank(a) or _blank(b):
        return False
    try:
        x, y = float(a), float(b)
        return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-15)
    except (TypeError, ValueError):
        return str(a).strip() == str(b).strip()


def is_pricing_key(key: str, row: Optional[pd.Series] = None) -> bool:
    if key in PRICING_KEYS or key.startswith(PRICING_PREFIXES):
        return True
    return row is not None and not _blank(row.get("price_year"))


def differing_parameters(base: pd.DataFrame, cur: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(pricing keys, quantity keys) whose value, low or high differ among the keys both runs used.

    Visitor numbers and the R/K/LS keys are left out (state data; checked by the factor rule)."""
    b, c = parameter_rows(base), parameter_rows(cur)
    pricing, quantity = [], []
    for key in sorted(set(b.index) & set(c.index)):
        if key.startswith(STATE_PREFIXES) or key in FACTOR_KEYS:
            continue
        rb, rc = b.loc[key], c.loc[key]
        if all(_same_value(rb.get(col), rc.get(col)) for col in ("value", "value_low", "value_high")):
            continue
        (pricing if is_pricing_key(key, rb) or is_pricing_key(key, rc) else quantity).append(key)
    return pricing, quantity


def baseline_parameter_set(base: pd.DataFrame, default: Optional[ParameterSet] = None) -> tuple[ParameterSet,
                                                                                              set[str]]:
    """The baseline run's parameters: its provenance rows over the default table (for keys it did not read),
    at its price year. Returns the set and the keys taken from the default table."""
    default = default or ParameterSet.load()
    rows = parameter_rows(base)
    target = run_value(base, "price_year")
    records: dict[str, dict[str, Any]] = {}
    for key, r in default.rows.iterrows():
        records[str(key)] = {c: r.get(c) for c in PARAM_COLUMNS if c != "key"} | {"key": str(key)}
    fallback = set(records)
    for key, r in rows.iterrows():
        rec = {c: (None if _blank(r.get(c)) else r.get(c)) for c in PARAM_COLUMNS}
        rec["key"] = str(key)
        if rec.get("unit") is None and key in records:
            rec["unit"] = records[key]["unit"]
        if rec.get("evidence") is None:
            rec["evidence"] = records.get(key, {}).get("evidence") or "user"
        if rec.get("price_year") is not None:
            rec["price_year"] = int(float(rec["price_year"]))
        records[str(key)] = rec
        fallback.discard(str(key))
    params = ParameterSet.from_records(list(records.values()), set_id=default.id, version="baseline")
    year = int(float(target)) if target else params.price_year_target
    return params.rebase(year), fallback


# ----- R, K, LS -------------------------------------------------------------------------------------------
def _file_digest(path: str) -> Optional[str]:
    p = Path(path.split("|")[0])
    if not p.is_file():
        return None
    h = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def factor_source(prov: pd.DataFrame, factor: str) -> tuple[str, Any]:
    """("raster", path), ("constant", value) or ("unknown", None) for R, K or LS."""
    rows = parameter_rows(prov)
    if factor == "LS":
        for key in ("input_LS_FACTOR", "input_DEM"):
            path = run_value(prov, key)
            if path:
                extra = tuple(None if k not in rows.index else rows.loc[k].get("value")
                              for k in ("ls_lambda_cap", "ls_channel_area")) if key == "input_DEM" else ()
                return "raster", (key, path, extra)
        return "unknown", None
    path = run_value(prov, f"input_{factor}_FACTOR")
    if path:
        return "raster", (f"input_{factor}_FACTOR", path, ())
    key = {"R": "r_constant", "K": "k_constant"}[factor]
    if key in rows.index:
        return "constant", rows.loc[key].get("value")
    return "unknown", None


def same_factor(base: pd.DataFrame, cur: pd.DataFrame, factor: str) -> tuple[Optional[bool], str]:
    """Whether both runs used the same R/K/LS (None: cannot tell from the provenance) and a language-neutral
    description (``=`` same, ``≠`` different, ``≡``/``≠ (sha256)`` same/different file content, ``?`` unknown)."""
    (kb, vb), (kc, vc) = factor_source(base, factor), factor_source(cur, factor)

    def show(kind: str, v: Any) -> str:
        return f"{v[0]} {v[1]}" if kind == "raster" else f"{v}"

    if "unknown" in (kb, kc):
        return None, f"{factor}: ?"
    if kb != kc:
        return False, f"{factor}: {show(kb, vb)} ≠ {show(kc, vc)}"
    if kb == "constant":
        same = _same_value(vb, vc)
        return same, f"{factor}: {vb} {'=' if same else '≠'} {vc}"
    (key_b, path_b, extra_b), (key_c, path_c, extra_c) = vb, vc
    if key_b != key_c or not all(_same_value(x, y) for x, y in zip(extra_b, extra_c)):
        return False, f"{factor}: {key_b} {path_b} {extra_b} ≠ {key_c} {path_c} {extra_c}"
    if path_b == path_c:
        return True, f"{factor} = {path_b}"
    db, dc = _file_digest(path_b), _file_digest(path_c)
    if db is None or dc is None:
        return None, f"{factor}: {path_b} / {path_c} (?)"
    return db == dc, f"{factor}: {path_b} {'≡' if db == dc else '≠'} {path_c} (sha256)"


def rkls_ratio(base: pd.DataFrame, cur: pd.DataFrame) -> tuple[Optional[float], int]:
    """Area-weighted median of (A_p/area later) / (A_p/area at signing) over comparable parcel pairs
    (``base``/``cur`` aligned rows: unchanged geometry, soil retained in both), and the pair count."""
    ap_b = (base["Q_SOIL"] + base["EROSION"]) / base["AREA_M2"]
    ap_c = (cur["Q_SOIL"] + cur["EROSION"]) / cur["AREA_M2"]
    ok = (base["Q_SOIL"].to_numpy() > 0) & (cur["Q_SOIL"].to_numpy() > 0) & np.isfinite(ap_b.to_numpy()) \
        & np.isfinite(ap_c.to_numpy()) & (ap_b.to_numpy() > 0)
    if not ok.any():
        return None, 0
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = (ap_c.to_numpy() / ap_b.to_numpy())[ok]
    w = base["AREA_M2"].to_numpy()[ok]
    order = np.argsort(ratio)
    cum = np.cumsum(w[order])
    median = float(ratio[order][np.searchsorted(cum, cum[-1] / 2.0)])
    return median, int(ok.sum())


# ----- matching -------------------------------------------------------------------------------------------
def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


@dataclass
class Matching:
    """Rows of the change layer: (current index or None, [(baseline index, weight)], MATCH)."""

    rows: list[tuple[Optional[int], list[tuple[int, float]], str]]
    overlaps: dict[tuple[int, int], float] = field(default_factory=dict)


def match_parcels(base_ids: list[str], base_geoms: np.ndarray, cur_ids: list[str], cur_geoms: np.ndarray,
                  min_overlap: float = MIN_OVERLAP) -> Matching:
    """Match by id, then by geometry (see the module docstring); geometries in one planar CRS."""
    nb, nc = len(base_ids), len(cur_ids)
    a_b = shapely.area(base_geoms)
    a_c = shapely.area(cur_geoms)
    tree = shapely.STRtree(base_geoms)
    ci, bi = tree.query(cur_geoms, predicate="intersects")
    with np.errstate(invalid="ignore"):
        inter = shapely.area(shapely.intersection(cur_geoms[ci], base_geoms[bi])) if len(ci) else np.zeros(0)
    overlap = {(int(b), int(c)): float(a) for b, c, a in zip(bi, ci, inter) if a > 0}
    by_id = {pid: i for i, pid in enumerate(base_ids)}
    id_pairs = {(by_id[pid], j) for j, pid in enumerate(cur_ids) if pid in by_id}
    b_with_id = {b for b, _ in id_pairs}
    c_with_id = {c for _, c in id_pairs}
    edges = set(id_pairs)
    for (b, c), a in overlap.items():
        if c not in c_with_id and a_c[c] > 0 and a / a_c[c] >= min_overlap:
            edges.add((b, c))
        if b not in b_with_id and a_b[b] > 0 and a / a_b[b] >= min_overlap:
            edges.add((b, c))
    comp = _components(nb + nc, [(b, nb + c) for b, c in edges])
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(nb + nc):
        g = groups.setdefault(comp[i], ([], []))
        (g[0] if i < nb else g[1]).append(i if i < nb else i - nb)
    rows: list[tuple[Optional[int], list[tuple[int, float]], str]] = []

    def dissolve(bs: list[int], cs: list[int]) -> None:
        used_b, used_c = set(), set()
        for b, c in sorted(id_pairs):
            if b in bs and c in cs:
                rows.append((c, [(b, 1.0)], "id"))
                used_b.add(b)
                used_c.add(c)
        rows.extend((None, [(b, 1.0)], "missing") for b in bs if b not in used_b)
        rows.extend((c, [], "new") for c in cs if c not in used_c)

    def weights(c: int, bs: list[int]) -> list[tuple[int, float]]:
        return [(b, overlap[(b, c)] / a_b[b]) for b in bs if (b, c) in overlap and a_b[b] > 0]

    for bs, cs in groups.values():
        if not cs:
            rows.append((None, [(bs[0], 1.0)], "missing"))
        elif not bs:
            rows.append((cs[0], [], "new"))
        elif len(bs) == 1 and len(cs) == 1:
            b, c = bs[0], cs[0]
            o = overlap.get((b, c), 0.0)
            if (b, c) in id_pairs:
                rows.append((c, [(b, 1.0)], "id"))
            elif a_b[b] > 0 and a_c[c] > 0 and o / a_b[b] >= min_overlap and o / a_c[c] >= min_overlap:
                rows.append((c, [(b, 1.0)], "geometry"))
            else:
                dissolve(bs, cs)
        elif len(bs) == 1:
            b = bs[0]
            covered = sum(overlap.get((b, c), 0.0) for c in cs) / a_b[b] if a_b[b] > 0 else 0.0
            if covered >= min_overlap:
                rows.extend((c, weights(c, bs), "split") for c in cs)
            else:
                dissolve(bs, cs)
        elif len(cs) == 1:
            c = cs[0]
            covered = sum(overlap.get((b, c), 0.0) for b in bs) / a_c[c] if a_c[c] > 0 else 0.0
            if covered >= min_overlap:
                rows.append((c, weights(c, bs), "merged"))
            else:
                dissolve(bs, cs)
        else:
            for c in cs:
                w = weights(c, bs)
                rows.append((c, w, "merged" if len(w) > 1 else "split"))
    order = {m: i for i, m in enumerate(MATCHES)}
    rows.sort(key=lambda r: (r[0] is None, r[0] if r[0] is not None else min(b for b, _ in r[1]), order[r[2]]))
    return Matching(rows, overlap)


# ----- the comparison -------------------------------------------------------------------------------------
@dataclass
class MonitoringResult:
    changes: gpd.GeoDataFrame
    trades: pd.DataFrame
    facts: dict[str, Any]
    notices: list[Notice] = field(default_factory=list)


def _prepare(gdf: gpd.GeoDataFrame, layer: str) -> pd.DataFrame:
    if len(gdf) == 0:
        raise ValuationError("empty_layer", "Layer {layer} has no features (or none selected).", layer=layer)
    need = ("PARCEL_ID", "Q_SOIL", "EROSION", "ER_MOD", "ER_GRADE", "V_MAT", "V_REG", "V_CUL", "V_TOTAL")
    missing = [f for f in need if find_field(gdf.columns, f) is None]
    if missing:
        raise ValuationError("not_an_accounting",
                             "Layer {layer} is not a parcel accounting (swcvalue:accountvalues output): "
                             "it lacks {fields}.", layer=layer, fields=short_list(missing))
    df = pd.DataFrame(index=range(len(gdf)))
    for c in gdf.columns:
        if c != gdf.geometry.name:
            df[str(c).upper() if str(c).upper() not in df.columns else c] = gdf[c].to_numpy()
    ids = df["PARCEL_ID"].astype(str).str.strip()
    if not ids.is_unique:
        raise ValuationError("duplicate_parcel_id", "PARCEL_ID values occur more than once in layer {layer}: {ids}.",
                             layer=layer, ids=short_list(sorted(ids[ids.duplicated()].unique())))
    df["PARCEL_ID"] = ids
    for c in ("Q_SOIL", "EROSION", "ER_MOD", "V_MAT", "V_REG", "V_CUL", "V_TOTAL"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    df["ER_GRADE"] = pd.to_numeric(df["ER_GRADE"], errors="coerce").fillna(0).astype(int)
    if "SCOPE_ID" not in df.columns:
        df["SCOPE_ID"] = ""
    df["SCOPE_ID"] = df["SCOPE_ID"].fillna("").astype(str)
    for c in ("DLBM", "ECO_TYPE"):
        if c not in df.columns:
            df[c] = ""
        df[c] = df[c].fillna("").astype(str)
    return df


def parcel_cover(gdf: gpd.GeoDataFrame, path: str) -> np.ndarray:
    """Mean fractional vegetation cover of each parcel from a raster (exact cell shares, the raster's own grid)."""
    grid = rasters.Grid.from_raster(path)
    arr = rasters.read_on_grid(path, grid)
    geoms = gdf.to_crs(grid.pyproj_crs).geometry.values if not rasters.same_crs(gdf.crs, grid.crs) \
        else gdf.geometry.values
    geoms, _ = polygonal(np.asarray(geoms, dtype=object))
    return rasters.zonal_mean(rasters.coverage_matrix(geoms, grid), arr)


def _cover(gdf: gpd.GeoDataFrame, df: pd.DataFrame, prov: pd.DataFrame, raster: Optional[str], layer: str,
           notices: list[Notice]) -> tuple[np.ndarray, str]:
    """Vegetation cover per parcel: the VEG_COVER field, else the raster given, else the provenance's input."""
    if "VEG_COVER" in df.columns:
        return pd.to_numeric(df["VEG_COVER"], errors="coerce").to_numpy(dtype=float), "field VEG_COVER"
    path = raster or run_value(prov, "input_VEG_COVER")
    if path and Path(path.split("|")[0]).is_file():
        return parcel_cover(gdf, path.split("|")[0]), path.split("|")[0]
    notices.append(Notice("monitor_no_cover",
                          "Layer {layer}: no VEG_COVER field and no cover raster; vegetation cover is not compared.",
                          {"layer": layer}))
    return np.full(len(df), np.nan), ""


def reprice(df: pd.DataFrame, params: ParameterSet) -> pd.DataFrame:
    """V_MAT, V_REG, V_CUL, V_TOTAL (and the other V_*) of the quantities in ``df`` at ``params``."""
    q = pd.DataFrame(index=df.index)
    names = [n for n, *_ in valuing.OUTPUT_FIELDS if n.startswith("Q_")]
    names += [material.field_name(p) for p in material.products(params)]
    for n in names:
        q[n] = pd.to_numeric(df[n], errors="coerce").fillna(0.0) if n in df.columns else 0.0
    q["SCOPE_ID"] = df["SCOPE_ID"]
    q["ECO_TYPE"] = df["ECO_TYPE"]
    q["DLBM"] = df["DLBM"]
    return valuing.price_all(q, params)


def _grade(modulus: float, tolerance: float) -> int:
    return 0 if not np.isfinite(modulus) else int(csle.erosion_grade(modulus, tolerance))


def monitor_change(base_gdf: gpd.GeoDataFrame, cur_gdf: gpd.GeoDataFrame, base_prov: Optional[pd.DataFrame],
                   cur_prov: Optional[pd.DataFrame], value_drop: float = 10.0, allow_r_change: bool = False,
                   base_cover: Optional[str] = None, cur_cover: Optional[str] = None,
                   base_layer: str = "BASELINE", cur_layer: str = "CURRENT",
                   monitor: Optional[Monitor] = None) -> MonitoringResult:
    """Compare a later accounting with the one at signing, parcel by parcel (see the module docstring)."""
    mon = monitor or Monitor()
    notices: list[Notice] = []
    for prov, layer in ((base_prov, base_layer), (cur_prov, cur_layer)):
        if prov is None or len(prov) == 0:
            raise ValuationError("monitor_no_provenance",
                                 "No provenance for layer {layer}: give its PROVENANCE table or use the GeoPackage "
                                 "written by swcvalue:accountvalues (layer swc_provenance).", layer=layer)
    assert base_prov is not None and cur_prov is not None
    hashes = []
    for prov, layer in ((base_prov, base_layer), (cur_prov, cur_layer)):
        h = run_value(prov, "parameter_hash")
        if not h:
            raise ValuationError("monitor_no_hash", "The provenance of layer {layer} has no parameter_hash row.",
                                 layer=layer)
        hashes.append(h)
    base_hash, cur_hash = hashes
    b = _prepare(base_gdf, base_layer)
    c = _prepare(cur_gdf, cur_layer)
    b_crs, c_crs = require_crs(base_gdf, base_layer), require_crs(cur_gdf, cur_layer)
    cur_geo = cur_gdf
    if not rasters.same_crs(b_crs, c_crs):
        cur_geo = cur_gdf.to_crs(b_crs)
        notices.append(Notice("reprojected", "Layer {layer} was reprojected from {src} to {dst}.",
                              {"layer": cur_layer, "src": c_crs.to_string(), "dst": b_crs.to_string()}))
    bg, _ = polygonal(np.asarray(base_gdf.geometry.values, dtype=object))
    cg, _ = polygonal(np.asarray(cur_geo.geometry.values, dtype=object))
    for df, g in ((b, bg), (c, cg)):
        if "AREA_M2" in df.columns:
            df["AREA_M2"] = pd.to_numeric(df["AREA_M2"], errors="coerce").astype(float)
        else:
            from .geodesy import ellipsoidal_areas

            df["AREA_M2"] = ellipsoidal_areas(g, b_crs)

    # Parameters: same hash, or re-price the later quantities at the baseline's parameters.
    facts: dict[str, Any] = {"base_hash": base_hash, "cur_hash": cur_hash, "value_drop": float(value_drop)}
    params_b: Optional[ParameterSet] = None
    if base_hash == cur_hash:
        facts["parameters"] = "same"
    else:
        pricing, quantity = differing_parameters(base_prov, cur_prov)
        if quantity:
            raise ValuationError("monitor_parameters_differ",
                                 "The accountings used different parameters that change quantities ({keys}): "
                                 "baseline hash {base}, later hash {cur}. Re-run swcvalue:accountvalues on the later "
                                 "state with the baseline's parameters (re-valuing needs the rasters).",
                                 keys=short_list(quantity), base=base_hash, cur=cur_hash)
        params_b, fallback = baseline_parameter_set(base_prov)
        facts["parameters"] = "repriced"
        facts["differing_prices"] = pricing
        notices.append(Notice("monitor_repriced",
                              "Parameter hashes differ (baseline {base}, later {cur}); only prices differ ({keys}): "
                              "the later state is re-priced with the baseline's parameters.",
                              {"base": base_hash[:12], "cur": cur_hash[:12], "keys": short_list(pricing) or "-"}))
        v = reprice(c, params_b)
        for col in VALUE_CLASSES:
            c[col] = v[col].to_numpy()
        used_fallback = sorted(fallback & set(params_b.used_keys) - {k for k in fallback if k.startswith("cpi_")})
        if used_fallback:
            notices.append(Notice("monitor_default_keys",
                                  "Keys the baseline run did not record were taken from the default table: {keys}.",
                                  {"keys": short_list(used_fallback)}))
    tol_row = parameter_rows(base_prov)
    tolerance = float(tol_row.loc["sl190_tolerance"]["value"]) if "sl190_tolerance" in tol_row.index else 500.0
    facts["tolerance"] = tolerance
    mon.report(0.1, "matching parcels")

    # Matching
    m = match_parcels(b["PARCEL_ID"].tolist(), bg, c["PARCEL_ID"].tolist(), cg)
    mon.check()

    # R, K, LS: provenance and per-parcel evidence.
    factor_facts = {f: same_factor(base_prov, cur_prov, f) for f in ("R", "K", "LS")}
    pairs = [(r[1][0][0], r[0]) for r in m.rows if r[2] in ("id", "geometry")]
    same_shape = [(bi, ci) for bi, ci in pairs if bg[bi] is not None and cg[ci] is not None and
                  shapely.area(shapely.symmetric_difference(bg[bi], cg[ci])) <= SAME_GEOMETRY * shapely.area(bg[bi])]
    ratio, n_pairs = rkls_ratio(b.iloc[[p[0] for p in same_shape]].reset_index(drop=True),
                                c.iloc[[p[1] for p in same_shape]].reset_index(drop=True)) if same_shape else (None, 0)
    facts["rkls_ratio"], facts["rkls_pairs"] = ratio, n_pairs
    facts["factors"] = {f: d for f, (_, d) in factor_facts.items()}
    kls = [f for f in ("K", "LS") if factor_facts[f][0] is False]
    if kls:
        raise ValuationError("monitor_kls_changed",
                             "K and LS must be the same long-term factors in both accountings; they differ: {what}.",
                             what="; ".join(factor_facts[f][1] for f in kls))
    r_diff = factor_facts["R"][0] is False
    evidence_diff = ratio is not None and abs(ratio - 1.0) > RKLS_TOLERANCE
    facts["r_changed"] = bool(r_diff or evidence_diff)
    if r_diff or evidence_diff:
        what = "; ".join(filter(None, [factor_facts["R"][1] if r_diff else "",
                                       f"A_p/area {100 * (ratio - 1):+.2f} % (n = {n_pairs})"
                                       if evidence_diff and ratio is not None else ""]))
        if not allow_r_change:
            raise ValuationError("monitor_r_changed",
                                 "Rainfall erosivity R (or R·K·LS) differs between the accountings: {what}. Use the "
                                 "same long-term R, or allow an R change explicitly.", what=what)
        notices.append(Notice("monitor_r_allowed",
                              "R differs between the accountings ({what}); compared anyway as requested.",
                              {"what": what}))
    mon.report(0.4, "comparing")

    # Cover
    cov_b, cov_src_b = _cover(base_gdf, b, base_prov, base_cover, base_layer, notices)
    cov_c, cov_src_c = _cover(cur_gdf, c, cur_prov, cur_cover, cur_layer, notices)
    facts["cover_sources"] = (cov_src_b, cov_src_c)

    # Rows
    recs: list[dict[str, Any]] = []
    geoms: list[Any] = []
    for ci, contrib, match in m.rows:
        rec: dict[str, Any] = {"MATCH": match}
        if contrib:
            idx = [bi for bi, _ in contrib]
            w = np.array([wt for _, wt in contrib])
            sub = b.iloc[idx]
            alloc = {f: float(np.nansum(sub[f].to_numpy() * w)) for f in EXTENSIVE}
            rec["BASE_ID"] = ";".join(sub["PARCEL_ID"])
            rec["AREA_B"] = alloc["AREA_M2"]
            for f in ("Q_SOIL", "V_MAT", "V_REG", "V_CUL", "V_TOTAL"):
                rec[f"{f}_B"] = alloc[f]
            if len(contrib) == 1 and contrib[0][1] == 1.0:
                rec["ER_MOD_B"] = float(sub["ER_MOD"].iloc[0])
                rec["GRADE_B"] = int(sub["ER_GRADE"].iloc[0])
            else:
                km2 = alloc["AREA_M2"] / 1e6
                rec["ER_MOD_B"] = alloc["EROSION"] / km2 if km2 > 0 else math.nan
                rec["GRADE_B"] = 0 if (sub["ER_GRADE"] == 0).all() else _grade(rec["ER_MOD_B"], tolerance)
            area_w = sub["AREA_M2"].to_numpy() * w
            cov = cov_b[idx]
            ok = np.isfinite(cov) & (area_w > 0)
            rec["COVER_B"] = float((cov[ok] * area_w[ok]).sum() / area_w[ok].sum()) if ok.any() else math.nan
            main = int(np.argmax(area_w)) if len(area_w) else 0
            rec["DLBM_B"], rec["ECO_B"] = str(sub["DLBM"].iloc[main]), str(sub["ECO_TYPE"].iloc[main])
            rec["SCOPE_B"] = str(sub["SCOPE_ID"].iloc[main])
        if ci is not None:
            row = c.iloc[ci]
            rec["PARCEL_ID"], rec["SCOPE_ID"] = row["PARCEL_ID"], row["SCOPE_ID"]
            rec["AREA_C"] = float(row["AREA_M2"])
            for f in ("Q_SOIL", "V_MAT", "V_REG", "V_CUL", "V_TOTAL"):
                rec[f"{f}_C"] = float(row[f])
            rec["ER_MOD_C"], rec["GRADE_C"] = float(row["ER_MOD"]), int(row["ER_GRADE"])
            rec["COVER_C"] = float(cov_c[ci])
            rec["DLBM_C"], rec["ECO_C"] = row["DLBM"], row["ECO_TYPE"]
            geoms.append(cur_geo.geometry.values[ci])
        else:
            rec["SCOPE_ID"] = rec.get("SCOPE_B", "")
            geoms.append(base_gdf.geometry.values[contrib[0][0]])
        recs.append(rec)
    df = pd.DataFrame(recs)
    for name, kind, *_ in CHANGE_FIELDS:
        if name not in df.columns:
            df[name] = "" if kind == "str" else np.nan
        elif kind == "str":
            df[name] = df[name].fillna("").astype(str)
    for f in ("Q_SOIL", "ER_MOD", "COVER", "V_MAT", "V_REG", "V_CUL", "V_TOTAL"):
        df[f"{f}_D"] = df[f"{f}_C"] - df[f"{f}_B"]
    with np.errstate(invalid="ignore", divide="ignore"):
        df["VMU_B"] = df["V_TOTAL_B"] / (df["AREA_B"] * MU_PER_M2)
        df["VMU_C"] = df["V_TOTAL_C"] / (df["AREA_C"] * MU_PER_M2)
        df["VMU_PCT"] = np.where(df["VMU_B"] > 0, 100.0 * (df["VMU_C"] - df["VMU_B"]) / df["VMU_B"], np.nan)

    # Flags. The pieces of a split are judged together against their parent (erosion and value per mu pooled over
    # the pieces: a pro-rated parent figure is an average, so one piece alone would differ by terrain only);
    # built-up is judged per piece.
    judged = df[["ER_MOD_C", "GRADE_C", "VMU_C"]].copy()
    split = df["MATCH"] == "split"
    for _, g in df[split].groupby("BASE_ID"):
        area = g["AREA_C"].sum()
        modulus = float((g["ER_MOD_C"] * g["AREA_C"]).sum() / area) if area > 0 else math.nan
        judged.loc[g.index, "ER_MOD_C"] = modulus
        judged.loc[g.index, "GRADE_C"] = 0 if (g["GRADE_C"] == 0).all() else _grade(modulus, tolerance)
        judged.loc[g.index, "VMU_C"] = g["V_TOTAL_C"].sum() / (area * MU_PER_M2) if area > 0 else math.nan
    why: list[str] = []
    for i, r in df.iterrows():
        codes = []
        j = judged.loc[i]
        if r["MATCH"] == "missing":
            codes.append("missing")
        elif r["MATCH"] != "new":
            gb, gc = r["GRADE_B"], j["GRADE_C"]
            if pd.notna(gb) and pd.notna(gc) and gb > 0 and gc > 0 and gc > gb:
                codes.append("grade_worse")
            if pd.notna(r["ER_MOD_B"]) and pd.notna(j["ER_MOD_C"]) and r["ER_MOD_B"] < tolerance <= j["ER_MOD_C"]:
                codes.append("over_tolerance")
            if r["ECO_C"] == "built_up" and r["ECO_B"] not in ("built_up", ""):
                codes.append("built_up")
            if pd.notna(r["VMU_B"]) and r["VMU_B"] > 0 and pd.notna(j["VMU_C"]) and \
                    j["VMU_C"] < r["VMU_B"] * (1.0 - value_drop / 100.0 - 1e-9):  # "more than": not at rounding
                codes.append("value_drop")
        why.append(";".join(codes))
    df["FLAG_WHY"] = why
    df["FLAG"] = np.array([1 if w else 0 for w in why], dtype=np.int64)
    for col in ("GRADE_B", "GRADE_C"):
        df[col] = pd.array([None if pd.isna(x) else int(x) for x in df[col]], dtype="Int64")
    changes = gpd.GeoDataFrame(df[[n for n, *_ in CHANGE_FIELDS]].copy(),
                               geometry=gpd.GeoSeries(geoms, crs=b_crs))

    # Per trade
    trades = trade_table(changes, b, c)
    facts["counts"] = {k: int((changes["MATCH"] == k).sum()) for k in MATCHES}
    facts["flagged"] = int(changes["FLAG"].sum())
    facts["flags"] = {k: int(changes["FLAG_WHY"].str.contains(k).sum()) for k in FLAG_CODES}
    facts["software"] = f"SWC EcoValue {__version__}"
    mon.report(1.0, "done")
    return MonitoringResult(changes, trades, facts, notices)


def trade_table(changes: pd.DataFrame, base: pd.DataFrame, cur: pd.DataFrame) -> pd.DataFrame:
    """One row per trading lot (SCOPE_ID): parcel counts, totals at signing and later, flag counts."""
    scopes = sorted(set(base["SCOPE_ID"]) | set(cur["SCOPE_ID"]) | set(changes["SCOPE_ID"]))
    rows = []
    for s in scopes:
        ch = changes[changes["SCOPE_ID"] == s]
        bs, cs = base[base["SCOPE_ID"] == s], cur[cur["SCOPE_ID"] == s]
        vb, vc = float(bs["V_TOTAL"].sum()), float(cs["V_TOTAL"].sum())
        why = ch["FLAG_WHY"].fillna("")
        row = {"SCOPE_ID": s, "N_BASE": len(bs), "N_CUR": len(cs), "N_FLAGGED": int(ch["FLAG"].sum()),
               "AREA_B": float(bs["AREA_M2"].sum()), "AREA_C": float(cs["AREA_M2"].sum()),
               "Q_SOIL_B": float(bs["Q_SOIL"].sum()), "Q_SOIL_C": float(cs["Q_SOIL"].sum()),
               "V_TOTAL_B": vb, "V_TOTAL_C": vc, "V_TOTAL_D": vc - vb,
               "V_PCT": 100.0 * (vc - vb) / vb if vb else math.nan,
               "N_GRADE": int(why.str.contains("grade_worse").sum()),
               "N_TOLER": int(why.str.contains("over_tolerance").sum()),
               "N_BUILT": int(why.str.contains("built_up").sum()),
               "N_DROP": int(why.str.contains("value_drop").sum()),
               "N_MISSING": int((ch["MATCH"] == "missing").sum()),
               "N_SPLIT": int((ch["MATCH"] == "split").sum()), "N_MERGED": int((ch["MATCH"] == "merged").sum()),
               "N_GEOM": int((ch["MATCH"] == "geometry").sum()), "N_NEW": int((ch["MATCH"] == "new").sum())}
        row["STATUS"] = "attention" if row["N_FLAGGED"] else "stable"
        rows.append(row)
    return pd.DataFrame(rows, columns=[n for n, *_ in TRADE_FIELDS])


# ----- map and register -----------------------------------------------------------------------------------
MAP_COLOURS = {"flagged": "#e53935", "stable": "#a5d6a7", "new": "#90caf9", "missing": "#ffcdd2"}


def change_map(path: str | Path, changes: gpd.GeoDataFrame, title: str = "") -> Path:
    """The monitoring map: flagged parcels red (numbered as in the report), others green, new blue, missing pink."""
    from .catalog import cjk_font, draw_map

    font = cjk_font()
    keys, labels, n = [], [], 0
    for _, r in changes.iterrows():
        key = "missing" if r["MATCH"] == "missing" else "flagged" if r["FLAG"] == 1 else \
            "new" if r["MATCH"] == "new" else "stable"
        keys.append(key)
        if r["FLAG"] == 1:
            n += 1
            labels.append(str(n))
        else:
            labels.append("")
    if not font and not title.isascii():  # no font with Chinese glyphs: an English title
        title = ""
    names = ({"flagged": "预警", "stable": "无预警", "new": "新增", "missing": "缺失"} if font else
             {"flagged": "flagged", "stable": "not flagged", "new": "new", "missing": "missing later"})
    legend = [(MAP_COLOURS[k], names[k]) for k in MAP_COLOURS if k in keys]
    return draw_map(path, list(changes.geometry.values), [MAP_COLOURS[k] for k in keys], labels,
                    title or ("监测变化" if font else "Monitoring: change since signing"), legend, font=font)


_MONITOR_DDL = (
    """CREATE TABLE IF NOT EXISTS swc_monitoring_run (
       fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, run_at TEXT NOT NULL, baseline TEXT, current TEXT,
       base_hash TEXT, cur_hash TEXT, parameters TEXT, value_drop REAL, r_changed INTEGER, flagged INTEGER,
       software TEXT)""",
    """CREATE TABLE IF NOT EXISTS swc_monitoring_trade (
       fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, run_id INTEGER NOT NULL REFERENCES swc_monitoring_run(fid),
       scope_id TEXT, n_base INTEGER, n_cur INTEGER, n_flagged INTEGER, v_total_b REAL, v_total_c REAL,
       status TEXT)""",
)


def record_monitoring(register: str | Path, result: MonitoringResult, baseline: str, current: str) -> int:
    """Append the run and its per-trade rows to the register (append-only tables); returns the run id."""
    import datetime as _dt

    path = ensure_gpkg(register)
    with closing(sqlite3.connect(path)) as con, con:
        ensure_tables(con, _MONITOR_DDL, ("swc_monitoring_run", "swc_monitoring_trade"), {
            "swc_monitoring_run": "SWC EcoValue: monitoring runs, append-only",
            "swc_monitoring_trade": "SWC EcoValue: monitoring results per trade, append-only"})
        f = result.facts
        cur = con.execute(
            "INSERT INTO swc_monitoring_run (run_at, baseline, current, base_hash, cur_hash, parameters, value_drop, "
            "r_changed, flagged, software) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), baseline, current, f["base_hash"],
             f["cur_hash"], f["parameters"], f["value_drop"], int(f["r_changed"]), f["flagged"], f["software"]))
        rid = int(cur.lastrowid)
        con.executemany(
            "INSERT INTO swc_monitoring_trade (run_id, scope_id, n_base, n_cur, n_flagged, v_total_b, v_total_c, "
            "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, r.SCOPE_ID, int(r.N_BASE), int(r.N_CUR), int(r.N_FLAGGED), float(r.V_TOTAL_B),
              float(r.V_TOTAL_C), r.STATUS) for r in result.trades.itertuples()])
    return rid
