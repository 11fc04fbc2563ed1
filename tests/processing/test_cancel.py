"""Cancelling ``swcvalue:accountvalues`` through a QgsProcessingFeedback: prompt, and no output left behind."""

from __future__ import annotations

import time
from pathlib import Path

import processing
from qgis.core import QgsProcessingFeedback

ROOT = Path(__file__).resolve().parents[2]
S = ROOT / "resources" / "sample"
GPKG = S / "sample_watershed.gpkg"


def test_cancel_at_the_first_progress_report_leaves_no_output(plugin, tmp_path):
    parcels = tmp_path / "parcels.gpkg"
    processing.run("swcvalue:splitparcels", {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB",
                                             "SCOPE_ID_FIELD": "SCOPE_ID", "OUTPUT": str(parcels)})
    feedback = QgsProcessingFeedback()
    first: list[float] = []

    def cancel(progress: float) -> None:
        if not first:
            first.append(time.perf_counter())
            feedback.cancel()

    feedback.progressChanged.connect(cancel)
    outputs = {name: tmp_path / f"{name.lower()}.{ext}" for name, ext in
               (("OUTPUT", "gpkg"), ("SUMMARY", "csv"), ("PROVENANCE", "csv"))}
    res = processing.run("swcvalue:accountvalues", {
        "PARCELS": str(parcels), "R_FACTOR": str(S / "r_factor.tif"), "K_FACTOR": str(S / "k_factor.tif"),
        "DEM": str(S / "dem.tif"), "VEG_COVER": str(S / "veg_cover.tif"),
        **{k: str(v) for k, v in outputs.items()}}, feedback=feedback)
    assert first and feedback.isCanceled()
    assert time.perf_counter() - first[0] < 2.0
    assert "OUTPUT" not in res
    assert not any(p.exists() for p in outputs.values())


def test_cancel_while_writing_removes_the_new_geopackage(plugin, tmp_path):
    parcels = tmp_path / "parcels.gpkg"
    processing.run("swcvalue:splitparcels", {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB",
                                             "SCOPE_ID_FIELD": "SCOPE_ID", "OUTPUT": str(parcels)})
    feedback = QgsProcessingFeedback()

    def cancel(progress: float) -> None:
        if progress >= 90.0:  # the accounting writes its output from 90 %
            feedback.cancel()

    feedback.progressChanged.connect(cancel)
    out = tmp_path / "valued.gpkg"
    res = processing.run("swcvalue:accountvalues", {
        "PARCELS": str(parcels), "R_FACTOR": str(S / "r_factor.tif"), "K_FACTOR": str(S / "k_factor.tif"),
        "DEM": str(S / "dem.tif"), "OUTPUT": str(out)}, feedback=feedback)
    assert feedback.isCanceled() and "OUTPUT" not in res
    assert not out.exists()
