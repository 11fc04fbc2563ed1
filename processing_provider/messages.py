# ruff: noqa: E501
"""Translated templates for the engine's error and notice codes.

Each entry repeats the engine's English template inside ``tr()`` so pylupdate5 collects it;
the placeholders are the same. Unknown codes fall back to the engine's English text.
"""

from __future__ import annotations

from ..i18n import tr
from ..valuation.errors import Notice, ValuationError


def templates() -> dict[str, str]:
    """code -> translated template (built on each call so the active translator applies)."""
    return {
        # Errors
        "empty_layer": tr("Layer {layer} has no features (or none selected)."),
        "no_crs": tr("Layer {layer} has no CRS."),
        "no_crs_hint": tr("Layer {layer} has no CRS. Its coordinates ({x:.0f}, {y:.0f}) suggest {hint}; "
                          "set the layer's CRS and run again."),
        "missing_field": tr("Layer {layer} has no field {field}."),
        "blank_scope_id": tr("Lots {fids} of layer {layer} have no {field}."),
        "duplicate_scope_id": tr("Lot ids {ids} occur more than once in layer {layer}."),
        "no_polygons": tr("Layer {layer} has no polygon geometry."),
        "overlapping_lots": tr("Lots overlap in layer {layer}: {pairs}."),
        "empty_intersection": tr("No parcel of layer {player} intersects layer {slayer}."),
        "all_slivers": tr("Every piece is smaller than MIN_AREA = {min} m²."),
        "unknown_landuse": tr("Unknown land-use codes {codes} in parcels {parcels}. "
                              "Add them to the code table or keep them as class 'unknown'."),
        # Parameters, rasters, tables and the indicator registry
        "b_from_table": tr("No VEG_COVER raster: B taken from the land-use table (b_factor.*)."),
        "cover_not_fraction": tr("Vegetation cover must be a 0–1 fraction; the largest value is {max:g} (percent? divide by 100)."),
        "drivers_duplicate_ids": tr("Parcel ids occur more than once in the driver table: {ids}."),
        "drivers_missing_columns": tr("The driver table lacks the column(s) {columns}."),
        "duplicate_parcel_id": tr("PARCEL_ID values occur more than once in layer {layer}: {ids}."),
        "factor_constant": tr("{factor} taken as the constant {value} from the parameter table."),
        "grid_not_north_up": tr("Raster grids must be north-up without rotation (transform {transform})."),
        "k_us_units": tr("Soil erodibility K averages {mean:.4g}, which looks like US customary units; SI K = US K × {factor} (t·ha·h/(ha·MJ·mm))."),
        "landuse_table_columns": tr("Land-use code table {path} lacks columns {columns}."),
        "landuse_table_duplicates": tr("Land-use code table {path} repeats codes {codes}."),
        "landuse_table_eco_type": tr("Land-use code table {path} has unknown eco_type {values}."),
        "no_grid_source": tr("No raster to define the working grid: give an LS raster, a DEM or a factor raster."),
        "no_ls_source": tr("Soil conservation needs LS_FACTOR or a DEM."),
        "param_bad_evidence": tr("Parameter {key} (row {row}): evidence {value!r} is not one of {allowed}."),
        "param_bad_header": tr("Parameter file {path} needs the columns key and value; it has {columns}."),
        "param_bad_overrides": tr("Overrides must be a CSV/JSON file, a dict or a list of rows."),
        "param_bad_product_id": tr("Material product ids must be ≤ 7 letters/digits: {ids}."),
        "param_bad_scenario": tr("Unknown price scenario {scenario}; use central, low or high."),
        "param_duplicate_key": tr("Parameter keys occur more than once: {keys}."),
        "param_is_text": tr("Parameter {key} holds text, not a number."),
        "param_missing_key": tr("Parameter row {row} has no key."),
        "param_missing_unit": tr("Parameter {key} (row {row}) has no unit."),
        "param_negative_price": tr("Parameter {key} (row {row}) is a price but its {column} is negative ({value:g})."),
        "param_not_integer": tr("Parameter {key} must be a whole number, got {value:g}."),
        "param_not_switch": tr("Parameter {key} must be 0 or 1, got {value:g}."),
        "param_order": tr("Parameter {key} (row {row}): expected low ≤ central ≤ high, got {low} / {value} / {high}."),
        "param_unknown_key": tr("Parameter {key} is not in parameter set {set_id}."),
        "param_unknown_keys": tr("Unknown parameter keys in the overrides: {keys}."),
        "r_unexpected_magnitude": tr("Rainfall erosivity R averages {mean:.4g}, {ratio:.3g} times the expected {expected:.6g} MJ·mm/(ha·h·a); check its units."),
        "r_us_units": tr("Rainfall erosivity R averages {mean:.4g}, about 1/17 of the expected {expected:.6g} MJ·mm/(ha·h·a): US customary units? SI R = US R × {factor}."),
        "raster_no_band": tr("Raster {path} has no band {band} (it has {count})."),
        "raster_no_crs": tr("Raster {path} has no coordinate reference system."),
        "raster_not_covering": tr("Raster {raster} does not cover parcels {parcels} (valid share in brackets). Extend the raster or choose to value the covered part only."),
        "raster_partial": tr("Raster {raster}: only part of parcels {parcels} has data; the covered part is valued."),
        "unknown_indicator": tr("Unknown indicator {id}."),
        "visitors_bad_rows": tr("Visitors table rows need a SCOPE_ID and non-negative numbers: rows {rows}."),
        "visitors_missing_columns": tr("The visitors table lacks the column(s) {columns}."),
        "visitors_mixed_years": tr("Lot {scope} has visitor rows in several price years."),
        "visitors_unknown_lots": tr("Visitors were given for lots with no parcel: {lots}; their value is not allocated."),
        # Ownership and the project register
        "blank_parcel_id": tr("Features {fids} of layer {layer} have no PARCEL_ID."),
        "changes_blank_parcel_id": tr("Some changes have no PARCEL_ID."),
        "changes_duplicate_ids": tr("PARCEL_IDs occur more than once in the changes: {ids}."),
        "changes_no_parcel_id": tr("The changes are not keyed by PARCEL_ID."),
        "changes_unknown_fields": tr("Unknown fields in the changes: {fields}."),
        "duplicate_key": tr("this parcel is also assigned by row {other}"),
        "future_date": tr("the date lies in the future"),
        "invalid_assignments": tr("{n} row(s) of assignments are invalid; nothing was applied: {problems}"),
        "invalid_date": tr("not a date; use YYYY-MM-DD"),
        "invalid_holder_code": tr("neither a valid identifier nor a 19-digit 三调 owner-unit code (QSDWDM)"),
        "invalid_identifier": tr("not a valid unified social credit code (GB 32100) or resident ID number (GB 11643)"),
        "no_assignment_columns": tr("The assignment table has no ownership column; use {fields}."),
        "no_key": tr("the row has neither a PARCEL_ID nor a BSM"),
        "no_key_column": tr("The assignment table has neither a PARCEL_ID nor a BSM column (columns: {columns})."),
        "not_a_flag": tr("not a yes/no value; use 1 or 0 (是/否)"),
        "not_assignable": tr("{field} is not an assignable ownership field"),
        "register_exists": tr("Register {path} already exists."),
        "register_locked": tr("Register {path} stayed locked by another program for {seconds:.1f} s; nothing was written."),
        "register_missing": tr("Register {path} does not exist."),
        "register_newer": tr("Register {path} has schema version {version}; this plugin reads up to version {supported}. Update the plugin."),
        "register_no_folder": tr("Folder {folder} of register {path} does not exist."),
        "register_not_a_register": tr("{path} is not an SWC EcoValue register (no swc_meta table with a schema_version)."),
        "register_unknown_version": tr("Register {path} has an unknown schema version {version}."),
        "unknown_bsm": tr("no parcel has this BSM"),
        "unknown_dispute": tr("unknown dispute status; use NONE, UNCLEAR, DISPUTED or RESOLVED (无争议, 权属不清, 有争议, 已解决)"),
        "unknown_own_type": tr("unknown ownership type; use STATE, COLLECTIVE or INDIVIDUAL (国有, 集体, 个人)"),
        "unknown_parcel_id": tr("no parcel has this PARCEL_ID"),
        # Ineligibility reasons (INELIG_WHY codes, valuation.ownership.REASONS)
        "inelig_no_own_type": tr("no ownership type"),
        "inelig_bad_own_type": tr("unknown ownership type"),
        "inelig_no_holder": tr("no right holder"),
        "inelig_no_seller": tr("no seller"),
        "inelig_no_seller_id": tr("the seller has no identifier"),
        "inelig_bad_seller_id": tr("the seller's identifier is not a valid credit code or ID number"),
        "inelig_no_dispute": tr("dispute status not stated"),
        "inelig_bad_dispute": tr("unknown dispute status"),
        "inelig_unclear": tr("rights unclear (权属不清)"),
        "inelig_disputed": tr("rights disputed (有争议)"),
        "inelig_no_consent": tr("dispute resolved but the right holders' consent is not recorded"),
        # Notices
        "repaired": tr("Repaired invalid geometries: {scope} in {slayer}, {parcels} in {player}."),
        "reprojected": tr("Layer {layer} was reprojected from {src} to {dst}."),
        "geographic_crs": tr("Layer {layer} is in geographic {crs}; areas are computed on the ellipsoid."),
        "uncovered": tr("Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel."),
        "uncovered_large": tr("Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel. "
                              "Was the lot drawn on an offset web basemap?"),
        "duplicate_bsm": tr("Parcels share BSM values ({ids}); their ids got the feature id appended."),
        "tbmj_deviation": tr("Geometry area vs TBMJ: mean deviation {mean:.4%}, max {max:.4%}, "
                             "{n} parcels over 1 %."),
        "slivers": tr("Dropped {n} slivers below {min} m² ({area:.3f} m² in all); kept {kept}."),
        "non_polygon": tr("Dropped {n} non-polygon geometry parts."),
        # Watershed summary, catalog and monitoring (valuation/watershed.py, catalog.py, monitoring.py)
        "catalog_adjust_exists": tr("The Q1 adjustment of {year} is already recorded; history is never rewritten."),
        "catalog_adjust_year": tr("Q1 adjustments are for the second and third year of a period ({start}–{end}), not {year}."),
        "catalog_bad_action": tr("Watersheds {ids}: the action must be in or out (an initial list has only in)."),
        "catalog_change_conflict": tr("Cannot list watersheds already in the catalog ({listed}) or remove watersheds not in it ({absent})."),
        "catalog_criteria_bad": tr("Criteria table {path}, line {line}: {column} {value!r} is not one of {allowed}."),
        "catalog_criteria_columns": tr("The criteria table {path} lacks the column(s) {columns}."),
        "catalog_criteria_duplicate": tr("Criteria occur more than once: {ids}."),
        "catalog_criteria_empty": tr("The criteria table {path} has no criterion with a weight."),
        "catalog_criteria_unreadable": tr("Cannot read the criteria table {path}: {error}."),
        "catalog_duplicate_change": tr("Watersheds {ids} occur more than once in one decision."),
        "catalog_empty": tr("A catalog needs at least one watershed."),
        "catalog_field_absent": tr("Criterion {criterion}: layer {layer} has no field {field}; every candidate counts as {value}."),
        "catalog_missing_field": tr("Criterion {criterion} needs the field {field}, which layer {layer} lacks."),
        "catalog_no_changes": tr("The adjustment of {year} has no change."),
        "catalog_no_period": tr("The register has no catalog period covering {year}."),
        "catalog_no_reason": tr("Every catalog decision needs a reason: {ids}."),
        "catalog_override_no_reason": tr("Overrides need a reason: {ids}."),
        "catalog_override_unknown": tr("Overrides name watersheds that are not candidates: {ids}."),
        "catalog_override_unused": tr("Watersheds {ids} were not blocked; their override is not needed and not recorded."),
        "catalog_period_overlap": tr("The register already has a catalog for {start}–{end}; periods cannot overlap and are never rewritten (record a Q1 adjustment instead)."),
        "catalog_rights_unknown": tr("Layer {layer} has no DISPUTE_N/UNCLEAR_N fields: rights were not checked (run swcvalue:watershedsummary on parcels with DISPUTE/ELIGIBLE fields)."),
        "monitor_default_keys": tr("Keys the baseline run did not record were taken from the default table: {keys}."),
        "monitor_kls_changed": tr("K and LS must be the same long-term factors in both accountings; they differ: {what}."),
        "monitor_no_cover": tr("Layer {layer}: no VEG_COVER field and no cover raster; vegetation cover is not compared."),
        "monitor_no_hash": tr("The provenance of layer {layer} has no parameter_hash row."),
        "monitor_no_provenance": tr("No provenance for layer {layer}: give its PROVENANCE table or use the GeoPackage written by swcvalue:accountvalues (layer swc_provenance)."),
        "monitor_parameters_differ": tr("The accountings used different parameters that change quantities ({keys}): baseline hash {base}, later hash {cur}. Re-run swcvalue:accountvalues on the later state with the baseline's parameters (re-valuing needs the rasters)."),
        "monitor_r_allowed": tr("R differs between the accountings ({what}); compared anyway as requested."),
        "monitor_r_changed": tr("Rainfall erosivity R (or R·K·LS) differs between the accountings: {what}. Use the same long-term R, or allow an R change explicitly."),
        "monitor_repriced": tr("Parameter hashes differ (baseline {base}, later {cur}); only prices differ ({keys}): the later state is re-priced with the baseline's parameters."),
        "not_an_accounting": tr("Layer {layer} is not a parcel accounting (swcvalue:accountvalues output): it lacks {fields}."),
        "matplotlib_missing": tr("Drawing the map needs the Python package matplotlib (Debian: python3-matplotlib); no map was drawn."),
        "openpyxl_missing": tr("Writing the .xlsx form needs the Python package openpyxl (python -m pip install openpyxl)."),
        "ws_blank_id": tr("Watersheds {fids} of layer {layer} have no {field}."),
        "ws_duplicate_id": tr("Watershed ids {ids} occur more than once in layer {layer}."),
        "ws_erosion_gaps": tr("No erosion data on part of watersheds {ids}; the soil-and-water-conservation rate covers the assessed part only."),
        "ws_no_erosion": tr("No erosion raster: eroded areas and the soil-and-water-conservation rate are not computed."),
        "ws_no_landuse": tr("Layer {layer} has neither ECO_TYPE nor DLBM: land use is not known."),
        "ws_overlap": tr("{n} parcels are counted in more than one watershed (the watersheds overlap)."),
        "ws_raster_not_metric": tr("Raster {path} must be in a projected CRS in metres (it is {crs})."),
        "ws_rights_unknown": tr("Layer {layer} has no DISPUTE or ELIGIBLE field: rights are reported as unknown."),
        "ws_unallocated": tr("{n} parcels lie wholly or partly outside every watershed: {value:,.0f} 元/a ({pct:.2f} %) of the parcel total is not allocated."),
        # Trading (valuation/present_value.py, revenue.py, trading.py)
        "cert_not_certified": tr("Trade {trade} is {status}; a certificate exists only from status certified on."),
        "pledge_bad_amount": tr("The pledge amount must be positive."),
        "pledge_bad_kind": tr("Pledge kind must be RIGHT or REVENUE, got {kind}."),
        "pledge_bad_term": tr("The pledge ends ({end}) before it starts ({start})."),
        "pledge_exists": tr("Pledge {pledge} already exists; give a release date to release it."),
        "pledge_missing": tr("Pledge {pledge} lacks {fields}."),
        "pledge_no_id": tr("Give a pledge id."),
        "trade_bad_cert_scheme": tr("Certificate numbering scheme {scheme} is not valid (use {{county}}, {{year}} and {{seq}}, e.g. {{county}}-{{year}}-{{seq:04d}})."),
        "trade_bad_number": tr("{field} must be a number, got {value}."),
        "trade_bad_operator_id": tr("OPERATOR_CD is not a valid unified social credit code or resident ID number."),
        "trade_bad_schedule": tr("PAYMENT_SCHEDULE must be date:amount pairs separated by ';', got {value}."),
        "trade_bad_status": tr("Unknown trade status {status}; use {statuses}."),
        "trade_exists": tr("Trade {trade} already exists."),
        "trade_ineligible_parcels": tr("Trade {trade}: parcels not eligible for trade: {parcels}."),
        "trade_missing": tr("Trade {trade} is not in the register."),
        "trade_fixed_fields": tr("Trade {trade}: {fields} cannot be changed here."),
        "trade_missing_fields": tr("Trade {trade} cannot be {status}: missing {fields}."),
        "trade_no_id": tr("Give a trade id."),
        "trade_no_payment": tr("Trade {trade} has no scheduled payment {seq}."),
        "trade_not_forward": tr("Trade {trade} is {status}; it can only move forward (not to {to})."),
        "trade_parcels_no_seller": tr("Trade {trade}: parcels without a seller: {parcels}."),
        "trade_priority_not_operator": tr("Parcels {parcels} carry the priority operating right of investor(s) {investors}, but the operator is someone else and no PRIORITY_WAIVER is recorded."),
        "trade_unknown_fields": tr("Unknown trade fields {fields}."),
        "pv_bad_rate": tr("Discount and growth rates must be above −100 %."),
        "pv_bad_term": tr("The term must be at least 1 year, got {years}."),
        "pv_carbon_excluded": tr("Carbon sequestration sold as a carbon-sink trade was left out on {n} parcel(s): {value:,.2f} 元/a (V_CO2)."),
        "pv_ineligible_dropped": tr("{n} parcel(s) not eligible for trade were left out."),
        "pv_missing_values": tr("The parcels lack the value field(s) {fields}; run the accounting first."),
        "pv_no_carbon_field": tr("Carbon exclusion asked but the parcels have no V_CO2 field; nothing was taken out."),
        "pv_no_classes": tr("Choose at least one value class."),
        "pv_no_eligible_field": tr("No ELIGIBLE field: every parcel is included; run the ownership assignment to check eligibility."),
        "pv_no_parcels": tr("No parcel is left to value."),
        "pv_unknown_class": tr("Unknown value classes {classes}."),
        "revenue_bad_amount": tr("{name} is not an amount: {value}."),
        "revenue_bad_mode": tr("Unknown allocation {mode}; use value, area or none."),
        "revenue_blank_holder": tr("Parcels without a right holder (HOLDER): {parcels}."),
        "revenue_costs_exceed": tr("The costs ({costs} 元) exceed the gross revenue ({gross} 元)."),
        "revenue_negative_amount": tr("{name} must not be negative ({value})."),
        "revenue_no_area": tr("The parcels have no AREA_M2 field."),
        "revenue_no_holder_field": tr("The parcels have no HOLDER field; assign ownership first or choose not to split."),
        "revenue_no_parcels": tr("Splitting among right holders needs the trade's parcels."),
        "revenue_no_values": tr("The parcels have neither appraised values (APPR_MAT, APPR_REG, APPR_CUL) nor V_TOTAL."),
        "revenue_weight_v_total": tr("No appraised values (APPR_MAT, APPR_REG, APPR_CUL): holders' shares follow the accounted value V_TOTAL instead."),
        "revenue_zero_weights": tr("Every parcel has a zero {basis}; the holders' shares cannot be computed."),
        "shares_bad_category": tr("Unknown share categories {values}; use FEEDBACK, COLLECTIVE, VILLAGERS, INVESTOR, OPERATOR or OTHER."),
        "shares_bad_percent": tr("Share percentages must be numbers ≥ 0: {values}."),
        "shares_missing": tr("Give the shares (SHARES or SHARES_TABLE)."),
        "shares_not_triples": tr("The shares have {n} cells, not a multiple of three (recipient, category, percent)."),
        "shares_sum": tr("The share percentages add up to {total} %, not 100 %."),
        "shares_table_columns": tr("The shares table needs three columns (recipient, category, percent); it has {n}."),
        "trade_bad_date": tr("{name} is not a date (YYYY-MM-DD): {value}."),
        # Listing fields, excluded operators, platform fee (valuation/trading.py, screening.py, revenue.py)
        "exclusion_bad_date": tr("Excluded-operator list, row {row}, column {column}: {value} is not a date (YYYY-MM-DD)."),
        "exclusion_bad_ident": tr("Excluded-operator list, row {row}, column IDENT: {value} is not a valid unified social credit code or resident ID number."),
        "exclusion_duplicate": tr("Excluded-operator list, row {row}, column {column}: the same operator as row {first}."),
        "exclusion_expiry_before_listed": tr("Excluded-operator list, row {row}, column EXPIRY: {expiry} is before LISTED_DATE {listed}."),
        "exclusion_missing_columns": tr("The excluded-operator list lacks the column(s) {columns}."),
        "exclusion_missing_value": tr("Excluded-operator list, row {row}: column {column} is empty."),
        "exclusion_no_file": tr("Excluded-operator list {path} does not exist."),
        "exclusion_not_listed": tr("{name} is not on the excluded-operator list; nothing was removed."),
        "exclusion_not_utf8": tr("Excluded-operator list {path} is not UTF-8 text; save it as CSV UTF-8."),
        "exclusion_too_many_cells": tr("Excluded-operator row {row} has {n} cells; the columns are {allowed}."),
        "exclusion_unknown_columns": tr("Unknown columns in the excluded-operator list: {columns}; use {allowed}."),
        "operator_excluded": tr("Trade {trade} refused: {role} {name} is on the excluded-operator list on {as_of} — reason: {reason}; source: {source}; expiry: {expiry}. Parties on the list: {count} ({parties})."),
        "operator_excluded_now": tr("Trade {trade}: {role} {name} is on the excluded-operator list on {as_of} — reason: {reason}; source: {source}; expiry: {expiry}. Parties on the list: {count} ({parties})."),
        "platform_bad_margin": tr("PLATFORM_MARGIN must be a percentage ≥ 0, got {value}."),
        "platform_fee_mismatch": tr("COST_PLATFORM {given} 元 differs from the platform fee {computed} 元 computed from PLATFORM_COSTS and PLATFORM_MARGIN; give one or make them agree."),
        "platform_item_no_name": tr("PLATFORM_COSTS row {row} has no item name."),
        "platform_items_not_pairs": tr("PLATFORM_COSTS has {n} cells, not item and amount pairs."),
        "platform_margin_above_cap": tr("The platform's profit margin {margin} % exceeds the cap {cap} % (parameter {key}, {evidence}: {source})."),
        "platform_margin_without_costs": tr("PLATFORM_MARGIN is a percentage of the platform's cost items; give PLATFORM_COSTS."),
        "revenue_platform_fee": tr("Platform fee (clause 十六, actual cost + reasonable profit): cost items {cost} 元 + {percent} % profit {margin} 元 = {total} 元; the margin cap is {cap} % (parameter {key}, {evidence})."),
        "revenue_platform_fee_undocumented": tr("The platform fee {amount} 元 is given as one figure; its basis (actual cost + reasonable profit, clause 十六) is not documented: give PLATFORM_COSTS and PLATFORM_MARGIN."),
        "trade_not_positive": tr("{field} must be greater than 0, got {value}."),
        # Trading work plan (valuation/workplan.py)
        "workplan_bad_status": tr("Trades {trades} have no known status; a work plan needs status planned or later."),
        "workplan_duties_columns": tr("Duties table {path} needs the columns department and duties; it has {columns}."),
        "workplan_duties_empty": tr("Duties table {path} has no rows."),
        "workplan_feedback_rule": tr("Schedule table {path}: the feedback plan (milestone feedback_plan) is due {months} months after the contract (clause 十二); keep that row as after = contract, days = 0, months = {months}."),
        "workplan_missing_parcels": tr("Trade {trade}: parcels {parcels} are not in layer {layer}."),
        "workplan_no_trades": tr("Register {path} holds no trade."),
        "workplan_overrides_pairs": tr("SCHEDULE needs milestone, date pairs; it has {n} cells."),
        "workplan_override_done": tr("Trade {trade}: milestone {milestone} is already in the register ({date}); the SCHEDULE date {override} is not used."),
        "workplan_schedule_after": tr("Schedule table {path}: milestone {milestone} follows {after}, which is neither start nor an earlier milestone."),
        "workplan_schedule_columns": tr("Schedule table {path} lacks columns {columns}."),
        "workplan_schedule_duplicate": tr("Schedule table {path} repeats milestones {milestones}."),
        "workplan_schedule_field": tr("Schedule table {path}: milestone {milestone} names register fields that are not trade dates: {fields}."),
        "workplan_schedule_number": tr("Schedule table {path}: milestone {milestone} has a {column} that is not a whole number ≥ 0: {value}."),
        "workplan_unknown_milestones": tr("Unknown milestones in SCHEDULE: {milestones}; use {known}."),
        "workplan_unknown_trades": tr("Trades {trades} are not in register {path}."),
        # Listing package and public boundaries (valuation/listing.py, valuation/publication.py)
        "listing_area_computed": tr("Layer {layer} has no AREA_M2 field; the parcels' areas were computed from their geometry (ellipsoidal)."),
        "listing_area_mismatch": tr("Layer {layer}: AREA_M2 of parcels {parcels} is missing or differs from the area of their geometry by more than {tolerance:g} %."),
        "listing_below_appraisal": tr("The proposed price {price:,.2f} 元 of trade {trade} is below the appraised value {appraised:,.2f} 元."),
        "listing_blocked": tr("Trade {trade} cannot be listed; on the excluded-operator list: {entries}."),
        "listing_missing_fields": tr("Trade {trade}: the listing lacks {fields}."),
        "listing_not_appraised": tr("Trade {trade} is {status}; a listing package needs status appraised or later."),
        "listing_not_positive": tr("Trade {trade}: {field} ({label}) must be greater than 0, got {value}."),
        "listing_not_written": tr("{path} was not written."),
        "listing_parcels_missing": tr("Trade {trade}: parcels {parcels} are not in layer {layer}."),
        "listing_parcels_no_geometry": tr("Trade {trade}: parcels {parcels} have no geometry in layer {layer}."),
        "listing_seller_mismatch": tr("Trade {trade}: the seller of parcels differs from the register's: {items}."),
        "publication_bad_decimals": tr("Coordinate decimals must be a whole number from 0 to 15, got {value}."),
        "publication_bad_tolerance": tr("The generalisation tolerance must be 0 or more metres, got {value}."),
        "publication_collapsed": tr("Lot {lot} vanishes when its coordinates are rounded to {decimals} decimals; publish it with more decimals (precise boundaries)."),
        "publication_empty_lot": tr("Lot {lot} has no polygon area in layer {layer}."),
        "publication_geographic_crs": tr("Layer {layer} is in {crs}, not a projected CRS; generalising boundaries by {metres:g} m needs metres (e.g. CGCS2000 3-degree Gauss-Kruger)."),
        "publication_map_review": tr("Public boundaries are generalised by {metres:g} m and rounded to {decimals} decimals (about {precision:.0f} m). Publishing a map in China may still require map review and a review number (审图号); precise boundaries only on request."),
        "publication_missing_parcels": tr("Lot {lot}: parcels {parcels} are not in layer {layer}."),
        "publication_precise": tr("Precise boundaries ({decimals} decimals, not generalised) were written: for the trading platform and the authorities only. Publishing a map in China may require map review and a review number (审图号)."),
        # Promotion map (valuation/promotion.py)
        "promotion_missing_fields": tr("Layer {layer} lacks the field(s) {fields} (use the valued parcels from swcvalue:accountvalues)."),
        "promotion_no_folder": tr("Folder {folder} does not exist."),
        "promotion_no_trades": tr("No trade to promote: the register has no trade at status {status} or later; name the trades in TRADE_IDS."),
        "promotion_not_listed": tr("Trades {trades} are not listed yet; their price is shown as 待定 unless a listing price is recorded."),
        "promotion_unknown_trades": tr("Trades {trades} are not in the register."),
        "promotion_vendor_missing": tr("The map library file {path} is missing; run scripts/vendor_leaflet.sh."),
        "promotion_vendor_unsafe": tr("The map library file {path} contains {text} and cannot be inlined."),
    }


def indicator_notice_template() -> str:
    return tr("{indicator}: {reason} — {count} parcel(s): {parcels}.")


def reason_texts() -> dict[str, str]:
    """The indicators' skip/note reasons (English) → translated."""
    return {
        "NPP_GC_M2 missing: npp_rate of the eco type used": tr("NPP_GC_M2 missing: npp_rate of the eco type used"),
        "P − R − ET < 0: water conservation set to 0": tr("P − R − ET < 0: water conservation set to 0"),
        "actual erosion exceeds potential erosion: Q_SOIL set to 0": tr("actual erosion exceeds potential erosion: Q_SOIL set to 0"),
        "attractiveness weight cul_weight is 0 for this eco type": tr("attractiveness weight cul_weight is 0 for this eco type"),
        "carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot": tr("carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot"),
        "eco type is non-eroding or unknown (soil_conservation_excluded)": tr("eco type is non-eroding or unknown (soil_conservation_excluded)"),
        "eco type not in carbon_eco_types": tr("eco type not in carbon_eco_types"),
        "eco type not in climate_vegetation_types/climate_water_types": tr("eco type not in climate_vegetation_types/climate_water_types"),
        "evapotranspiration ET_MM is missing": tr("evapotranspiration ET_MM is missing"),
        "negative NPP counted as 0": tr("negative NPP counted as 0"),
        "neither vegetation with a storm runoff coefficient nor a reservoir/pond water body": tr("neither vegetation with a storm runoff coefficient nor a reservoir/pond water body"),
        "net land-class area NET_AREA_M2 is missing": tr("net land-class area NET_AREA_M2 is missing"),
        "net primary productivity NPP_GC_M2 is missing": tr("net primary productivity NPP_GC_M2 is missing"),
        "no actual erosion could be computed": tr("no actual erosion could be computed"),
        "no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing": tr("no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing"),
        "no air purification capacity (air_cap_so2) for this eco type": tr("no air purification capacity (air_cap_so2) for this eco type"),
        "no material product is defined for this DLBM (mat_yield)": tr("no material product is defined for this DLBM (mat_yield)"),
        "no potential erosion: RKLS_T is missing": tr("no potential erosion: RKLS_T is missing"),
        "no runoff coefficient (runoff_coef) for this eco type": tr("no runoff coefficient (runoff_coef) for this eco type"),
        "no visitors table was given": tr("no visitors table was given"),
        "no water purification rate (wq_removal_cod) for this eco type": tr("no water purification rate (wq_removal_cod) for this eco type"),
        "oxygen release is switched off (oxygen_enabled = 0)": tr("oxygen release is switched off (oxygen_enabled = 0)"),
        "parcel area is 0 or missing": tr("parcel area is 0 or missing"),
        "precipitation P_MM is missing": tr("precipitation P_MM is missing"),
        "storm rainfall STORM_MM is missing": tr("storm rainfall STORM_MM is missing"),
        "the parcel's lot has no visitors": tr("the parcel's lot has no visitors"),
        "vegetation storm retention is switched off (flood_vegetation_enabled = 0)": tr("vegetation storm retention is switched off (flood_vegetation_enabled = 0)"),
    }


def progress_texts() -> dict[str, str]:
    """The engine's progress messages, translated."""
    return {
        "checking geometries": tr("checking geometries"),
        "checking lots for overlaps": tr("checking lots for overlaps"),
        "intersecting": tr("intersecting"),
        "measuring ellipsoidal areas": tr("measuring ellipsoidal areas"),
        "building attributes": tr("building attributes"),
        "done": tr("done"),
        "filling depressions": tr("filling depressions"),
        "slope and flow direction": tr("slope and flow direction"),
        "slope length": tr("slope length"),
        "coverage fractions": tr("coverage fractions"),
        "reading factors": tr("reading factors"),
        "pricing": tr("pricing"),
        "matching parcels": tr("matching parcels"),
        "comparing": tr("comparing"),
    }


def translate_progress(message: str) -> str:
    return progress_texts().get(message, message)


def _render(code: str, english: str, params: dict) -> str:
    template = templates().get(code)
    if template is None:
        return english
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return english


def translate_error(err: ValuationError) -> str:
    return _render(err.code, str(err), err.params)


def translate_notice(notice: Notice) -> str:
    if notice.code.startswith("indicator_"):
        params = dict(notice.params)
        params["reason"] = reason_texts().get(str(params.get("reason", "")), params.get("reason", ""))
        try:
            return indicator_notice_template().format(**params)
        except (KeyError, IndexError, ValueError):
            return notice.text()
    return _render(notice.code, notice.text(), notice.params)
