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

# Catalog proposals and post-trade monitoring (docs/catalog-monitoring.md): demo inputs derived from the sample by
# resources/sample/generate_later_state.py — a later state (degraded, improved, built-up, split and renumbered
# parcels) and three candidate units with ownership fields; then the whole watershed accounted, summarised by unit,
# the 2025 catalog proposed and recorded, its 2026 Q1 adjustment, and the later state monitored against signing.
I6="$OUT/issue6"
echo
echo "== 4 catalog and monitoring: demo inputs (resources/sample/generate_later_state.py)"
"$ROOT/.venv/bin/python" "$S/generate_later_state.py" "$I6" > "$OUT/generate_later_state.log" 2>&1 \
    || { tail -20 "$OUT/generate_later_state.log"; echo "demo: generate_later_state.py failed"; exit 1; }
RIGHTS="$I6/candidates.gpkg|layername=DLTB_RIGHTS"
echo "== 4a swcvalue:accountvalues + swcvalue:cslefactors on the whole watershed"
run swcvalue:accountvalues accountvalues_watershed "PARCELS=$RIGHTS" "R_FACTOR=$S/r_factor.tif" \
    "K_FACTOR=$S/k_factor.tif" "DEM=$S/dem.tif" "VEG_COVER=$S/veg_cover.tif" "NPP=$S/npp.tif" \
    "PRECIP=$S/precip.tif" "ET=$S/et.tif" "STORM_PRECIP=$S/storm_precip.tif" "OUTPUT=$I6/valued_watershed.gpkg"
run swcvalue:cslefactors cslefactors_watershed "PARCELS=$RIGHTS" "R_FACTOR=$S/r_factor.tif" \
    "K_FACTOR=$S/k_factor.tif" "DEM=$S/dem.tif" "VEG_COVER=$S/veg_cover.tif" "OUTPUT_EROSION=$I6/erosion.tif" \
    OUTPUT_LS=TEMPORARY_OUTPUT OUTPUT_BET=TEMPORARY_OUTPUT OUTPUT_POTENTIAL=TEMPORARY_OUTPUT \
    OUTPUT_GRADE=TEMPORARY_OUTPUT
echo "== 4b swcvalue:watershedsummary"
run swcvalue:watershedsummary watershedsummary "PARCELS=$I6/valued_watershed.gpkg" \
    "WATERSHEDS=$I6/candidates.gpkg|layername=XLY" ID_FIELD=WS_ID NAME_FIELD=WS_NAME "EROSION=$I6/erosion.tif" \
    "VEG_COVER=$S/veg_cover.tif" "OUTPUT=$OUT/watershed_summary.gpkg"
echo "== 4c swcvalue:catalog (2025 proposal recorded as the decided catalog; 2026 Q1 adjustment with an override)"
run swcvalue:catalog catalog_2025 "WATERSHEDS=$OUT/watershed_summary.gpkg|layername=watershed_summary" \
    YEAR=2025 COUNTY=示例县 "REGISTER=$OUT/register.gpkg" RECORD=1 DECIDED_BY=市水利局 DECIDED_ON=2025-02-20 \
    "OUTPUT=$OUT/catalog_2025.gpkg" "FORM=$OUT/catalog_2025.xlsx"
printf 'WS_ID,REASON\nQGX01-2,权属争议经镇调解已解决，权利人同意书已存档（2026-01-15）\n' > "$I6/overrides_2026.csv"
run swcvalue:catalog catalog_2026 "WATERSHEDS=$OUT/watershed_summary.gpkg|layername=watershed_summary" \
    YEAR=2026 COUNTY=示例县 "REGISTER=$OUT/register.gpkg" RECORD=2 "OVERRIDES=$I6/overrides_2026.csv" \
    DECIDED_BY=市水利局 DECIDED_ON=2026-03-10 "OUTPUT=$OUT/catalog_2026.gpkg" "FORM=$OUT/catalog_2026.xlsx"
echo "== 4d swcvalue:splitparcels + swcvalue:accountvalues on the later state"
run swcvalue:splitparcels splitparcels_later "SCOPE=$I6/later_state.gpkg|layername=JYFW" \
    "PARCELS=$I6/later_state.gpkg|layername=DLTB" SCOPE_ID_FIELD=SCOPE_ID LANDUSE_FIELD=DLBM MIN_AREA=1 \
    "OUTPUT=$OUT/parcels_later.gpkg"
run swcvalue:accountvalues accountvalues_later "PARCELS=$OUT/parcels_later.gpkg" "R_FACTOR=$S/r_factor.tif" \
    "K_FACTOR=$S/k_factor.tif" "DEM=$S/dem.tif" "VEG_COVER=$I6/veg_cover_later.tif" "NPP=$I6/npp_later.tif" \
    "PRECIP=$S/precip.tif" "ET=$S/et.tif" "STORM_PRECIP=$S/storm_precip.tif" "VISITORS=$S/visitors.csv" \
    "OUTPUT=$OUT/valued_parcels_later.gpkg"
echo "== 4e swcvalue:monitorchange"
run swcvalue:monitorchange monitorchange "BASELINE=$OUT/valued_parcels.gpkg" \
    "CURRENT=$OUT/valued_parcels_later.gpkg" VALUE_DROP=10 "REGISTER=$OUT/register.gpkg" \
    "OUTPUT=$OUT/monitoring.gpkg" "TRADES=$OUT/monitoring_trades.csv" "REPORT=$OUT/monitoring_report.html"
echo
"$ROOT/.venv/bin/python" "$ROOT/scripts/demo_summary.py" "$OUT" catalog-monitoring
