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

# Trades and their documents (docs/trading.md, docs/documents.md, docs/workplan.md, docs/listing.md,
# docs/promotion.md): sellers with valid identifiers for the three lots' parcels (resources/sample/
# demo_assignments.csv), the present value, the county's excluded-operator list, three trades planned and their
# work plan, SB-2025-01 (lot JY03) moved to certified with its revenue plan (platform fee itemised), certificate and
# the valuation report; SB-2025-02 and SB-2025-03 listed with their listing packages; the offline promotion map.
T="$OUT/trade"
rm -rf "$T"
mkdir -p "$T"
echo
echo "== 5a swcvalue:assignownership (FROM_SANDIAO + resources/sample/demo_assignments.csv)"
run swcvalue:assignownership assignownership "INPUT=$OUT/valued_parcels.gpkg|layername=valued_parcels" \
    "TABLE=$S/demo_assignments.csv" FROM_SANDIAO=true "REGISTER=$T/register.gpkg" "OUTPUT=$T/owned_parcels.gpkg"
LOT="$T/owned_parcels.gpkg|layername=owned_parcels|subset=\"SCOPE_ID\" = 'JY03'"
echo "== 5b swcvalue:referenceprice (lot JY03, 20 years at 6 %)"
run swcvalue:referenceprice referenceprice "INPUT=$LOT" TERM_YEARS=20 DISCOUNT_RATE=6 "OUTPUT=$T/present_value.gpkg"
ACCOUNTED="$("$ROOT/.venv/bin/python" -c "import geopandas as g, sys; d = g.read_file(sys.argv[1], layer='owned_parcels'); \
print(round(float(d.loc[d.SCOPE_ID == 'JY03', 'V_TOTAL'].sum()), 2))" "$T/owned_parcels.gpkg")"
echo "== 5c swcvalue:excludedoperators (the county's list of operators kept out, clause 十七)"
run swcvalue:excludedoperators excluded "REGISTER=$T/register.gpkg" \
    "ROWS=某某资源开发有限公司,,圈占资源,示例县发展改革委通报,2025-01-10,2027-01-09" AS_OF=2025-04-20 \
    "OUTPUT=$T/excluded_operators.csv"
echo "== 5d swcvalue:registertrade (three trades planned: SB-2025-01 lot JY03, SB-2025-02 lot JY02, SB-2025-03 lot JY01)"
TID=SB-2025-01
OWNED="$T/owned_parcels.gpkg|layername=owned_parcels"
run swcvalue:registertrade trade_create "REGISTER=$T/register.gpkg" TRADE_ID=$TID ACTION=0 "PARCELS=$LOT" \
    FIELDS=PRODUCT,水土保持生态产品经营权
run swcvalue:registertrade trade_create_2 "REGISTER=$T/register.gpkg" TRADE_ID=SB-2025-02 ACTION=0 \
    "PARCELS=$OWNED|subset=\"SCOPE_ID\" = 'JY02'" FIELDS=PRODUCT,生态旅游经营权
run swcvalue:registertrade trade_create_3 "REGISTER=$T/register.gpkg" TRADE_ID=SB-2025-03 ACTION=0 \
    "PARCELS=$OWNED|subset=\"SCOPE_ID\" = 'JY01'" FIELDS=PRODUCT,林下种植经营权
echo "== 5e swcvalue:workplan (the trading work plan of the three planned trades, schedule from 2025-01-06)"
run swcvalue:workplan workplan "REGISTER=$T/register.gpkg" "PARCELS=$OWNED" COUNTY=示例县 START_DATE=2025-01-06 \
    "OUTPUT=$T/workplan.pdf" "OUTPUT_DOC=$T/workplan.odt"
echo "== 5f swcvalue:registertrade (SB-2025-01: accounted → appraised → listed → publicised → signed → filed → certified)"
LISTING="TERM_YEARS,20,OPERATOR_SCOPE,依法设立的企业或农民专业合作社（具备相应经营能力、未列入严重失信主体名单）,\
CONTACT,示例县水利局水土保持站 023-00000000"
step=0
for fields in "ACCOUNTED_VALUE,$ACCOUNTED,ACCOUNT_DATE,2025-03-10" \
    "APPRAISER,重庆某资产评估有限公司,APPRAISED_VALUE,1860000,APPRAISAL_DATE,2025-04-02" \
    "LISTING_DATE,2025-04-20,PLATFORM_REF,CQ-GG-2025-0137,LISTING_PRICE,1860000,\
OPERATING_FORMS,生态旅游；林下种植；水土保持科普研学,$LISTING" \
    "PUBLICITY_START,2025-04-21,PUBLICITY_END,2025-05-20" \
    "PUBLICITY_OUTCOME,无异议,OPERATOR,示例县山水生态旅游开发有限公司,OPERATOR_CD,91500115MA5U7X3K2C,\
START_DATE,2025-07-01,PRICE,1880000,PAYMENT_METHOD,分期支付,CONTRACT_NO,SBJY-2025-001,SIGNING_DATE,2025-06-18,\
REVENUE_PLAN_NO,示府办〔2025〕31号,REVENUE_PLAN_DATE,2025-06-10,PAYMENT_SCHEDULE,2025-07-01:940000;2026-07-01:940000" \
    "FILED_WATER,2025-06-25,FILED_DRC,2025-06-26,FILED_FINANCE,2025-06-27" \
    "COUNTY,示例县,CERT_DATE,2025-07-05"; do
    step=$((step + 1))
    run swcvalue:registertrade "trade_move_$step" "REGISTER=$T/register.gpkg" TRADE_ID=$TID ACTION=1 \
        TO_STATUS=$step "FIELDS=$fields"
done
echo "== 5g swcvalue:registertrade (SB-2025-02 and SB-2025-03 accounted, appraised and listed)"
for t in "SB-2025-02 JY02 2400000 2025-11-03 生态旅游；康养" "SB-2025-03 JY01 9600000 2025-11-10 林下种植；林下养殖"; do
    read -r tid lot price day forms <<< "$t"
    value="$("$ROOT/.venv/bin/python" -c "import geopandas as g, sys; d = g.read_file(sys.argv[1], layer='owned_parcels'); \
print(round(float(d.loc[d.SCOPE_ID == sys.argv[2], 'V_TOTAL'].sum()), 2))" "$T/owned_parcels.gpkg" "$lot")"
    run swcvalue:registertrade "trade_list_$tid" "REGISTER=$T/register.gpkg" TRADE_ID=$tid ACTION=1 TO_STATUS=3 \
        "FIELDS=ACCOUNTED_VALUE,$value,ACCOUNT_DATE,2025-09-15,APPRAISER,重庆某资产评估有限公司,APPRAISED_VALUE,$price,\
APPRAISAL_DATE,2025-10-20,LISTING_DATE,$day,PLATFORM_REF,CQ-GG-2025-$lot,LISTING_PRICE,$price,OPERATING_FORMS,$forms,$LISTING"
done
echo "== 5h swcvalue:revenueplan (platform fee = cost items + 8 % margin; 20 % feedback, 50 % collectives, 30 % villagers by area)"
run swcvalue:revenueplan revenueplan "INPUT=$LOT" GROSS=1880000 COST_ACCOUNTING=60000 COST_APPRAISAL=30000 \
    PLATFORM_COSTS=交易服务成本,6000,公告发布成本,2500 PLATFORM_MARGIN=8 "PLATFORM_FEE=$T/platform_fee.csv" \
    SHARES=县水利局,FEEDBACK,20,权利人集体经济组织,COLLECTIVE,50,村民,VILLAGERS,30 ALLOCATE_BY=1 \
    "OUTPUT=$T/revenue_plan.csv"
echo "== 5i swcvalue:tradecertificate (PDF and HTML)"
run swcvalue:tradecertificate tradecertificate "REGISTER=$T/register.gpkg" TRADE_ID=$TID "PARCELS=$T/owned_parcels.gpkg" \
    "REVENUE_PLAN=$T/revenue_plan.csv" "OUTPUT=$T/certificate_$TID.pdf"
run swcvalue:tradecertificate tradecertificate_html "REGISTER=$T/register.gpkg" TRADE_ID=$TID \
    "PARCELS=$T/owned_parcels.gpkg" "REVENUE_PLAN=$T/revenue_plan.csv" "OUTPUT=$T/certificate_$TID.html"
echo "== 5j swcvalue:valuationreport (PDF + .xlsx)"
run swcvalue:valuationreport valuationreport "INPUT=$OUT/valued_parcels.gpkg" "PROVENANCE=$OUT/provenance.csv" \
    COUNTY=示例县 YEAR=2025 "OUTPUT=$T/valuation_report.pdf" "TABLES=$T/valuation_report.xlsx"
echo "== 5k swcvalue:listingpackage (what the platform publishes for SB-2025-02 and SB-2025-03)"
for tid in SB-2025-02 SB-2025-03; do
    run swcvalue:listingpackage "listing_$tid" "REGISTER=$T/register.gpkg" TRADE_ID=$tid "PARCELS=$OWNED" \
        "OUTPUT_FOLDER=$T/listing_$tid"
done
echo "== 5l swcvalue:promotionmap (offline promotion page of every listed trade)"
run swcvalue:promotionmap promotionmap "REGISTER=$T/register.gpkg" "PARCELS=$OWNED" COUNTY=示例县 \
    "OUTPUT=$T/promotion_map.html"
echo
echo "Trades: $(sqlite3 "$T/register.gpkg" "SELECT group_concat(TRADE_ID || ' ' || STATUS || \
    coalesce(' (certificate ' || CERT_NO || ')', ''), '; ') FROM trade" 2>/dev/null || echo 'see the register')"
echo "Files written for the trade and the report:"
find "$T" -maxdepth 2 -type f ! -name '*.log' | sort | sed "s|^$ROOT/||; s|^|  |"
