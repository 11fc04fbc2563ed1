"""The compiled coverage kernel (numba), loaded by :mod:`valuation.coverage_kernel` under the fixed module name
``swc_ecovalue_coverage_numba`` so that numba's on-disk cache (next to this file) is found again whatever
name the plugin's package is imported under. Imports only math, numpy and numba."""

from __future__ import annotations

import math

import numba
import numpy as np


@numba.njit(nogil=True, cache=True)
def coverage(ua: np.ndarray, va: np.ndarray, ub: np.ndarray, vb: np.ndarray, sign: np.ndarray,
             poly: np.ndarray, starts: np.ndarray, h: int, w: int, cap: int) -> tuple[np.ndarray, ...]:
    """Boundary cells (parcel, row, column, fraction) and runs (parcel, row, first, end, fraction) of the
    window edges grouped by parcel (``starts``: first edge of each parcel and the total), at most ``cap``
    boundary cells in all."""
    n_cells = 0
    n_runs = 0
    cell_poly = np.empty(cap, np.int64)
    cell_row = np.empty(cap, np.int64)
    cell_col = np.empty(cap, np.int64)
    cell_frac = np.empty(cap, np.float64)
    run_poly = np.empty(cap, np.int64)
    run_row = np.empty(cap, np.int64)
    run_c0 = np.empty(cap, np.int64)
    run_c1 = np.empty(cap, np.int64)
    run_frac = np.empty(cap, np.float64)
    own = np.zeros(0, np.float64)
    carry = np.zeros(0, np.float64)
    has = np.zeros(0, np.bool_)
    for p in range(starts.size - 1):
        a, b = starts[p], starts[p + 1]
        if a == b:
            continue
        # the parcel's cells: rows and columns its pieces can fall in
        vmin, vmax, umin, umax = math.inf, -math.inf, math.inf, -math.inf
        for i in range(a, b):
            vmin = min(vmin, va[i], vb[i])
            vmax = max(vmax, va[i], vb[i])
            umin = min(umin, ua[i], ub[i])
            umax = max(umax, ua[i], ub[i])
        r0 = min(max(int(math.floor(vmin)), 0), h - 1)
        r1 = min(max(int(math.floor(vmax)), 0), h - 1)
        c0 = min(max(int(math.floor(umin)), 0), w - 1)
        c1 = min(max(int(math.floor(umax)), 0), w - 1)
        nr, nc = r1 - r0 + 1, c1 - c0 + 1
        if own.size < nr * nc:
            own = np.zeros(nr * nc, np.float64)
            carry = np.zeros(nr * nc, np.float64)
            has = np.zeros(nr * nc, np.bool_)
        else:
            own[:nr * nc] = 0.0
            carry[:nr * nc] = 0.0
            has[:nr * nc] = False
        for i in range(a, b):
            x0, y0, x1, y1, s = ua[i], va[i], ub[i], vb[i], sign[i]
            du, dv = x1 - x0, y1 - y0
            # next column line and row line strictly beyond the start, in the direction of travel
            if x1 >= x0:
                ku, su, uend = math.floor(x0) + 1.0, 1.0, math.ceil(x1) - 1.0
            else:
                ku, su, uend = math.ceil(x0) - 1.0, -1.0, math.floor(x1) + 1.0
            if y1 >= y0:
                kv, sv, vend = math.floor(y0) + 1.0, 1.0, math.ceil(y1) - 1.0
            else:
                kv, sv, vend = math.ceil(y0) - 1.0, -1.0, math.floor(y1) + 1.0
            pu, pv = x0, y0
            last = False
            while not last:
                # the next point: a column crossing, a row crossing (whichever comes first along the edge) or the end
                more_u = (ku <= uend) if su > 0 else (ku >= uend)
                more_v = (kv <= vend) if sv > 0 else (kv >= vend)
                if more_u and more_v:
                    v_at_u = y0 + (ku - x0) / du * dv
                    take_u = (v_at_u <= kv) if sv > 0 else (v_at_u >= kv)
                else:
                    take_u = more_u
                if take_u:
                    qu, qv = ku, y0 + (ku - x0) / du * dv
                    ku += su
                elif more_v:
                    qu, qv = x0 + (kv - y0) / dv * du, kv
                    kv += sv
                else:
                    qu, qv = x1, y1
                    last = True
                # the piece from the previous point: its own-cell term and its carry
                dpv = qv - pv
                umid = 0.5 * (pu + qu)
                if dpv != 0.0 and umid < w:
                    col = int(math.floor(umid))
                    row = min(int(math.floor(0.5 * (pv + qv))), h - 1)
                    k = (row - r0) * nc + (col - c0)
                    c = dpv * s
                    own[k] += c * (col + 1 - umid)
                    carry[k] += c
                    has[k] = True
                pu, pv = qu, qv
        pid = poly[a]
        for r in range(nr):
            before = 0.0
            prev = -1
            after = 0.0
            base = r * nc
            for j in range(nc):
                k = base + j
                if not has[k]:
                    continue
                col = c0 + j
                if prev >= 0 and col - prev > 1:
                    n_runs = _emit_run(run_poly, run_row, run_c0, run_c1, run_frac, n_runs, pid, r0 + r,
                                       prev + 1, col, after)
                frac = min(max(own[k] + before, 0.0), 1.0)
                if frac > 1e-12:
                    cell_poly[n_cells] = pid
                    cell_row[n_cells] = r0 + r
                    cell_col[n_cells] = col
                    cell_frac[n_cells] = frac
                    n_cells += 1
                before += carry[k]
                after = before
                prev = col
            if prev >= 0 and w - prev > 1:
                n_runs = _emit_run(run_poly, run_row, run_c0, run_c1, run_frac, n_runs, pid, r0 + r, prev + 1, w,
                                   after)
    return (cell_poly[:n_cells], cell_row[:n_cells], cell_col[:n_cells], cell_frac[:n_cells],
            run_poly[:n_runs], run_row[:n_runs], run_c0[:n_runs], run_c1[:n_runs], run_frac[:n_runs])


@numba.njit(nogil=True, cache=True)
def _emit_run(run_poly: np.ndarray, run_row: np.ndarray, run_c0: np.ndarray, run_c1: np.ndarray,
              run_frac: np.ndarray, n: int, pid: int, row: int, c0: int, c1: int, after: float) -> int:
    """Append the run [c0, c1) of ``row`` with the fraction ``after`` (snapped to 1 within 1e-9, left out
    when not above 1e-9); the new number of runs."""
    rf = min(max(after, 0.0), 1.0)
    if abs(rf - 1.0) < 1e-9:
        rf = 1.0
    if rf > 1e-9:
        run_poly[n] = pid
        run_row[n] = row
        run_c0[n] = c0
        run_c1[n] = c1
        run_frac[n] = rf
        n += 1
    return n
