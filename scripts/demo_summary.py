"""Print the demo's summary: parcels and areas by land-use class and village, then values by class,
the low–high range, the SWC increment and the top land-use types."""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd


def mu(m2: float) -> float:
    return m2 * 15 / 10000


def main(out: Path) -> None:
    parcels = gpd.read_file(out / "parcels.gpkg", layer="parcels")
    total = parcels["AREA_M2"].sum()
    print(f"Parcels: {len(parcels)} in {parcels['SCOPE_ID'].nunique()} lots, "
          f"{total:,.2f} m² = {mu(total):,.2f} 亩")
    for title, cols in (("land-use class", ["DLBM", "DLMC"]), ("village (ZLDWMC)", ["ZLDWMC"])):
        print(f"\nArea by {title}:")
        table = parcels.groupby(cols)["AREA_M2"].agg(["count", "sum"]).sort_values("sum", ascending=False)
        for key, row in table.iterrows():
            label = " ".join(key) if isinstance(key, tuple) else str(key)
            print(f"  {label:<24} {int(row['count']):>4} parcels {row['sum']:>12,.2f} m² {mu(row['sum']):>9,.2f} 亩")

    valued = gpd.read_file(out / "valued_parcels.gpkg", layer="valued_parcels")
    v = {c: valued[c].sum() for c in ("V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "DV_TOTAL")}
    print("\nAccounted annual value (核算价值, 元/a — not a price):")
    print(f"  material supply 物质供给     {v['V_MAT']:>16,.0f}")
    print(f"  regulating services 调节服务 {v['V_REG']:>16,.0f}")
    print(f"  cultural services 文化服务   {v['V_CUL']:>16,.0f}")
    print(f"  total 合计                  {v['V_TOTAL']:>16,.0f}  (range {v['V_TOT_LO']:,.0f} – {v['V_TOT_HI']:,.0f})")
    print(f"  increment from SWC measures 水土保持措施提升价值增量 {v['DV_TOTAL']:,.0f}")
    print(f"  soil retained {valued['Q_SOIL'].sum():,.0f} t/a; mean value {v['V_TOTAL'] / mu(total):,.0f} 元/(亩·a)")
    top = valued.groupby(["DLBM", "DLMC"])["V_TOTAL"].sum().sort_values(ascending=False).head(5)
    print("\nTop land-use types by value:")
    for (code, name), value in top.items():
        print(f"  {code} {name:<8} {value:>16,.0f} 元/a ({100 * value / v['V_TOTAL']:.1f} %)")
    print(f"\nOutputs in {out}/: parcels.gpkg, valued_parcels.gpkg, summary.csv, provenance.csv, csle_*.tif")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
