"""Print a short summary of the demo's parcel layer: parcels, area by land-use class and by village."""

from __future__ import annotations

import sys

import geopandas as gpd


def main(path: str) -> None:
    gdf = gpd.read_file(path)
    total = gdf["AREA_M2"].sum()
    print(f"{len(gdf)} parcels, {total:,.2f} m² = {total * 15 / 10000:,.2f} 亩 in {gdf['SCOPE_ID'].nunique()} lots")
    for title, col in (("land-use class (DLBM DLMC)", ["DLBM", "DLMC"]), ("village (ZLDWMC)", ["ZLDWMC"]),
                       ("lot", ["SCOPE_ID", "SCOPE_NAME"])):
        cols = [c for c in col if c in gdf.columns]
        if not cols:
            continue
        print(f"\nArea by {title}:")
        table = gdf.groupby(cols)["AREA_M2"].agg(["count", "sum"]).sort_values("sum", ascending=False)
        for key, row in table.iterrows():
            label = " ".join(key) if isinstance(key, tuple) else str(key)
            print(f"  {label:<40} {int(row['count']):>5} parcels {row['sum']:>14,.2f} m² "
                  f"{row['sum'] * 15 / 10000:>10,.2f} 亩")


if __name__ == "__main__":
    main(sys.argv[1])
