"""``make bench``: time the plugin against the QGIS-native pipeline on county-like inputs, and check they agree.

For each size (``bench/generate.py``: small, medium, large) the inputs are generated, then three times each, as
whole ``qgis_process.bin`` runs through ``scripts/qgis_process.sh``:

(a) ``swcvalue:splitparcels`` (lots × DLTB) then ``swcvalue:accountvalues`` with R_FACTOR, K_FACTOR, LS_FACTOR
    and CP_FACTOR — every indicator, GeoPackage outputs;
(a1) ``bench/plugin_pipeline.model3``: the same two algorithms chained in one model, so in ONE ``qgis_process.bin``
    run (one start-up; the valuing takes the split's pieces from memory, the in-process hand-off), the pieces still
    written to their own GeoPackage;
(b) ``bench/native_pipeline.model3``: ``native:intersection``, ``qgis:rastercalculator`` R·K·LS·(1 − C·P) and
    ``native:zonalstatisticsfb`` (sum) — conserved soil only.

Wall time, CPU time (user + system of the process and its children) and peak memory (sum of the resident set
sizes of the process tree, polled from /proc every 50 ms) are measured per process; (a)'s times are the sums of
its two runs, its peak the larger. (a)'s stages come from the plugin's stage clock (``SWC_STAGE_TIMES``; the
coverage and raster stages run in parallel and share their wall time in proportion to their work). The medians
of the three runs are printed as Markdown, with the agreement of (a)'s Q_SOIL and (b)'s zonal sum × cell area per
piece, and an exact check of both on a sample. The plugin is byte-compiled first, as an installed plugin is
after its first run. Free disk space is checked first; each size's folder is removed afterwards (``--keep``
keeps it).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

QP = ROOT / "scripts" / "qgis_process.sh"
MODEL = ROOT / "bench" / "native_pipeline.model3"
PLUGIN_MODEL = ROOT / "bench" / "plugin_pipeline.model3"
#: Disk needed per size (GB): inputs, both pipelines' outputs, the product raster and QGIS's temporary files.
DISK_GB = {"small": 0.3, "medium": 1.5, "large": 5.0}
#: (a)'s stages as the plugin's stage clock names them, in table order.
STAGES = (("read", "read"), ("overlay", "overlay + prepare"), ("coverage", "coverage"),
          ("raster", "raster products"), ("valuing", "valuing"), ("write", "writing"))
CELL_HA = generate.RES * generate.RES / 10_000.0


# ----- running and measuring -----------------------------------------------------------------------------
def _tree_rss_kb(root: int) -> int:
    """Resident set size (kB) of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry.name}/status", encoding="utf-8", errors="replace") as f:
                kb = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = kb
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run_measured(args: list[str], log: Path, env: dict[str, str]) -> dict[str, float]:
    """Run ``args``; wall seconds, CPU seconds and peak resident memory (MB) of its process tree."""
    t0, start = time.perf_counter(), time.time()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"bench: {' '.join(args[:3])} failed (rc {proc.returncode}), log {log}:\n{tail}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak / 1024.0, "start": start,
            "end": time.time()}


def run_plugin(d: Path, k: int, env: dict[str, str]) -> dict[str, float]:
    """(a): split, then account; returns wall, peak and stage times (s)."""
    times, env = _stage_clock(d / f"stages_{k}.jsonl", env)
    pieces, valued = d / f"a_pieces_{k}.gpkg", d / f"a_valued_{k}.gpkg"
    split = run_measured([str(QP), "run", "swcvalue:splitparcels", "--", f"SCOPE={d}/dltb.gpkg|layername=JYFW",
                          f"PARCELS={d}/dltb.gpkg|layername=DLTB", "SCOPE_ID_FIELD=SCOPE_ID",
                          f"OUTPUT={pieces}"], d / f"a_split_{k}.log", env)
    acc = run_measured([str(QP), "run", "swcvalue:accountvalues", "--", f"PARCELS={pieces}",
                        f"R_FACTOR={d}/r.tif", f"K_FACTOR={d}/k.tif", f"LS_FACTOR={d}/ls.tif",
                        f"CP_FACTOR={d}/cp.tif", f"OUTPUT={valued}", f"SUMMARY={d}/a_summary_{k}.csv",
                        f"PROVENANCE={d}/a_provenance_{k}.csv"], d / f"a_account_{k}.log", env)
    out = {"wall": split["wall"] + acc["wall"], "cpu": split["cpu"] + acc["cpu"],
           "peak_mb": max(split["peak_mb"], acc["peak_mb"]), "startup": 0.0, "after": 0.0}
    records = _add_stages(out, times)
    for proc, rec in zip((split, acc), records):
        out["startup"] += rec["end"] - rec["total"] - proc["start"]  # start-up, parameters
        out["after"] += proc["end"] - rec["end"]                      # styling the output, shutting down
    return out


def run_plugin_model(d: Path, k: int, env: dict[str, str]) -> dict[str, float]:
    """(a1): split and account chained in one model, one qgis_process run; returns wall, peak and stage times (s)
    (between the two algorithms — styling the pieces, starting the next — counts as "after")."""
    times, env = _stage_clock(d / f"stages_a1_{k}.jsonl", env)
    run = run_measured([str(QP), "run", str(PLUGIN_MODEL), "--", f"PARCELS={d}/dltb.gpkg|layername=DLTB",
                        f"LOTS={d}/dltb.gpkg|layername=JYFW", f"R={d}/r.tif", f"K={d}/k.tif", f"LS={d}/ls.tif",
                        f"CP={d}/cp.tif", f"split:PIECES={d}/a1_pieces_{k}.gpkg",
                        f"account:VALUED={d}/a1_valued_{k}.gpkg", f"account:SUMMARY={d}/a1_summary_{k}.csv",
                        f"account:PROVENANCE={d}/a1_provenance_{k}.csv"], d / f"a1_model_{k}.log", env)
    out = {"wall": run["wall"], "cpu": run["cpu"], "peak_mb": run["peak_mb"]}
    records = _add_stages(out, times)
    out["startup"] = records[0]["end"] - records[0]["total"] - run["start"]
    out["after"] = run["end"] - records[-1]["end"] + sum(
        (b["end"] - b["total"]) - a["end"] for a, b in zip(records, records[1:]))
    return out


def _stage_clock(times: Path, env: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """An empty stage-times file ``times`` and ``env`` naming it (``SWC_STAGE_TIMES``)."""
    times.unlink(missing_ok=True)
    return times, dict(env, SWC_STAGE_TIMES=str(times))


def _add_stages(out: dict[str, float], times: Path) -> list[dict[str, Any]]:
    """Add the stage seconds of every run recorded in ``times`` to ``out`` ("prepare" counts as "overlay");
    the records, in run order."""
    records = [json.loads(line) for line in times.read_text(encoding="utf-8").splitlines()]
    for rec in records:
        for stage, seconds in rec["stages"].items():
            key = "overlay" if stage == "prepare" else stage
            out[key] = out.get(key, 0.0) + seconds
    return records


def same_q_soil(d: Path, k: int) -> float:
    """Largest relative difference of Q_SOIL per piece (PARCEL_ID) between (a1) and (a): 0 when identical."""
    import numpy as np
    import pyogrio

    a = pyogrio.read_dataframe(d / f"a_valued_{k}.gpkg", layer=f"a_valued_{k}", columns=["PARCEL_ID", "Q_SOIL"],
                               read_geometry=False)
    a1 = pyogrio.read_dataframe(d / f"a1_valued_{k}.gpkg", layer=f"a1_valued_{k}",
                                columns=["PARCEL_ID", "Q_SOIL"], read_geometry=False)
    if len(a) != len(a1) or a["PARCEL_ID"].duplicated().any():
        return float("inf")
    m = a.merge(a1, on="PARCEL_ID", suffixes=("", "_1"), how="inner")
    if len(m) != len(a):
        return float("inf")
    qa, q1 = m["Q_SOIL"].to_numpy(dtype=float), m["Q_SOIL_1"].to_numpy(dtype=float)
    if not np.array_equal(np.isnan(qa), np.isnan(q1)):
        return float("inf")
    ok = ~np.isnan(qa)
    return float(np.max(np.abs(qa[ok] - q1[ok]) / np.maximum(np.abs(qa[ok]), 1e-300), initial=0.0))


def run_native(d: Path, k: int, env: dict[str, str]) -> dict[str, float]:
    """(b): the native model."""
    return run_measured([str(QP), "run", str(MODEL), "--", f"PARCELS={d}/dltb.gpkg|layername=DLTB",
                         f"LOTS={d}/dltb.gpkg|layername=JYFW", f"R={d}/r.tif", f"K={d}/k.tif", f"LS={d}/ls.tif",
                         f"CP={d}/cp.tif", f"calculator:PRODUCT={d}/b_product_{k}.tif",
                         f"zonal:OUTPUT={d}/b_native_{k}.gpkg"], d / f"b_native_{k}.log", env)


# ----- agreement -------------------------------------------------------------------------------------------
def compare(d: Path, k: int, sample: int = 300, plugin: str = "a") -> dict[str, Any]:
    """Per-piece conserved soil of (a) (or (a1): ``plugin="a1"``) vs (b), and both against an exact shapely
    computation on a sample."""
    import numpy as np
    import pyogrio
    import rasterio
    import shapely
    from rasterio.windows import from_bounds

    from valuation.parameters import ParameterSet

    excluded = set(ParameterSet.load().items("soil_conservation_excluded"))
    a = pyogrio.read_dataframe(d / f"{plugin}_valued_{k}.gpkg", layer=f"{plugin}_valued_{k}",
                               columns=["SCOPE_ID", "BSM", "ECO_TYPE", "Q_SOIL"])
    b = pyogrio.read_dataframe(d / f"b_native_{k}.gpkg", columns=["SCOPE_ID", "BSM", "q_sum"])
    all_b = pyogrio.read_info(d / f"b_native_{k}.gpkg")["features"]
    if all_b < 0.99 * len(a):  # a native run that lost pieces would make the comparison meaningless
        raise SystemExit(f"bench: the native pipeline wrote {all_b} pieces, the plugin {len(a)}")
    a = a[~a["ECO_TYPE"].isin(excluded)]
    m = a.merge(b.drop(columns="geometry"), on=["SCOPE_ID", "BSM"], how="inner")
    cells = shapely.area(np.asarray(m.geometry.values)) / (generate.RES * generate.RES)
    qa = m["Q_SOIL"].to_numpy()
    qb = np.nan_to_num(m["q_sum"].to_numpy()) * CELL_HA
    big = cells > 10
    rel = np.abs(qa - qb) / np.where(qa > 0, qa, np.nan)
    large = cells > 100
    lot = m.assign(qa=qa, qb=qb).groupby("SCOPE_ID")[["qa", "qb"]].sum()
    out: dict[str, Any] = {
        "pieces": len(m), "over10": int(big.sum()),
        "within1": float(np.mean(rel[big] <= 0.01)), "median": float(np.nanmedian(rel[big])),
        "p99": float(np.nanpercentile(rel[big], 99)), "max": float(np.nanmax(rel[big])),
        "bias": float(np.nanmean(((qb - qa) / qa)[big])),
        "total": float(abs(qb.sum() - qa.sum()) / qa.sum()),
        "lots": float((abs(lot["qb"] - lot["qa"]) / lot["qa"]).max()),
        "within5": float(np.mean(rel[big] <= 0.05)),
        "over100": int(large.sum()), "within1_100": float(np.mean(rel[large] <= 0.01)) if large.any() else 1.0,
    }
    # exact references on a sample: area-weighted (what (a) claims) and cell-centre (what (b) does)
    rng = np.random.default_rng(7)
    pick = rng.choice(np.flatnonzero(big), size=min(sample, int(big.sum())), replace=False)
    worst_a = worst_b = 0.0
    with rasterio.open(d / f"b_product_{k}.tif") as src:
        t = src.transform
        for i in pick:
            g = m.geometry.values[i]
            win = from_bounds(*g.bounds, transform=t).round_offsets().round_lengths()
            win = rasterio.windows.Window(win.col_off - 1, win.row_off - 1, win.width + 3, win.height + 3)
            v = src.read(1, window=win, boundless=True, fill_value=np.nan).astype(np.float64)
            wt = src.window_transform(win)
            rows, cols = np.mgrid[0:v.shape[0], 0:v.shape[1]]
            x0, y0 = wt.c + cols * wt.a, wt.f + rows * wt.e
            boxes = shapely.box(x0, y0 + wt.e, x0 + wt.a, y0)
            with np.errstate(invalid="ignore"):  # GEOS leaves a harmless floating-point flag on some clips
                frac = shapely.area(shapely.intersection(boxes, g)) / (wt.a * -wt.e)
            exact = float(np.nansum(frac * v)) * CELL_HA
            centre = float(np.nansum(np.where(shapely.contains_xy(g, x0 + wt.a / 2, y0 + wt.e / 2), v, 0.0))) * CELL_HA
            worst_a = max(worst_a, abs(qa[i] - exact) / exact)
            worst_b = max(worst_b, abs(qb[i] - centre) / centre)
    out.update(sample=len(pick), exact_a=worst_a, centre_b=worst_b)
    return out


# ----- report ---------------------------------------------------------------------------------------------
def warm_kernels() -> str:
    """Load the compiled kernels once, through the probes of ``swcvalue:environment``, which run them all, and
    say which they are. The C library (``make setup`` builds it) needs nothing more; numba's kernels, used
    without it, are compiled on their first use and kept in the plugin's ``__pycache__`` folders, as an
    installed plugin's first accounting does, so that no timed run includes the compilation."""
    if "swc_ecovalue" not in sys.modules:  # this checkout as the package QGIS installs (relative imports)
        spec = importlib.util.spec_from_file_location("swc_ecovalue", ROOT / "__init__.py",
                                                      submodule_search_locations=[str(ROOT)])
        assert spec is not None and spec.loader is not None
        sys.modules["swc_ecovalue"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["swc_ecovalue"])
    from swc_ecovalue.processing_provider import gpkg_insert, gpkg_read
    from swc_ecovalue.valuation.environment import probe

    probe()  # includes the coverage of a box
    gpkg_insert.describe()  # tries the insert loop on a one-row table
    return gpkg_read.describe()  # and the read loop


def machine() -> str:
    mem = next(line.split()[1] for line in open("/proc/meminfo", encoding="utf-8") if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                if line.startswith("model name")), platform.processor())
    qgis = subprocess.run([str(QP), "--version"], capture_output=True, text=True).stdout
    ver = " ".join(line.strip() for line in qgis.splitlines() if line.startswith(("QGIS", "GDAL")))
    return (f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({cpu}), {int(mem) / 1024 / 1024:.1f} GB RAM, "
            f"{platform.system()} {platform.release()}; {ver}; load average before the run "
            f"{os.getloadavg()[0]:.2f}")


def table(results: dict[str, dict[str, Any]]) -> str:
    """The Markdown tables: speed and memory, (a)'s stages, agreement."""
    med = statistics.median
    lines = ["| size | cells | pieces | pipeline | wall (s) | CPU (s) | peak memory (MB) | (b)/(a) "
             "| s per 10⁶ cells | s per 10⁴ pieces |", "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        cells, pieces = r["cells"], r["pieces"]
        wa, wa1, wb = (med(x["wall"] for x in r[v]) for v in ("a", "a1", "b"))
        for name, runs, wall in (("(a) plugin, two runs", r["a"], wa), ("(a1) plugin, one model run", r["a1"], wa1),
                                 ("(b) native", r["b"], wb)):
            ratio = f"{wb / wall:.1f}× (b)/(a1)" if runs is r["a1"] else f"{wb / wa:.1f}×"
            lines.append(f"| {size} | {cells / 1e6:,.0f} M | {pieces:,} | {name} | {wall:.1f} | "
                         f"{med(x['cpu'] for x in runs):.1f} | {med(x['peak_mb'] for x in runs):,.0f} | "
                         f"{ratio} | {wall / (cells / 1e6):.3f} | {wall / (pieces / 1e4):.2f} |")
    lines += ["", "Stages of (a) and (a1), median seconds ((a): over both qgis_process runs; start-up: until the "
              "algorithm runs; after: styling the outputs, between the algorithms and shutting down):", "",
              "| size | pipeline | start-up | " + " | ".join(label for _, label in STAGES) + " | after | total |",
              "|---|---|" + "---:|" * (len(STAGES) + 3)]
    for size, r in results.items():
        for v in ("a", "a1"):
            cols = [med(x.get(key, 0.0) for x in r[v]) for key, _ in STAGES]
            lines.append(f"| {size} | ({v}) | {med(x['startup'] for x in r[v]):.1f} | "
                         + " | ".join(f"{c:.1f}" for c in cols)
                         + f" | {med(x['after'] for x in r[v]):.1f} | {med(x['wall'] for x in r[v]):.1f} |")
    lines += ["", "Agreement on conserved soil per piece, (a) or (a1) Q_SOIL vs (b) zonal sum × 0.01 hm² (pieces "
              "where soil conservation applies):", "",
              "| size | plugin | pieces compared | > 10 cells | within 1 % | within 5 % | median diff | 99th pct | max "
              "| > 100 cells: within 1 % | mean (b−a)/a | all pieces | per lot (max) | sample: (a) vs exact "
              "| (b) vs centres |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        for v, c in (("(a)", r["agreement"]), ("(a1)", r["agreement_a1"])):
            lines.append(f"| {size} | {v} | {c['pieces']:,} | {c['over10']:,} | {100 * c['within1']:.1f} % | "
                         f"{100 * c['within5']:.1f} % | {100 * c['median']:.2f} % | {100 * c['p99']:.1f} % | "
                         f"{100 * c['max']:.1f} % | {100 * c['within1_100']:.1f} % ({c['over100']:,}) | "
                         f"{100 * c['bias']:+.3f} % | {100 * c['total']:.4f} % | "
                         f"{100 * c['lots']:.3f} % | {c['exact_a']:.1e} ({c['sample']}) | {c['centre_b']:.1e} |")
    lines += ["", "(a1) vs (a), Q_SOIL per piece (same PARCEL_ID), largest relative difference: "
              + ", ".join(f"{size} {r['a1_vs_a']:.1e}" for size, r in results.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time swcvalue against the native QGIS pipeline.")
    ap.add_argument("--sizes", default=os.environ.get("SIZES", "small,medium,large"),
                    help="comma-separated sizes (default: all; env SIZES)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=ROOT / ".build" / "bench")
    ap.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    args = ap.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in generate.SIZES]
    if unknown:
        raise SystemExit(f"bench: unknown sizes {unknown}; choose from {sorted(generate.SIZES)}")
    args.work.mkdir(parents=True, exist_ok=True)
    need = max(DISK_GB[s] for s in sizes) if not args.keep else sum(DISK_GB[s] for s in sizes)
    free = min(shutil.disk_usage(args.work).free, shutil.disk_usage("/tmp").free) / 1e9
    if free < need:
        raise SystemExit(f"bench: {free:.1f} GB free, {need:.1f} GB needed (work folder {args.work} and /tmp)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONWARNINGS="ignore::DeprecationWarning")
    # byte-compiled as an installed plugin is after its first run (PYTHONDONTWRITEBYTECODE would else make
    # every qgis_process run compile it again)
    for part in ("__init__.py", "plugin.py", "dependencies.py", "compat.py", "i18n.py", "valuation",
                 "processing_provider", "ui"):
        target = ROOT / part
        if target.is_dir():
            compileall.compile_dir(str(target), quiet=1)
        elif target.exists():
            compileall.compile_file(str(target), quiet=1)
    kernels = warm_kernels()
    print(f"bench: {machine()}; kernels {kernels}", flush=True)
    results: dict[str, dict[str, Any]] = {}
    for size in sizes:
        spec = generate.SIZES[size]
        d = args.work / size
        shutil.rmtree(d, ignore_errors=True)
        t = time.perf_counter()
        info = generate.generate(spec, d)
        print(f"bench: {size}: inputs in {time.perf_counter() - t:.0f} s ({info['dltb_parcels']:,.0f} DLTB parcels, "
              f"{spec.cells:,}² cells)", flush=True)
        r: dict[str, Any] = {"cells": spec.cells ** 2, "a": [], "a1": [], "b": []}
        try:
            for k in range(args.runs):
                load = os.getloadavg()[0]
                r["a"].append(run_plugin(d, k, env))
                r["a1"].append(run_plugin_model(d, k, env))
                r["b"].append(run_native(d, k, env))
                print(f"bench: {size} run {k + 1}/{args.runs}: (a) {r['a'][-1]['wall']:.1f} s, "
                      f"(a1) {r['a1'][-1]['wall']:.1f} s, (b) {r['b'][-1]['wall']:.1f} s "
                      f"(load average before: {load:.2f})", flush=True)
                if k < args.runs - 1:  # keep the last run's outputs for the comparison
                    for p in [*d.glob(f"[ab]_*_{k}.*"), *d.glob(f"a1_*_{k}.*")]:
                        p.unlink()
            last = args.runs - 1
            r["agreement"] = compare(d, last)
            r["agreement_a1"] = compare(d, last, plugin="a1")
            r["a1_vs_a"] = same_q_soil(d, last)
            if not r["a1_vs_a"] <= 1e-9:
                raise SystemExit(f"bench: {size}: (a1) Q_SOIL differs from (a) by {r['a1_vs_a']:.3e}")
            import pyogrio

            r["pieces"] = int(pyogrio.read_info(d / f"a_valued_{last}.gpkg", layer=f"a_valued_{last}")["features"])
            results[size] = r
        finally:
            if not args.keep:
                shutil.rmtree(d, ignore_errors=True)
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
