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



def catalog_monitoring(out: Path) -> None:
    """Catalog proposal and post-trade monitoring (scripts/demo.sh step 4)."""
    import sqlite3

    import pandas as pd

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from valuation.catalog import catalog_as_of

    ws = gpd.read_file(out / "watershed_summary.gpkg", layer="watershed_summary")
    print("Watershed summary (demo units of the sample watershed):")
    for _, r in ws.iterrows():
        print(f"  {r['WS_ID']} {r['V_TOTAL']:>13,.0f} 元/a on {r['ACC_KM2']:.3f} km², "
              f"{r['V_PER_KM2']:>11,.0f} 元/(km²·a); 水土保持率 {r['SWC_RATE']:.1f} %, "
              f"林草覆盖率 {r['FG_RATE']:.1f} %, 植被覆盖度 {r['VEG_MEAN']:.2f}, disputed parcels {r['DISPUTE_N']}")
    cat = gpd.read_file(out / "catalog_2025.gpkg", layer="catalog_2025")
    print("\nCatalog proposal 2025 (score 0–100):")
    for _, r in cat.iterrows():
        print(f"  {r['RANK']}. {r['WS_ID']} score {r['SCORE']:6.2f}  {r['STATUS']}"
              + (f" ({r['BLOCKED_BY']})" if r["BLOCKED_BY"] else ""))
    for year in (2025, 2026, 2027):
        listed = catalog_as_of(out / "register.gpkg", year)
        print(f"  catalog in force in {year}: {', '.join(listed['WS_ID'])}")
    ch = gpd.read_file(out / "monitoring.gpkg", layer="monitoring")
    counts = ", ".join(f"{k} {v}" for k, v in ch["MATCH"].value_counts().items())
    print(f"\nMonitoring the later state against signing: {len(ch)} rows ({counts}); {int(ch['FLAG'].sum())} flagged")
    why = ch.loc[ch["FLAG"] == 1, "FLAG_WHY"].value_counts()
    for reason, n in why.items():
        print(f"  {reason:<28} {n:>4}")
    trades = pd.read_csv(out / "monitoring_trades.csv")
    for _, t in trades.iterrows():
        print(f"  trade {t['SCOPE_ID']}: {t['N_FLAGGED']:>3} of {t['N_CUR']:>3} parcels flagged, value "
              f"{t['V_TOTAL_B']:>12,.0f} → {t['V_TOTAL_C']:>12,.0f} 元/a ({t['V_PCT']:+.1f} %)  {t['STATUS']}")
    with sqlite3.connect(out / "register.gpkg") as con:
        runs = con.execute("SELECT count(*) FROM swc_monitoring_run").fetchone()[0]
    print(f"\nOutputs in {out}/: watershed_summary.gpkg, catalog_2025/2026.gpkg/.xlsx/_map.png, register.gpkg "
          f"({runs} monitoring run), monitoring.gpkg, monitoring_trades.csv, monitoring_report.html")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "catalog-monitoring":
        catalog_monitoring(Path(sys.argv[1]))
    else:
        main(Path(sys.argv[1]))
