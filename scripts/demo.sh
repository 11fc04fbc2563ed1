#!/usr/bin/env bash
# The main job on the bundled sample watershed, through qgis_process: split the trading
# scope into land-use parcels, then print a summary. Results go to demo_output/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/demo_output"
SAMPLE="$ROOT/resources/sample/sample_watershed.gpkg"
mkdir -p "$OUT"
rm -f "$OUT/parcels.gpkg"
echo "== swcvalue:splitparcels on the sample watershed"
"$ROOT/scripts/qgis_process.sh" run swcvalue:splitparcels -- \
    "SCOPE=$SAMPLE|layername=JYFW" "PARCELS=$SAMPLE|layername=DLTB" \
    SCOPE_ID_FIELD=SCOPE_ID LANDUSE_FIELD=DLBM MIN_AREA=1 \
    "OUTPUT=$OUT/parcels.gpkg" > "$OUT/splitparcels.log" 2>&1 || { cat "$OUT/splitparcels.log"; exit 1; }
grep -E "PARCEL_COUNT|TOTAL_AREA_M2" "$OUT/splitparcels.log" || true
"$ROOT/.venv/bin/python" "$ROOT/scripts/demo_summary.py" "$OUT/parcels.gpkg"
