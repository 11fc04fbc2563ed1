"""``make bench``: time the plugin against the QGIS-native pipeline on county-like inputs, and check they agree.

For each size (``bench/generate.py``: small, medium, large) the inputs are generated, then three times each, as
whole ``qgis_process.bin`` runs through ``scripts/qgis_process.sh``:

(a) ``swcvalue:splitparcels`` (lots × DLTB) then ``swcvalue:accountvalues`` with R_FACTOR, K_FACTOR, LS_FACTOR
    and CP_FACTOR — every indicator, GeoPackage outputs;
(b) ``bench/native_pipeline.model3``: ``native:intersection``, ``qgis:rastercalculator`` R·K·LS·(1 − C·P) and
    ``native:zonalstatisticsfb`` (sum) — conserved soil only.

Wall time and peak memory (sum of the resident set sizes of the process tree, polled from /proc every 50 ms)
are measured per process; (a)'s time is the sum of its two runs, its peak the larger. (a)'s stages come from
the plugin's stage clock (``SWC_STAGE_TIMES``). The medians of the three runs are printed as Markdown, with the
agreement of (a)'s Q_SOIL and (b)'s zonal sum × cell area per piece, and an exact check of both on a sample.
Free disk space is checked first; each size's folder is removed afterwards (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    """Run ``args``; wall seconds and peak resident memory (MB) of its process tree."""
    t0, start = time.perf_counter(), time.time()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"bench: {' '.join(args[:3])} failed (rc {proc.returncode}), log {log}:\n{tail}")
    return {"wall": wall, "peak_mb": peak / 1024.0, "start": start, "end": time.time()}


def run_plugin(d: Path, k: int, env: dict[str, str]) -> dict[str, float]:
    """(a): split, then account; returns wall, peak and stage times (s)."""
    times = d / f"stages_{k}.jsonl"
    times.unlink(missing_ok=True)
    env = dict(env, SWC_STAGE_TIMES=str(times))
    pieces, valued = d / f"a_pieces_{k}.gpkg", d / f"a_valued_{k}.gpkg"
    split = run_measured([str(QP), "run", "swcvalue:splitparcels", "--", f"SCOPE={d}/dltb.gpkg|layername=JYFW",
                          f"PARCELS={d}/dltb.gpkg|layername=DLTB", "SCOPE_ID_FIELD=SCOPE_ID",
                          f"OUTPUT={pieces}"], d / f"a_split_{k}.log", env)
    acc = run_measured([str(QP), "run", "swcvalue:accountvalues", "--", f"PARCELS={pieces}",
                        f"R_FACTOR={d}/r.tif", f"K_FACTOR={d}/k.tif", f"LS_FACTOR={d}/ls.tif",
                        f"CP_FACTOR={d}/cp.tif", f"OUTPUT={valued}", f"SUMMARY={d}/a_summary_{k}.csv",
                        f"PROVENANCE={d}/a_provenance_{k}.csv"], d / f"a_account_{k}.log", env)
    out = {"wall": split["wall"] + acc["wall"], "peak_mb": max(split["peak_mb"], acc["peak_mb"]),
           "startup": 0.0, "after": 0.0}
    records = [json.loads(line) for line in times.read_text(encoding="utf-8").splitlines()]
    for proc, rec in zip((split, acc), records):
        out["startup"] += rec["end"] - rec["total"] - proc["start"]  # start-up, parameters
        out["after"] += proc["end"] - rec["end"]                      # styling the output, shutting down
        for stage, seconds in rec["stages"].items():
            key = "overlay" if stage == "prepare" else stage
            out[key] = out.get(key, 0.0) + seconds
    return out


def run_native(d: Path, k: int, env: dict[str, str]) -> dict[str, float]:
    """(b): the native model."""
    return run_measured([str(QP), "run", str(MODEL), "--", f"PARCELS={d}/dltb.gpkg|layername=DLTB",
                         f"LOTS={d}/dltb.gpkg|layername=JYFW", f"R={d}/r.tif", f"K={d}/k.tif", f"LS={d}/ls.tif",
                         f"CP={d}/cp.tif", f"calculator:PRODUCT={d}/b_product_{k}.tif",
                         f"zonal:OUTPUT={d}/b_native_{k}.gpkg"], d / f"b_native_{k}.log", env)


# ----- agreement -------------------------------------------------------------------------------------------
def compare(d: Path, k: int, sample: int = 300) -> dict[str, Any]:
    """Per-piece conserved soil of (a) vs (b), and both against an exact shapely computation on a sample."""
    import numpy as np
    import pyogrio
    import rasterio
    import shapely
    from rasterio.windows import from_bounds

    from valuation.parameters import ParameterSet

    excluded = set(ParameterSet.load().items("soil_conservation_excluded"))
    a = pyogrio.read_dataframe(d / f"a_valued_{k}.gpkg", layer=f"a_valued_{k}",
                               columns=["SCOPE_ID", "BSM", "ECO_TYPE", "Q_SOIL"])
    b = pyogrio.read_dataframe(d / f"b_native_{k}.gpkg", columns=["SCOPE_ID", "BSM", "q_sum"])
    a = a[~a["ECO_TYPE"].isin(excluded)]
    m = a.merge(b.drop(columns="geometry"), on=["SCOPE_ID", "BSM"], how="inner")
    cells = shapely.area(np.asarray(m.geometry.values)) / (generate.RES * generate.RES)
    qa = m["Q_SOIL"].to_numpy()
    qb = np.nan_to_num(m["q_sum"].to_numpy()) * CELL_HA
    big = cells > 10
    rel = np.abs(qa - qb) / np.where(qa > 0, qa, np.nan)
    lot = m.assign(qa=qa, qb=qb).groupby("SCOPE_ID")[["qa", "qb"]].sum()
    out: dict[str, Any] = {
        "pieces": len(m), "over10": int(big.sum()),
        "within1": float(np.mean(rel[big] <= 0.01)), "median": float(np.nanmedian(rel[big])),
        "p99": float(np.nanpercentile(rel[big], 99)), "max": float(np.nanmax(rel[big])),
        "bias": float(np.nanmean(((qb - qa) / qa)[big])),
        "total": float(abs(qb.sum() - qa.sum()) / qa.sum()),
        "lots": float((abs(lot["qb"] - lot["qa"]) / lot["qa"]).max()),
        "within5": float(np.mean(rel[big] <= 0.05)),
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
    lines = ["| size | cells | pieces | pipeline | wall (s) | peak memory (MB) | (b)/(a) | s per 10⁶ cells "
             "| s per 10⁴ pieces |", "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        cells, pieces = r["cells"], r["pieces"]
        wa, wb = med(x["wall"] for x in r["a"]), med(x["wall"] for x in r["b"])
        for name, runs, wall in (("(a) plugin", r["a"], wa), ("(b) native", r["b"], wb)):
            lines.append(f"| {size} | {cells / 1e6:,.0f} M | {pieces:,} | {name} | {wall:.1f} | "
                         f"{med(x['peak_mb'] for x in runs):,.0f} | {wb / wa:.1f}× | {wall / (cells / 1e6):.3f} | "
                         f"{wall / (pieces / 1e4):.2f} |")
    lines += ["", "Stages of (a), median seconds over both qgis_process runs (start-up: until the algorithm "
              "runs; after: styling the output and shutting down):", "",
              "| size | start-up | " + " | ".join(label for _, label in STAGES) + " | after | total |",
              "|---|" + "---:|" * (len(STAGES) + 3)]
    for size, r in results.items():
        cols = [med(x.get(key, 0.0) for x in r["a"]) for key, _ in STAGES]
        lines.append(f"| {size} | {med(x['startup'] for x in r['a']):.1f} | " + " | ".join(f"{c:.1f}" for c in cols)
                     + f" | {med(x['after'] for x in r['a']):.1f} | {med(x['wall'] for x in r['a']):.1f} |")
    lines += ["", "Agreement on conserved soil per piece, (a) Q_SOIL vs (b) zonal sum × 0.01 hm² (pieces where "
              "soil conservation applies):", "",
              "| size | pieces compared | > 10 cells | within 1 % | within 5 % | median diff | 99th pct | max "
              "| mean (b−a)/a | all pieces | per lot (max) | sample: (a) vs exact | (b) vs centres |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size, r in results.items():
        c = r["agreement"]
        lines.append(f"| {size} | {c['pieces']:,} | {c['over10']:,} | {100 * c['within1']:.1f} % | "
                     f"{100 * c['within5']:.1f} % | {100 * c['median']:.2f} % | {100 * c['p99']:.1f} % | "
                     f"{100 * c['max']:.1f} % | {100 * c['bias']:+.3f} % | {100 * c['total']:.4f} % | "
                     f"{100 * c['lots']:.3f} % | {c['exact_a']:.1e} ({c['sample']}) | {c['centre_b']:.1e} |")
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
    print(f"bench: {machine()}", flush=True)
    results: dict[str, dict[str, Any]] = {}
    for size in sizes:
        spec = generate.SIZES[size]
        d = args.work / size
        shutil.rmtree(d, ignore_errors=True)
        t = time.perf_counter()
        info = generate.generate(spec, d)
        print(f"bench: {size}: inputs in {time.perf_counter() - t:.0f} s ({info['dltb_parcels']:,.0f} DLTB parcels, "
              f"{spec.cells:,}² cells)", flush=True)
        r: dict[str, Any] = {"cells": spec.cells ** 2, "a": [], "b": []}
        try:
            for k in range(args.runs):
                r["a"].append(run_plugin(d, k, env))
                r["b"].append(run_native(d, k, env))
                print(f"bench: {size} run {k + 1}/{args.runs}: (a) {r['a'][-1]['wall']:.1f} s, "
                      f"(b) {r['b'][-1]['wall']:.1f} s", flush=True)
                if k < args.runs - 1:  # keep the last run's outputs for the comparison
                    for p in d.glob(f"[ab]_*_{k}.*"):
                        p.unlink()
            last = args.runs - 1
            r["agreement"] = compare(d, last)
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
