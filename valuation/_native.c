/* The compiled kernels in C, built ahead of time (scripts/build_native.sh) and loaded through ctypes by
 * valuation/native.py. They are the numba kernels of valuation/_coverage_numba.py,
 * processing_provider/_gpkg_read_numba.py and processing_provider/_gpkg_insert_numba.py, step for step and in the
 * same floating-point order, so both give the same bits; the library is used when it is built, numba otherwise.
 * Loading it costs nothing measurable, where numba's import and first call cost about 0.7 s in every process.
 *
 * Arrays come as pointers to C-contiguous numpy buffers; a 2-D array [k][stride] is indexed k * stride + i.
 * SQLite's and GEOS's functions come as addresses (from the libraries CPython's _sqlite3 module and shapely use),
 * never linked here.
 * ctypes releases the GIL around every call. */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ABI_VERSION 3

int swc_abi_version(void) { return ABI_VERSION; }

/* ----- coverage of one block (valuation/_coverage_numba.py: coverage) -------------------------------------- */

static int64_t clamp_i64(int64_t x, int64_t lo, int64_t hi) { return x < lo ? lo : (x > hi ? hi : x); }

static int64_t emit_run(int64_t *run_poly, int64_t *run_row, int64_t *run_c0, int64_t *run_c1, double *run_frac,
                        int64_t n, int64_t pid, int64_t row, int64_t c0, int64_t c1, double after) {
    double rf = fmin(fmax(after, 0.0), 1.0);
    if (fabs(rf - 1.0) < 1e-9) rf = 1.0;
    if (rf > 1e-9) {
        run_poly[n] = pid;
        run_row[n] = row;
        run_c0[n] = c0;
        run_c1[n] = c1;
        run_frac[n] = rf;
        n += 1;
    }
    return n;
}

/* Boundary cells and runs of the window edges grouped by parcel (starts: first edge of each parcel and the
 * total, n_starts entries); outputs hold cap entries each. counts[0], counts[1]: cells and runs written.
 * Returns 0, or -1 when memory ran out. */
int swc_coverage(const double *ua, const double *va, const double *ub, const double *vb, const double *sign,
                 const int64_t *poly, const int64_t *starts, int64_t n_starts, int64_t h, int64_t w,
                 int64_t *cell_poly, int64_t *cell_row, int64_t *cell_col, double *cell_frac, int64_t *run_poly,
                 int64_t *run_row, int64_t *run_c0, int64_t *run_c1, double *run_frac, int64_t *counts) {
    int64_t n_cells = 0, n_runs = 0, size = 0;
    double *own = NULL, *carry = NULL;
    unsigned char *has = NULL;
    for (int64_t p = 0; p + 1 < n_starts; p++) {
        int64_t a = starts[p], b = starts[p + 1];
        if (a == b) continue;
        double vmin = INFINITY, vmax = -INFINITY, umin = INFINITY, umax = -INFINITY;
        for (int64_t i = a; i < b; i++) {
            vmin = fmin(vmin, fmin(va[i], vb[i]));
            vmax = fmax(vmax, fmax(va[i], vb[i]));
            umin = fmin(umin, fmin(ua[i], ub[i]));
            umax = fmax(umax, fmax(ua[i], ub[i]));
        }
        int64_t r0 = clamp_i64((int64_t)floor(vmin), 0, h - 1), r1 = clamp_i64((int64_t)floor(vmax), 0, h - 1);
        int64_t c0 = clamp_i64((int64_t)floor(umin), 0, w - 1), c1 = clamp_i64((int64_t)floor(umax), 0, w - 1);
        int64_t nr = r1 - r0 + 1, nc = c1 - c0 + 1;
        if (size < nr * nc) {
            free(own);
            free(carry);
            free(has);
            size = nr * nc;
            own = calloc((size_t)size, sizeof(double));
            carry = calloc((size_t)size, sizeof(double));
            has = calloc((size_t)size, 1);
            if (!own || !carry || !has) {
                free(own);
                free(carry);
                free(has);
                return -1;
            }
        } else {
            memset(own, 0, (size_t)(nr * nc) * sizeof(double));
            memset(carry, 0, (size_t)(nr * nc) * sizeof(double));
            memset(has, 0, (size_t)(nr * nc));
        }
        for (int64_t i = a; i < b; i++) {
            double x0 = ua[i], y0 = va[i], x1 = ub[i], y1 = vb[i], s = sign[i];
            double du = x1 - x0, dv = y1 - y0;
            double ku, su, uend, kv, sv, vend;
            if (x1 >= x0) { ku = floor(x0) + 1.0; su = 1.0; uend = ceil(x1) - 1.0; }
            else { ku = ceil(x0) - 1.0; su = -1.0; uend = floor(x1) + 1.0; }
            if (y1 >= y0) { kv = floor(y0) + 1.0; sv = 1.0; vend = ceil(y1) - 1.0; }
            else { kv = ceil(y0) - 1.0; sv = -1.0; vend = floor(y1) + 1.0; }
            double pu = x0, pv = y0;
            int last = 0;
            while (!last) {
                int more_u = su > 0 ? (ku <= uend) : (ku >= uend);
                int more_v = sv > 0 ? (kv <= vend) : (kv >= vend);
                int take_u;
                if (more_u && more_v) {
                    double v_at_u = y0 + (ku - x0) / du * dv;
                    take_u = sv > 0 ? (v_at_u <= kv) : (v_at_u >= kv);
                } else {
                    take_u = more_u;
                }
                double qu, qv;
                if (take_u) {
                    qu = ku;
                    qv = y0 + (ku - x0) / du * dv;
                    ku += su;
                } else if (more_v) {
                    qu = x0 + (kv - y0) / dv * du;
                    qv = kv;
                    kv += sv;
                } else {
                    qu = x1;
                    qv = y1;
                    last = 1;
                }
                double dpv = qv - pv;
                double umid = 0.5 * (pu + qu);
                if (dpv != 0.0 && umid < (double)w) {
                    int64_t col = (int64_t)floor(umid);
                    int64_t row = (int64_t)floor(0.5 * (pv + qv));
                    if (row > h - 1) row = h - 1;
                    int64_t k = (row - r0) * nc + (col - c0);
                    double c = dpv * s;
                    own[k] += c * ((double)(col + 1) - umid);
                    carry[k] += c;
                    has[k] = 1;
                }
                pu = qu;
                pv = qv;
            }
        }
        int64_t pid = poly[a];
        for (int64_t r = 0; r < nr; r++) {
            double before = 0.0, after = 0.0;
            int64_t prev = -1, base = r * nc;
            for (int64_t j = 0; j < nc; j++) {
                int64_t k = base + j;
                if (!has[k]) continue;
                int64_t col = c0 + j;
                if (prev >= 0 && col - prev > 1)
                    n_runs = emit_run(run_poly, run_row, run_c0, run_c1, run_frac, n_runs, pid, r0 + r, prev + 1,
                                      col, after);
                double frac = fmin(fmax(own[k] + before, 0.0), 1.0);
                if (frac > 1e-12) {
                    cell_poly[n_cells] = pid;
                    cell_row[n_cells] = r0 + r;
                    cell_col[n_cells] = col;
                    cell_frac[n_cells] = frac;
                    n_cells += 1;
                }
                before += carry[k];
                after = before;
                prev = col;
            }
            if (prev >= 0 && w - prev > 1)
                n_runs = emit_run(run_poly, run_row, run_c0, run_c1, run_frac, n_runs, pid, r0 + r, prev + 1, w,
                                  after);
        }
    }
    free(own);
    free(carry);
    free(has);
    counts[0] = n_cells;
    counts[1] = n_runs;
    return 0;
}

/* ----- a block's window edges, from GEOS geometries (valuation/blockwise.py: _edges, _clip_to_window) ---------- */

/* GEOS's functions used here and shapely's PyGEOS_GetGEOSGeometry, from the array ``fns`` of their addresses, in
 * the order of valuation/native.py: GEOS_FUNCTIONS. */
typedef struct {
    void *(*init)(void);
    void (*finish)(void *);
    int (*type_id)(void *, const void *);
    int (*num_geometries)(void *, const void *);
    const void *(*geometry_n)(void *, const void *, int);
    const void *(*exterior_ring)(void *, const void *);
    int (*num_interior_rings)(void *, const void *);
    const void *(*interior_ring_n)(void *, const void *, int);
    const void *(*coord_seq)(void *, const void *);
    int (*seq_size)(void *, const void *, unsigned int *);
    int (*seq_copy)(void *, const void *, double *, int, int);
    char (*get_geom)(void *, void **);
} Geos;

static Geos geos_functions(const uint64_t *fns) {
    Geos g;
    g.init = (void *(*)(void))(uintptr_t)fns[0];
    g.finish = (void (*)(void *))(uintptr_t)fns[1];
    g.type_id = (int (*)(void *, const void *))(uintptr_t)fns[2];
    g.num_geometries = (int (*)(void *, const void *))(uintptr_t)fns[3];
    g.geometry_n = (const void *(*)(void *, const void *, int))(uintptr_t)fns[4];
    g.exterior_ring = (const void *(*)(void *, const void *))(uintptr_t)fns[5];
    g.num_interior_rings = (int (*)(void *, const void *))(uintptr_t)fns[6];
    g.interior_ring_n = (const void *(*)(void *, const void *, int))(uintptr_t)fns[7];
    g.coord_seq = (const void *(*)(void *, const void *))(uintptr_t)fns[8];
    g.seq_size = (int (*)(void *, const void *, unsigned int *))(uintptr_t)fns[9];
    g.seq_copy = (int (*)(void *, const void *, double *, int, int))(uintptr_t)fns[10];
    g.get_geom = (char (*)(void *, void **))(uintptr_t)fns[11];
    return g;
}

/* A growing array of edges (ua, va, ub, vb, sign). */
typedef struct {
    double *e;
    int64_t n, size;
} EdgeList;

static int push_edge(EdgeList *l, double ua, double va, double ub, double vb, double sign) {
    if (l->n == l->size) {
        int64_t size = l->size ? 2 * l->size : 64;
        double *e = realloc(l->e, (size_t)size * 5 * sizeof(double));
        if (!e) return -1;
        l->e = e;
        l->size = size;
    }
    double *x = l->e + 5 * l->n++;
    x[0] = ua;
    x[1] = va;
    x[2] = ub;
    x[3] = vb;
    x[4] = sign;
    return 0;
}

/* The edges a polygon's ring adds on the window (h rows, w columns): its vertices in cell units (u = column,
 * v = row, from the window's top-left corner: affine c, a, f, e), oriented by the shoelace sum as the coverage
 * wants (exterior anticlockwise, holes clockwise on the map), horizontal edges and edges that do not reach the
 * window left out; edges that cross its border go to ``split``, the others to ``rest``. -1 on a GEOS error or
 * out of memory. */
static int ring_edges(const Geos *g, void *ctx, const void *ring, int exterior, double c, double a, double f,
                      double e, double h, double w, double **buf, int64_t *buf_size, EdgeList *rest,
                      EdgeList *split) {
    const void *seq = g->coord_seq(ctx, ring);
    unsigned int size = 0;
    if (!seq || !g->seq_size(ctx, seq, &size)) return -1;
    if (size == 0) return 0;
    if (*buf_size < 2 * (int64_t)size) {
        free(*buf);
        *buf_size = 2 * (int64_t)size;
        *buf = malloc((size_t)*buf_size * sizeof(double));
        if (!*buf) return -1;
    }
    double *xy = *buf;
    if (!g->seq_copy(ctx, seq, xy, 0, 0)) return -1;
    for (unsigned int i = 0; i < size; i++) { /* in place: u, v */
        xy[2 * i] = (xy[2 * i] - c) / a;
        xy[2 * i + 1] = (xy[2 * i + 1] - f) / e;
    }
    double u0 = xy[0], v0 = xy[1], signed_area = 0.0;
    for (unsigned int i = 0; i + 1 < size; i++)
        signed_area += (xy[2 * i] - u0) * (xy[2 * i + 3] - v0) - (xy[2 * i + 2] - u0) * (xy[2 * i + 1] - v0);
    double sign = (exterior == (signed_area < 0.0)) ? 1.0 : -1.0;
    for (unsigned int i = 0; i + 1 < size; i++) {
        double ua = xy[2 * i], va = xy[2 * i + 1], ub = xy[2 * i + 2], vb = xy[2 * i + 3];
        if (va == vb) continue;
        double umin = fmin(ua, ub), umax = fmax(ua, ub), vmin = fmin(va, vb), vmax = fmax(va, vb);
        if (!(vmax > 0.0 && vmin < h && umin < w)) continue;
        int cross = (umin < 0.0 && umax > 0.0) || (umin < w && umax > w) || (vmin < 0.0 && vmax > 0.0)
                    || (vmin < h && vmax > h);
        if (!cross) {
            if (push_edge(rest, ua, va, ub, vb, sign)) return -1;
            continue;
        }
        /* cut where it crosses u = 0, u = w, v = 0, v = h (numpy: the ts of _clip_to_window, sorted) */
        double du = ub - ua, dv = vb - va;
        double t[6], ts[4] = {-ua / du, (w - ua) / du, -va / dv, (h - va) / dv};
        int k = 0;
        t[0] = 0.0;
        for (int j = 0; j < 4; j++) {
            double x = ts[j];
            if (!(x > 0.0 && x < 1.0)) continue;
            int q = ++k;
            while (q > 1 && t[q - 1] > x) { t[q] = t[q - 1]; q--; }
            t[q] = x;
        }
        t[k + 1] = 1.0;
        for (int j = 0; j <= k; j++)
            if (push_edge(split, ua + t[j] * du, va + t[j] * dv, ua + t[j + 1] * du, va + t[j + 1] * dv, sign))
                return -1;
    }
    return 0;
}

static double clip(double x, double lo, double hi) {
    x = x > lo ? x : lo; /* as numpy's clip: maximum, then minimum */
    return x < hi ? x : hi;
}

/* The window edges of one block (h rows, w columns; affine c, a, f, e) of the valid (multi)polygons ``objs``
 * (n shapely geometries; None adds nothing) labelled ``labels`` (strictly increasing): what blockwise._edges,
 * its window test and _clip_to_window give, in the same order and to the bit. Each parcel's edges in order,
 * those cut at the window's border after the others. Writes at most ``cap`` edges into ua … poly and
 * out[0] = the sum of the kernel's pieces bound (|du| + |dv| + 2, truncated) over the edges. Returns the number
 * of edges (more than cap: nothing usable was written; call again with that capacity), or -1 (not a geometry,
 * not polygonal, a GEOS error, out of memory). */
int64_t swc_block_edges(const uint64_t *fns, void *const *objs, const int64_t *labels, int64_t n, double c,
                        double a, double f, double e, int64_t h, int64_t w, double *ua, double *va, double *ub,
                        double *vb, double *sign, int64_t *poly, int64_t cap, int64_t *out) {
    const Geos g = geos_functions(fns);
    void *ctx = g.init();
    if (!ctx) return -1;
    double *buf = NULL;
    int64_t buf_size = 0, m = 0, status = 0;
    EdgeList rest = {NULL, 0, 0}, split = {NULL, 0, 0};
    double hh = (double)h, ww = (double)w;
    for (int64_t k = 0; k < n && status == 0; k++) {
        void *geom = NULL;
        if (!g.get_geom(objs[k], &geom)) { status = -1; break; }
        if (!geom) continue;
        int type = g.type_id(ctx, geom);
        int parts = type == 3 ? 1 : type == 6 ? g.num_geometries(ctx, geom) : -1;
        if (parts < 0) { status = -1; break; }
        rest.n = split.n = 0;
        for (int p = 0; p < parts && status == 0; p++) {
            const void *part = type == 3 ? geom : g.geometry_n(ctx, geom, p);
            int holes = part ? g.num_interior_rings(ctx, part) : -1;
            if (holes < 0) { status = -1; break; }
            for (int r = 0; r <= holes; r++) {
                const void *ring = r == 0 ? g.exterior_ring(ctx, part) : g.interior_ring_n(ctx, part, r - 1);
                if (!ring || ring_edges(&g, ctx, ring, r == 0, c, a, f, e, hh, ww, &buf, &buf_size, &rest, &split)) {
                    status = -1;
                    break;
                }
            }
        }
        for (int pass = 0; pass < 2 && status == 0; pass++) {
            const EdgeList *l = pass == 0 ? &rest : &split;
            for (int64_t i = 0; i < l->n; i++, m++) {
                if (m >= cap) continue;
                const double *x = l->e + 5 * i;
                ua[m] = x[0];
                va[m] = x[1];
                ub[m] = x[2];
                vb[m] = x[3];
                sign[m] = x[4];
                poly[m] = labels[k];
            }
        }
    }
    free(buf);
    free(rest.e);
    free(split.e);
    g.finish(ctx);
    if (status) return -1;
    if (m > cap) return m;
    /* clamped into the window when anything lies outside it (pieces left of it keep their dv) */
    int outside = 0;
    for (int64_t i = 0; i < m && !outside; i++)
        outside = fmin(ua[i], ub[i]) < 0.0 || fmax(ua[i], ub[i]) > ww || fmin(va[i], vb[i]) < 0.0
                  || fmax(va[i], vb[i]) > hh;
    int64_t kept = 0, pieces = 0;
    for (int64_t i = 0; i < m; i++) {
        double xa = ua[i], ya = va[i], xb = ub[i], yb = vb[i];
        if (outside) {
            xa = clip(xa, 0.0, ww);
            xb = clip(xb, 0.0, ww);
            ya = clip(ya, 0.0, hh);
            yb = clip(yb, 0.0, hh);
        }
        if (ya == yb) continue; /* horizontal after clamping */
        ua[kept] = xa;
        va[kept] = ya;
        ub[kept] = xb;
        vb[kept] = yb;
        sign[kept] = sign[i];
        poly[kept] = poly[i];
        pieces += (int64_t)(fabs(xb - xa) + fabs(yb - ya) + 2.0);
        kept++;
    }
    out[0] = pieces;
    return kept;
}

/* ----- per-parcel sums of products of a block's inputs (valuation/blockwise.py: zonal_totals' chain) -------- */

#define MAX_FACTORS 64
#define MAX_EXTRAS 8

/* Positions 0 … count - 1 ordered by (row, column) into ``order``: two stable counting sorts (by column, then by
 * row). ``tmp``: count scratch entries; ``first``: max(h, w) + 1 scratch entries. */
static void by_row_and_column(const int64_t *row, const int64_t *col, int64_t count, int64_t h, int64_t w,
                              int64_t *order, int64_t *tmp, int64_t *first) {
    memset(first, 0, (size_t)(w + 1) * sizeof(int64_t));
    for (int64_t i = 0; i < count; i++) first[col[i] + 1]++;
    for (int64_t c = 0; c < w; c++) first[c + 1] += first[c];
    for (int64_t i = 0; i < count; i++) tmp[first[col[i]]++] = i;
    memset(first, 0, (size_t)(h + 1) * sizeof(int64_t));
    for (int64_t i = 0; i < count; i++) first[row[i] + 1]++;
    for (int64_t r = 0; r < h; r++) first[r + 1] += first[r];
    for (int64_t i = 0; i < count; i++) order[first[row[tmp[i]]]++] = tmp[i];
}

/* Cell c's chain product P of the first a inputs (left to right) and P times each of the next e inputs, each
 * added to sum[·] when finite. */
static inline __attribute__((always_inline)) void chain_cell(const double *const *x, int a, int e, int64_t c,
                                                             double *sum) {
    double p = x[0][c];
    for (int t = 1; t < a; t++) p *= x[t][c];
    if (isfinite(p)) sum[0] += p;
    for (int i = 0; i < e; i++) {
        double q = p * x[a + i][c];
        if (isfinite(q)) sum[1 + i] += q;
    }
}

/* The loops of swc_block_sums, for constant a and e where the caller can (the compiler then unrolls them). The
 * boundary cells come parcel by parcel (their inputs fetched ahead), the runs in memory order. */
static inline __attribute__((always_inline)) void chain_sums(
        const double *const *x, int a, int e, int64_t w, const int64_t *cell_row, const int64_t *cell_col,
        const int64_t *cell_poly, const double *cell_frac, int64_t nc, const int64_t *run_start,
        const int64_t *run_end, const int64_t *run_poly, const double *run_frac, int64_t nr, int64_t n,
        double *sums) {
    double acc[1 + MAX_EXTRAS];
    for (int64_t i = 0; i < nc; i++) {
        if (i + 16 < nc) {
            int64_t ahead = cell_row[i + 16] * w + cell_col[i + 16];
            for (int t = 0; t < a + e; t++) __builtin_prefetch(x[t] + ahead);
        }
        for (int j = 0; j <= e; j++) acc[j] = 0.0;
        chain_cell(x, a, e, cell_row[i] * w + cell_col[i], acc);
        for (int j = 0; j <= e; j++) sums[j * n + cell_poly[i]] += cell_frac[i] * acc[j];
    }
    for (int64_t q = 0; q < nr; q++) {
        for (int j = 0; j <= e; j++) acc[j] = 0.0;
        for (int64_t c = run_start[q]; c < run_end[q]; c++) chain_cell(x, a, e, c, acc);
        for (int j = 0; j <= e; j++) sums[j * n + run_poly[q]] += run_frac[q] * acc[j];
    }
}

/* Sums per parcel of fraction × value over one block of h rows and w columns, for a chain of products of its
 * inputs: P, the product of the first ``a`` inputs taken left to right ((x0·x1)·x2…), into sums[parcel], and for
 * each of the next ``e`` inputs y_i, P·y_i into sums[(1 + i) * n + parcel]; a value adds nothing where it is not
 * finite (NaN: no data). ``inputs``: the addresses of the a + e inputs, each the block's cells as float64 in
 * row-major order. The coverage: boundary cells (row, column, parcel, fraction) and runs of cells (row, first and
 * end column, parcel, fraction). Returns 0, -1 for a chain it cannot take, -2 when out of memory. */
int swc_block_sums(const uint64_t *inputs, int64_t a, int64_t e, int64_t h, int64_t w, const int64_t *cell_row,
                   const int64_t *cell_col, const int64_t *cell_poly, const double *cell_frac, int64_t nc,
                   const int64_t *run_row, const int64_t *run_c0, const int64_t *run_c1, const int64_t *run_poly,
                   const double *run_frac, int64_t nr, int64_t n, double *sums) {
    if (a < 1 || a > MAX_FACTORS || e < 0 || e > MAX_EXTRAS) return -1;
    const double *x[MAX_FACTORS + MAX_EXTRAS];
    for (int64_t i = 0; i < a + e; i++) x[i] = (const double *)(uintptr_t)inputs[i];
    /* the runs in memory order (one sweep through the block), as flat start and end, parcel and fraction */
    size_t runs = (size_t)(nr ? nr : 1);
    int64_t *order = malloc(runs * sizeof(int64_t)), *tmp = malloc(runs * sizeof(int64_t));
    int64_t *first = malloc((size_t)((h > w ? h : w) + 1) * sizeof(int64_t));
    int64_t *flat = malloc(runs * 3 * sizeof(int64_t));
    double *frac = malloc(runs * sizeof(double));
    int status = (order && tmp && first && flat && frac) ? 0 : -2;
    if (status == 0) {
        by_row_and_column(run_row, run_c0, nr, h, w, order, tmp, first);
        int64_t *start = flat, *end = flat + nr, *poly = flat + 2 * nr;
        for (int64_t q = 0; q < nr; q++) {
            int64_t u = order[q];
            start[q] = run_row[u] * w + run_c0[u];
            end[q] = run_row[u] * w + run_c1[u];
            poly[q] = run_poly[u];
            frac[q] = run_frac[u];
        }
#define CHAIN(A, E) chain_sums(x, A, E, w, cell_row, cell_col, cell_poly, cell_frac, nc, start, end, poly, frac, nr, \
                               n, sums)
        if (a == 3 && e == 1) CHAIN(3, 1);       /* R·K·LS, and times C·P */
        else if (a == 3 && e == 2) CHAIN(3, 2);  /* … and times the baseline C·P */
        else CHAIN((int)a, (int)e);
#undef CHAIN
    }
    free(order);
    free(tmp);
    free(first);
    free(flat);
    free(frac);
    return status;
}

/* ----- SQLite's functions, by address ----------------------------------------------------------------------- */

/* SQLite's functions used here, from the array ``fns`` of their addresses, in the order of
 * valuation/native.py: SQLITE_FUNCTIONS (an address not given is 0 and that function is not called). */
typedef struct {
    int (*step)(void *);
    int (*reset)(void *);
    int (*column_type)(void *, int);
    int64_t (*column_int64)(void *, int);
    double (*column_double)(void *, int);
    const void *(*column_blob)(void *, int);
    int (*column_bytes)(void *, int);
    int (*bind_int64)(void *, int, int64_t);
    int (*bind_double)(void *, int, double);
    int (*bind_null)(void *, int);
    int (*bind_text)(void *, int, const void *, int, void *);
    int (*bind_blob)(void *, int, const void *, int, void *);
} Sqlite;

static Sqlite sqlite_functions(const uint64_t *fns) {
    Sqlite f;
    f.step = (int (*)(void *))(uintptr_t)fns[0];
    f.reset = (int (*)(void *))(uintptr_t)fns[1];
    f.column_type = (int (*)(void *, int))(uintptr_t)fns[2];
    f.column_int64 = (int64_t (*)(void *, int))(uintptr_t)fns[3];
    f.column_double = (double (*)(void *, int))(uintptr_t)fns[4];
    f.column_blob = (const void *(*)(void *, int))(uintptr_t)fns[5];
    f.column_bytes = (int (*)(void *, int))(uintptr_t)fns[6];
    f.bind_int64 = (int (*)(void *, int, int64_t))(uintptr_t)fns[7];
    f.bind_double = (int (*)(void *, int, double))(uintptr_t)fns[8];
    f.bind_null = (int (*)(void *, int))(uintptr_t)fns[9];
    f.bind_text = (int (*)(void *, int, const void *, int, void *))(uintptr_t)fns[10];
    f.bind_blob = (int (*)(void *, int, const void *, int, void *))(uintptr_t)fns[11];
    return f;
}

#define SQLITE_ROW 100
#define SQLITE_DONE 101
#define SQLITE_INTEGER 1
#define SQLITE_FLOAT 2
#define SQLITE_TEXT 3
#define SQLITE_BLOB 4
#define SQLITE_NULL 5

enum { DONE, FULL, LIMIT, UNEXPECTED, FAILED };

/* ----- reading rows (processing_provider/_gpkg_read_numba.py: read) ---------------------------------------- */

/* Step the prepared SELECT fid, geom, <columns> from row ``row`` on; the 2-D arrays (reals, ints, nulls,
 * text_start, text_end) have rows of ``stride`` entries. out: (rows filled, text bytes used, geometry bytes
 * used, column of an unexpected value). Returns the status (DONE, FULL, LIMIT, UNEXPECTED, FAILED: then out[3]
 * is SQLite's code). */
int swc_gpkg_read(void *stmt, const int8_t *kind, const int64_t *slot, int64_t n_cols, int64_t stride, int64_t row,
                  int64_t limit, int64_t pending, int64_t *fids, double *reals, int64_t *ints, uint8_t *nulls,
                  uint8_t *text, int64_t text_size, int64_t *text_start, int64_t *text_end, int64_t text_pos,
                  uint8_t *geom, int64_t geom_size, int64_t *geom_start, int64_t *geom_end, int64_t geom_pos,
                  const uint64_t *fns, int64_t *out) {
    const Sqlite f = sqlite_functions(fns);
    int status = LIMIT;
    out[3] = 0;
    while (row < limit) {
        if (pending == 0) {
            int rc = f.step(stmt);
            if (rc == SQLITE_DONE) { status = DONE; goto done; }
            if (rc != SQLITE_ROW) { status = FAILED; out[3] = rc; goto done; }
        }
        pending = 0;
        /* room for this row: checked first, so a full buffer leaves nothing half-written */
        int64_t need_text = 0;
        for (int64_t j = 0; j < n_cols; j++)
            if (kind[j] == 2 && f.column_type(stmt, (int)j + 2) == SQLITE_TEXT) need_text += f.column_bytes(stmt, (int)j + 2);
        int64_t need_geom = f.column_type(stmt, 1) == SQLITE_BLOB ? f.column_bytes(stmt, 1) : 0;
        if (text_pos + need_text > text_size || geom_pos + need_geom > geom_size) { status = FULL; goto done; }
        fids[row] = f.column_int64(stmt, 0);
        int t = f.column_type(stmt, 1);
        if (t == SQLITE_NULL) {
            geom_start[row] = -1;
            geom_end[row] = geom_pos;
        } else if (t == SQLITE_BLOB) {
            int64_t size = f.column_bytes(stmt, 1);
            const uint8_t *ptr = f.column_blob(stmt, 1);
            if (size < 8) { status = UNEXPECTED; out[3] = -1; goto done; }
            uint8_t flags = ptr[3];
            int envelope = (flags >> 1) & 7;
            if (ptr[0] != 0x47 || ptr[1] != 0x50 || ptr[2] != 0 || (flags & 0x20) || envelope > 4) {
                status = UNEXPECTED; out[3] = -1; goto done;
            }
            int64_t skip = 8 + (envelope == 0 ? 0 : envelope == 1 ? 32 : envelope == 4 ? 64 : 48);
            if (size < skip) { status = UNEXPECTED; out[3] = -1; goto done; }
            memcpy(geom + geom_pos, ptr + skip, (size_t)(size - skip));
            geom_start[row] = geom_pos;
            geom_pos += size - skip;
            geom_end[row] = geom_pos;
        } else {
            status = UNEXPECTED; out[3] = -1; goto done;
        }
        for (int64_t j = 0; j < n_cols; j++) {
            int c = (int)j + 2;
            int ct = f.column_type(stmt, c);
            int k = kind[j];
            int64_t at = slot[j] * stride + row;
            if (ct == SQLITE_NULL) {
                nulls[j * stride + row] = 1;
                if (k == 0) reals[at] = NAN;
                else if (k == 2) { text_start[at] = text_pos; text_end[at] = text_pos; }
                continue;
            }
            if (k == 0) {
                if (ct != SQLITE_FLOAT && ct != SQLITE_INTEGER) { status = UNEXPECTED; out[3] = j; goto done; }
                reals[at] = f.column_double(stmt, c);
            } else if (k == 1) {
                if (ct != SQLITE_INTEGER) { status = UNEXPECTED; out[3] = j; goto done; }
                ints[at] = f.column_int64(stmt, c);
            } else {
                if (ct != SQLITE_TEXT) { status = UNEXPECTED; out[3] = j; goto done; }
                const void *ptr = f.column_blob(stmt, c); /* the text's bytes (UTF-8 in a UTF-8 file) */
                int64_t size = f.column_bytes(stmt, c);
                memcpy(text + text_pos, ptr, (size_t)size);
                text_start[at] = text_pos;
                text_pos += size;
                text_end[at] = text_pos;
            }
        }
        row += 1;
    }
done:
    out[0] = row;
    out[1] = text_pos;
    out[2] = geom_pos;
    return status;
}

/* One column's non-NULL values from ``text``, each followed by a NUL byte, into ``dst``; returns the bytes
 * written (processing_provider/_gpkg_read_numba.py: gather). */
int64_t swc_gather(const uint8_t *text, const int64_t *start, const int64_t *end, const uint8_t *nulls, int64_t n,
                   uint8_t *dst) {
    int64_t pos = 0;
    for (int64_t r = 0; r < n; r++) {
        if (nulls[r]) continue;
        memcpy(dst + pos, text + start[r], (size_t)(end[r] - start[r]));
        pos += end[r] - start[r];
        dst[pos++] = 0;
    }
    return pos;
}

static int64_t u32(const uint8_t *buf, int64_t p) {
    return (int64_t)buf[p] | ((int64_t)buf[p + 1] << 8) | ((int64_t)buf[p + 2] << 16) | ((int64_t)buf[p + 3] << 24);
}

/* Where the little-endian 2-D Polygon at p ends (-1: it is not one, or passes b). */
static int64_t polygon_end(const uint8_t *buf, int64_t p, int64_t b) {
    if (p + 9 > b || buf[p] != 1 || u32(buf, p + 1) != 3) return -1;
    int64_t rings = u32(buf, p + 5);
    p += 9;
    for (int64_t i = 0; i < rings; i++) {
        if (p + 4 > b) return -1;
        p += 4 + 16 * u32(buf, p);
        if (p > b) return -1;
    }
    return p;
}

/* out[r]: whether geom[start[r]:end[r]] is a little-endian 2-D Polygon or MultiPolygon of such Polygons and
 * nothing more (processing_provider/_gpkg_read_numba.py: plain_polygonal). */
void swc_plain_polygonal(const uint8_t *geom, const int64_t *start, const int64_t *end, int64_t n, uint8_t *out) {
    for (int64_t r = 0; r < n; r++) {
        int64_t a = start[r], b = end[r];
        out[r] = 0;
        if (a < 0 || a + 9 > b || geom[a] != 1) continue;
        int64_t t = u32(geom, a + 1);
        if (t == 3) {
            out[r] = polygon_end(geom, a, b) == b;
        } else if (t == 6) {
            int64_t p = a + 9, parts = u32(geom, a + 5);
            for (int64_t i = 0; i < parts; i++) {
                p = polygon_end(geom, p, b);
                if (p < 0) break;
            }
            out[r] = p == b;
        }
    }
}

/* ----- inserting rows (processing_provider/_gpkg_insert_numba.py: insert, insert_pairs) -------------------- */

/* Step the bound row r of stmt and reset it; on failure out = (r, SQLite's code) and 0 is returned. */
static int step_row(const Sqlite *f, void *stmt, int64_t r, int64_t *out) {
    int rc = f->step(stmt);
    f->reset(stmt);
    if (rc == SQLITE_DONE) return 1;
    out[0] = r;
    out[1] = rc;
    return 0;
}

/* Bind and step the prepared INSERT for n rows (fids first_fid, first_fid + 1, ...); the 2-D arrays reals,
 * ints and codes have rows of n entries, env has 32 bytes a row. out[0]: rows done, out[1]: SQLite's code of
 * the failing step or 0. */
void swc_gpkg_insert(void *stmt, int64_t first_fid, int64_t n, const int8_t *kind, const uint8_t *head,
                     const uint8_t *env, const uint8_t *wkb, const int64_t *wkb_off, uint8_t *scratch,
                     const double *reals, int64_t n_real, const int64_t *ints, int64_t n_int, const int64_t *codes,
                     int64_t n_text, const uint8_t *text, const int64_t *text_off, const int64_t *text_base,
                     const uint64_t *fns, int64_t *out) {
    static const uint8_t multi[9] = {1, 6, 0, 0, 0, 1, 0, 0, 0}; /* little-endian MultiPolygon of 1 part */
    const Sqlite f = sqlite_functions(fns);
    for (int64_t r = 0; r < n; r++) {
        f.bind_int64(stmt, 1, first_fid + r);
        int k = kind[r];
        if (k == 0) {
            f.bind_null(stmt, 2);
        } else {
            memcpy(scratch, head, 8);
            int64_t size = 8;
            if (k == 1) {
                scratch[3] = 0x11;
            } else {
                memcpy(scratch + 8, env + 32 * r, 32);
                size = 40;
            }
            if (k == 2) {
                memcpy(scratch + size, multi, 9);
                size += 9;
            }
            int64_t a = wkb_off[r], e = wkb_off[r + 1];
            memcpy(scratch + size, wkb + a, (size_t)(e - a));
            size += e - a;
            f.bind_blob(stmt, 2, scratch, (int)size, NULL); /* static: read while stepping, before the next row */
        }
        int p = 3;
        for (int64_t j = 0; j < n_real; j++, p++) {
            double v = reals[j * n + r];
            if (isnan(v)) f.bind_null(stmt, p);
            else f.bind_double(stmt, p, v);
        }
        for (int64_t j = 0; j < n_int; j++, p++) f.bind_int64(stmt, p, ints[j * n + r]);
        for (int64_t j = 0; j < n_text; j++, p++) {
            int64_t c = codes[j * n + r];
            if (c < 0) {
                f.bind_null(stmt, p);
            } else {
                int64_t t = text_base[j] + c;
                f.bind_text(stmt, p, text + text_off[t], (int)(text_off[t + 1] - text_off[t]), NULL);
            }
        }
        if (!step_row(&f, stmt, r, out)) return;
    }
    out[0] = n;
    out[1] = 0;
}

/* Bind a[r], b[r] as the two parameters of the prepared stmt and step it for every row r. */
void swc_insert_pairs(void *stmt, const int64_t *a, const int64_t *b, int64_t n, const uint64_t *fns, int64_t *out) {
    const Sqlite f = sqlite_functions(fns);
    for (int64_t r = 0; r < n; r++) {
        f.bind_int64(stmt, 1, a[r]);
        f.bind_int64(stmt, 2, b[r]);
        if (!step_row(&f, stmt, r, out)) return;
    }
    out[0] = n;
    out[1] = 0;
}
