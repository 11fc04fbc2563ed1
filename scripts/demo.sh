#!/usr/bin/env bash
# The main job on the bundled sample watershed, through qgis_process:
#   1. split the trading scope (JYFW) into 三调 land-use parcels (DLTB);
#   2. account every parcel's value (material supply, regulating and cultural services);
#   3. write the CSLE rasters behind the soil-conservation numbers.
# Results go to demo_output/; a summary is printed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/demo_output"
S="$ROOT/resources/sample"
QP="$ROOT/scripts/qgis_process.sh"
rm -rf "$OUT"
mkdir -p "$OUT"

run() {  # run ALG LOG PARAMS... — print only the log tail on failure
    local alg="$1" log="$OUT/$2.log"; shift 2
    if ! "$QP" run "$alg" -- "$@" > "$log" 2>&1; then
        tail -40 "$log"; echo "demo: $alg failed (log: $log)"; exit 1
    fi
}

echo "== 1/3 swcvalue:splitparcels"
run swcvalue:splitparcels splitparcels \
    "SCOPE=$S/sample_watershed.gpkg|layername=JYFW" "PARCELS=$S/sample_watershed.gpkg|layername=DLTB" \
    SCOPE_ID_FIELD=SCOPE_ID LANDUSE_FIELD=DLBM MIN_AREA=1 "OUTPUT=$OUT/parcels.gpkg"
echo "== 2/3 swcvalue:accountvalues"
run swcvalue:accountvalues accountvalues \
    "PARCELS=$OUT/parcels.gpkg" "R_FACTOR=$S/r_factor.tif" "K_FACTOR=$S/k_factor.tif" "DEM=$S/dem.tif" \
    "VEG_COVER=$S/veg_cover.tif" "NPP=$S/npp.tif" "PRECIP=$S/precip.tif" "ET=$S/et.tif" \
    "STORM_PRECIP=$S/storm_precip.tif" "VISITORS=$S/visitors.csv" \
    "OUTPUT=$OUT/valued_parcels.gpkg" "SUMMARY=$OUT/summary.csv" "PROVENANCE=$OUT/provenance.csv"
echo "== 3/3 swcvalue:cslefactors"
run swcvalue:cslefactors cslefactors \
    "PARCELS=$OUT/parcels.gpkg" "R_FACTOR=$S/r_factor.tif" "K_FACTOR=$S/k_factor.tif" "DEM=$S/dem.tif" \
    "VEG_COVER=$S/veg_cover.tif" "OUTPUT_LS=$OUT/csle_ls.tif" "OUTPUT_BET=$OUT/csle_bet.tif" \
    "OUTPUT_POTENTIAL=$OUT/csle_potential.tif" "OUTPUT_EROSION=$OUT/csle_erosion.tif" \
    "OUTPUT_GRADE=$OUT/csle_grade.tif"
echo
"$ROOT/.venv/bin/python" "$ROOT/scripts/demo_summary.py" "$OUT"
