"""Terrain: slope, depression filling, D8 flow, slope length and the CSLE LS factor.

Pure numpy/scipy. Arrays are (rows, cols) with row 0 at the north; ``cellsize`` is a float or
``(dx, dy)`` in metres; nodata is NaN. The DEM should be on a projected grid in metres and
extend at least ``cap_m`` beyond the area of interest, so slope lengths are not truncated.

Method (valuation-method.md §4.3, §14):

- slope: Horn 3×3; a neighbour outside the grid or nodata is extrapolated linearly (from the
  centre and the opposite neighbour), so a plane keeps its slope up to the edge — plain edge
  replication would halve the gradient on edge cells and fake slope breaks there;
- depressions: Priority-Flood+ε (Barnes et al. 2014), so every cell drains to the grid edge or
  to nodata; flats get a one-ulp gradient towards their spill point;
- flow: D8 steepest descent, diagonal distance √(dx² + dy²);
- slope length λ (horizontal): accumulated along the longest upslope D8 path (Hickey 2000;
  Van Remortel et al. 2004; 符素华 & 刘宝元 2015), in topological order, see
  :func:`upslope_length` for the slope-break, channel and cap rules;
- L: Foster's segment form on each cell's (λ_in, λ_out), see :func:`l_factor`;
- m: 0.2/0.3/0.4/0.5 at 0.5°/1.5°/3°; S: 10.8 sinθ + 0.03 (θ < 5°), 16.8 sinθ − 0.50
  (5° ≤ θ < 10°), 21.91 sinθ − 0.96 (θ ≥ 10°).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Optional, Union

import numpy as np

from .progress import Monitor

CellSize = Union[float, tuple[float, float]]

#: D8 neighbour offsets (drow, dcol), index = direction code; row grows southwards.
D8_DROW = np.array([-1, -1, 0, 1, 1, 1, 0, -1], dtype=np.int64)
D8_DCOL = np.array([0, 1, 1, 1, 0, -1, -1, -1], dtype=np.int64)
D8_NAMES = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
#: Flow-direction code of an outlet (no lower neighbour) or a nodata cell.
NO_FLOW = -1

#: Unit plot length of the USLE/CSLE (m).
UNIT_PLOT_M = 22.13
#: Default horizontal slope-length cap (m), as SL 773-2018; a parameter of the table.
DEFAULT_CAP_M = 100.0
#: Default contributing area (m²) above which a cell is a channel that ends slope length.
DEFAULT_CHANNEL_AREA_M2 = 10000.0
#: Slope-break cut-off factors (Hickey 2000; Van Remortel et al. 2001, 2004): a donor's λ does not
#: pass into a cell whose slope is below factor × the donor's slope; the factor is 0.7 for a donor
#: gentler than a 5 % gradient (2.8624°) and 0.5 otherwise.
DEFAULT_CUTOFF_GENTLE = 0.7
DEFAULT_CUTOFF_STEEP = 0.5
DEFAULT_CUTOFF_SLOPE_DEG = math.degrees(math.atan(0.05))
#: m and S breakpoints are compared with this tolerance (degrees): a computed 9.999999999999° is 10°.
BREAK_TOL_DEG = 1e-9


def _cell_dxdy(cellsize: CellSize) -> tuple[float, float]:
    if isinstance(cellsize, (tuple, list)):
        dx, dy = float(cellsize[0]), float(cellsize[1])
    else:
        dx = dy = float(cellsize)
    if not (dx > 0 and dy > 0):
        raise ValueError(f"cell size must be positive, got {cellsize!r}")
    return dx, dy


def d8_lengths(cellsize: CellSize) -> np.ndarray:
    """Horizontal length (m) of a step in each D8 direction."""
    dx, dy = _cell_dxdy(cellsize)
    diag = math.hypot(dx, dy)
    return np.array([dy, diag, dx, diag, dy, diag, dx, diag])


def _padded(z: np.ndarray) -> np.ndarray:
    p = np.full((z.shape[0] + 2, z.shape[1] + 2), np.nan)
    p[1:-1, 1:-1] = z
    return p


def slope_radians(dem: np.ndarray, cellsize: CellSize) -> np.ndarray:
    """Horn (1981) slope in radians; NaN where the DEM is NaN.

    A missing neighbour (outside the grid or NaN) takes ``2·centre − opposite`` when the opposite
    neighbour exists; else a cardinal takes the centre value (replication) and a diagonal the plane
    through the centre and its two filled cardinals. A plane keeps its slope up to the edges.
    """
    dx, dy = _cell_dxdy(cellsize)
    z = np.asarray(dem, dtype=np.float64)
    h, w = z.shape
    p = _padded(z)
    win = {}
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                win[dr, dc] = p[1 + dr:1 + dr + h, 1 + dc:1 + dc + w]
    filled: dict[tuple[int, int], np.ndarray] = {}
    for (dr, dc), nb in sorted(win.items(), key=lambda kv: abs(kv[0][0] * kv[0][1])):
        opp = win[-dr, -dc]
        if dr and dc:  # a diagonal with both ends missing: plane through the filled cardinals
            fallback = filled[dr, 0] + filled[0, dc] - z
        else:
            fallback = z
        filled[dr, dc] = np.where(np.isnan(nb), np.where(np.isnan(opp), fallback, 2.0 * z - opp), nb)
    a, b, c = filled[-1, -1], filled[-1, 0], filled[-1, 1]
    d, f = filled[0, -1], filled[0, 1]
    g, hh, i = filled[1, -1], filled[1, 0], filled[1, 1]
    dzdx = ((c + 2.0 * f + i) - (a + 2.0 * d + g)) / (8.0 * dx)
    dzdy = ((g + 2.0 * hh + i) - (a + 2.0 * b + c)) / (8.0 * dy)
    return np.where(np.isnan(z), np.nan, np.arctan(np.hypot(dzdx, dzdy)))


def fill_depressions(dem: np.ndarray, monitor: Optional[Monitor] = None) -> np.ndarray:
    """Priority-Flood+ε (Barnes, Lehman & Mulla 2014): fill pits and flats so all cells drain.

    Seeds are valid cells on the grid edge or next to nodata. A cell reached from a cell at
    elevation z is raised to ``nextafter(z, +inf)`` when it is not higher, so every filled cell
    except the seeds has a strictly lower neighbour. NaN stays NaN. O(n log n), heapq.
    """
    monitor = monitor or Monitor()
    z = np.asarray(dem, dtype=np.float64)
    h, w = z.shape
    p = _padded(z)
    valid = ~np.isnan(p)
    # seeds: valid cells with an invalid (border or nodata) 8-neighbour
    inv = ~valid
    near = np.zeros_like(inv)
    ph, pw = p.shape
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                near[1:-1, 1:-1] |= inv[1 + dr:ph - 1 + dr, 1 + dc:pw - 1 + dc]
    seeds = np.flatnonzero(valid & near)
    elev = p.ravel().tolist()
    closed = bytearray(inv.ravel().astype(np.uint8).tobytes())
    for s in seeds.tolist():
        closed[s] = 1
    heap = list(zip(p.ravel()[seeds].tolist(), seeds.tolist()))
    heapq.heapify(heap)
    offsets = (-pw - 1, -pw, -pw + 1, -1, 1, pw - 1, pw, pw + 1)
    pop, push, nextafter, inf = heapq.heappop, heapq.heappush, math.nextafter, math.inf
    total = max(1, int(valid.sum()))
    done = 0
    while heap:
        zc, c = pop(heap)
        done += 1
        if not done & 0xFFFF:
            monitor.check()
            monitor.report(done / total, "filling depressions")
        for o in offsets:
            n = c + o
            if closed[n]:
                continue
            closed[n] = 1
            zn = elev[n]
            if zn <= zc:
                zn = nextafter(zc, inf)
                elev[n] = zn
            push(heap, (zn, n))
    out = np.asarray(elev, dtype=np.float64).reshape(ph, pw)[1:-1, 1:-1]
    return np.where(np.isnan(z), np.nan, out)


def flow_direction_d8(filled: np.ndarray, cellsize: CellSize = 1.0) -> np.ndarray:
    """D8 steepest-descent direction code (index into ``D8_DROW``/``D8_DCOL``), int8.

    ``NO_FLOW`` (−1) where no neighbour is lower (outlets) and at nodata. Ties keep the first
    direction in N, NE, E, SE, S, SW, W, NW order.
    """
    z = np.asarray(filled, dtype=np.float64)
    h, w = z.shape
    p = _padded(z)
    lengths = d8_lengths(cellsize)
    best = np.zeros_like(z)
    fdir = np.full(z.shape, NO_FLOW, dtype=np.int8)
    for k in range(8):
        nb = p[1 + D8_DROW[k]:1 + D8_DROW[k] + h, 1 + D8_DCOL[k]:1 + D8_DCOL[k] + w]
        with np.errstate(invalid="ignore"):
            drop = (z - nb) / lengths[k]
            better = drop > best  # False wherever NaN is involved
        best[better] = drop[better]
        fdir[better] = k
    return fdir


@dataclass
class SlopeLengths:
    """Result of :func:`upslope_length` (all arrays (rows, cols), metres / m² / flags)."""

    lambda_in: np.ndarray   # horizontal slope length entering the cell (≤ cap)
    lambda_out: np.ndarray  # leaving the cell: min(λ_in + flow_len, cap)
    flow_len: np.ndarray    # the cell's own horizontal flow length along its D8 step
    accumulation_m2: np.ndarray  # contributing horizontal area including the cell
    channel: np.ndarray     # bool: accumulation > channel_area_m2 (slope length restarts)
    slope_break: np.ndarray  # bool: has donors, yet none passes the slope-break rule


def upslope_length(filled: np.ndarray, fdir: np.ndarray, slope: np.ndarray, cellsize: CellSize,
                   cap_m: Optional[float] = DEFAULT_CAP_M,
                   channel_area_m2: Optional[float] = DEFAULT_CHANNEL_AREA_M2,
                   cutoff_gentle: float = DEFAULT_CUTOFF_GENTLE,
                   cutoff_steep: float = DEFAULT_CUTOFF_STEEP,
                   cutoff_slope_deg: float = DEFAULT_CUTOFF_SLOPE_DEG,
                   monitor: Optional[Monitor] = None) -> SlopeLengths:
    """Horizontal slope length along the longest upslope D8 path, at each cell's inlet and outlet.

    ``λ_in(c) = max λ_out(d)`` over donors ``d`` draining into ``c`` that pass the rules below
    (0 without one); ``λ_out(c) = λ_in(c) + ℓ(c)``, ``ℓ`` being the cell's D8 step (an outlet
    continues in the direction of its longest donor, or takes the shorter cardinal step).

    Rules that end a slope (the cell starts anew with ``λ_in = 0``):

    - slope break: a donor's λ does not pass when ``slope(c) < k · slope(d)``, with ``k =
      cutoff_gentle`` (0.7) if ``slope(d) <`` ``cutoff_slope_deg`` (2.8624°, a 5 % gradient) else
      ``cutoff_steep`` (0.5): a slope ends where its steepness falls by more than 30 % (gentle
      donors) or 50 % (steeper ones). Factors and threshold as in the RUSLE LS programs of
      Van Remortel et al. and the Chinese D8 LS tool derived from them, which picks the factor by
      the donor's slope as here (the AML picks it by the receiving cell's). Slope is Horn's;
    - channel: a cell whose contributing area including itself exceeds ``channel_area_m2``
      (None: never) receives no λ; each channel cell is a one-cell slope of length ℓ
      (Hickey-style tools start such cells at half a cell; the segment L below needs no such
      midpoint correction);
    - cap: λ_in and λ_out are clipped at ``cap_m`` (None: no cap).

    Cells are processed in topological order (donors before receivers, level by level), so the
    cost is O(n log n) with the per-level work vectorised. ``filled`` only supplies the nodata
    mask; the directions must come from a depression-free surface.
    """
    monitor = monitor or Monitor()
    dx, dy = _cell_dxdy(cellsize)
    lengths = d8_lengths(cellsize)
    h, w = fdir.shape
    n = h * w
    valid = ~np.isnan(np.asarray(filled, dtype=np.float64)).ravel()
    fd = np.asarray(fdir).ravel().astype(np.int64)
    fd[~valid] = NO_FLOW
    has = fd >= 0
    idx = np.arange(n)
    recv = np.full(n, -1, dtype=np.int64)
    src = idx[has]
    rr = src // w + D8_DROW[fd[has]]
    cc = src % w + D8_DCOL[fd[has]]
    inside = (rr >= 0) & (rr < h) & (cc >= 0) & (cc < w)
    if not inside.all():
        raise ValueError("flow direction points outside the grid")
    recv[src] = rr * w + cc
    if (~valid[recv[src]]).any():
        raise ValueError("flow direction points into nodata")
    step = np.full(n, min(dx, dy))
    step[has] = lengths[fd[has]]
    step[~valid] = 0.0

    sl = np.asarray(slope, dtype=np.float64).ravel()
    sl = np.where(np.isnan(sl), 0.0, sl)
    cutoff_rad = math.radians(cutoff_slope_deg)
    s_recv, s_don = sl[recv[src]], sl[src]
    k = np.where(s_don < cutoff_rad, cutoff_gentle, cutoff_steep)
    passes = np.zeros(n, dtype=bool)
    passes[src] = ~(s_recv < k * s_don)

    cap = math.inf if cap_m is None else float(cap_m)
    thr = math.inf if channel_area_m2 is None else float(channel_area_m2)
    acc = np.where(valid, dx * dy, 0.0)
    inmax = np.zeros(n)
    got_any = np.zeros(n, dtype=bool)   # received a donor at all
    got_pass = np.zeros(n, dtype=bool)  # received a passing donor
    lam_in = np.zeros(n)
    lam_out = np.zeros(n)
    channel = np.zeros(n, dtype=bool)
    indeg = np.bincount(recv[src], minlength=n)
    frontier = np.flatnonzero(valid & (indeg == 0))
    processed = 0
    n_valid = int(valid.sum())
    total = max(1, n_valid)
    level = 0
    while frontier.size:
        f = frontier
        ch = acc[f] > thr
        channel[f] = ch
        li = np.where(ch | ~got_pass[f], 0.0, np.minimum(inmax[f], cap))
        lam_in[f] = li
        lam_out[f] = np.minimum(li + step[f], cap)
        processed += f.size
        level += 1
        if not level % 64:
            monitor.check()
            monitor.report(processed / total, "slope length")
        f = f[has[f]]
        if not f.size:
            break
        r = recv[f]
        np.add.at(acc, r, acc[f])
        got_any[r] = True
        p = passes[f]
        np.maximum.at(inmax, r[p], lam_out[f[p]])
        got_pass[r[p]] = True
        u, cnt = np.unique(r, return_counts=True)
        indeg[u] -= cnt
        frontier = u[indeg[u] == 0]
    if processed < n_valid:
        raise ValueError("flow directions contain a cycle")

    # outlets continue in the direction of their longest passing donor
    out = np.flatnonzero(valid & ~has)
    don = src[passes[src] & np.isin(recv[src], out)]
    if don.size:
        order = np.lexsort((lam_out[don], recv[don]))
        don = don[order]
        last = np.r_[recv[don][1:] != recv[don][:-1], True]
        best = don[last]
        o = recv[best]
        keep = ~channel[o]
        o, best = o[keep], best[keep]
        step[o] = step[best]
        lam_out[o] = np.minimum(lam_in[o] + step[o], cap)

    nodata = ~valid
    slope_break = got_any & ~got_pass & ~channel
    res = []
    for a in (lam_in, lam_out, step):
        a = a.copy()
        a[nodata] = np.nan
        res.append(a.reshape(h, w))
    acc[nodata] = np.nan
    return SlopeLengths(res[0], res[1], res[2], acc.reshape(h, w), channel.reshape(h, w),
                        slope_break.reshape(h, w))


def m_exponent(slope_deg: np.ndarray | float) -> np.ndarray | float:
    """CSLE slope-length exponent: 0.2 (θ < 0.5°), 0.3 (< 1.5°), 0.4 (< 3°), 0.5 (θ ≥ 3°)."""
    s = np.asarray(slope_deg, dtype=np.float64) + BREAK_TOL_DEG
    m = np.select([s < 0.5, s < 1.5, s < 3.0], [0.2, 0.3, 0.4], 0.5)
    m = np.where(np.isnan(s), np.nan, m)
    return m if m.ndim else float(m)


def l_factor(lambda_in: np.ndarray | float, lambda_out: np.ndarray | float, m: np.ndarray | float,
             flow_len: np.ndarray | float | None = None) -> np.ndarray | float:
    """Foster's segment L: ``(λ_out^(m+1) − λ_in^(m+1)) / ((λ_out − λ_in)·22.13^m)`` (λ horizontal, m).

    It is the mean over the segment [λ_in, λ_out] of the local rate ``(m+1)·(x/22.13)^m``, so the
    area-mean L of a uniform slope of length λ cut into equal cells telescopes to exactly
    ``(λ/22.13)^m``. With ``λ_in = 0`` it is ``(λ_out/22.13)^m``. (The plain per-cell
    ``(λ_out/22.13)^m`` averages to ``(λ/22.13)^m/(m+1)`` on such a slope: too low by 1/(m+1).)

    Cap: when ``flow_len`` ℓ exceeds ``λ_out − λ_in`` (λ_out clipped at the cap), the part of the
    cell beyond the cap gets ``(λ_out/22.13)^m``, the mean L of a slope of cap length, and the two
    parts are length-weighted; a cell wholly beyond the cap (λ_in = λ_out) gets that value. So
    any uniform slope longer than the cap averages to ``(cap/22.13)^m``, as ``L = (min(λ, cap)/
    22.13)^m`` of SL 773-2018 intends.
    """
    li = np.asarray(lambda_in, dtype=np.float64)
    lo = np.asarray(lambda_out, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    seg = lo - li
    ell = seg if flow_len is None else np.maximum(np.asarray(flow_len, dtype=np.float64), seg)
    with np.errstate(invalid="ignore", divide="ignore"):
        part = (lo ** (m + 1) - li ** (m + 1)) / UNIT_PLOT_M ** m
        beyond = (ell - seg) * (lo / UNIT_PLOT_M) ** m
        out = np.where(ell > 0, (part + beyond) / np.where(ell > 0, ell, 1.0), (lo / UNIT_PLOT_M) ** m)
    return out if out.ndim else float(out)


def s_factor(slope_rad: np.ndarray | float) -> np.ndarray | float:
    """CSLE S: 10.8 sinθ + 0.03 (θ < 5°), 16.8 sinθ − 0.50 (5° ≤ θ < 10°), 21.91 sinθ − 0.96 (θ ≥ 10°)."""
    t = np.asarray(slope_rad, dtype=np.float64)
    s = np.sin(t)
    deg = np.degrees(t) + BREAK_TOL_DEG
    with np.errstate(invalid="ignore"):
        out = np.select([deg < 5.0, deg < 10.0],
                        [10.8 * s + 0.03, 16.8 * s - 0.50], 21.91 * s - 0.96)
    out = np.where(np.isnan(t), np.nan, out)
    return out if out.ndim else float(out)


def ls_factor(dem: np.ndarray, cellsize: CellSize, cap_m: Optional[float] = DEFAULT_CAP_M,
              channel_area_m2: Optional[float] = DEFAULT_CHANNEL_AREA_M2,
              monitor: Optional[Monitor] = None, **rules: float) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """CSLE LS = L·S from a DEM (NaN = nodata) on a projected grid in metres.

    Slope (Horn) is taken on the filled DEM, so filled pits get the flat S = 0.03. ``rules``
    passes the slope-break options of :func:`upslope_length`. Returns ``(ls, details)`` with
    details ``filled, slope_rad, slope_deg, fdir, lambda_in, lambda_out, flow_len,
    accumulation_m2, channel, slope_break, m, L, S`` (all (rows, cols)).
    """
    monitor = monitor or Monitor()
    z = np.asarray(dem, dtype=np.float64)
    monitor.report(0.0, "filling depressions")
    filled = fill_depressions(z, monitor.sub(0.0, 0.5))
    monitor.check()
    monitor.report(0.5, "slope and flow direction")
    slope = slope_radians(filled, cellsize)
    fdir = flow_direction_d8(filled, cellsize)
    monitor.check()
    lengths = upslope_length(filled, fdir, slope, cellsize, cap_m=cap_m,
                             channel_area_m2=channel_area_m2, monitor=monitor.sub(0.6, 0.95), **rules)
    slope_deg = np.degrees(slope)
    m = m_exponent(slope_deg)
    big_l = l_factor(lengths.lambda_in, lengths.lambda_out, m, lengths.flow_len)
    big_s = s_factor(slope)
    ls = big_l * big_s
    monitor.report(1.0, "done")
    details = {
        "filled": filled, "slope_rad": slope, "slope_deg": slope_deg, "fdir": fdir,
        "lambda_in": lengths.lambda_in, "lambda_out": lengths.lambda_out, "flow_len": lengths.flow_len,
        "accumulation_m2": lengths.accumulation_m2, "channel": lengths.channel,
        "slope_break": lengths.slope_break, "m": m, "L": big_l, "S": big_s,
    }
    return ls, details
