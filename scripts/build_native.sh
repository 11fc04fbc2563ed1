#!/usr/bin/env bash
# Build the C kernels (valuation/_native.c → valuation/_native.so) when a C compiler is there and the library
# is missing or older than its source; without one the plugin uses numba's kernels (or numpy). Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/valuation/_native.c"
LIB="$ROOT/valuation/_native.so"
CC="${CC:-cc}"
if [ -f "$LIB" ] && [ "$LIB" -nt "$SRC" ]; then
    exit 0
fi
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "setup: no C compiler ($CC): the numba kernels will be used" >&2
    exit 0
fi
# -ffp-contract=off: no fused multiply-add, so the results are the numba kernels' to the bit
TMP="$(mktemp "$LIB.XXXXXX")"
if "$CC" -O2 -ffp-contract=off -fPIC -shared -Wall -Wextra -o "$TMP" "$SRC" -lm; then
    chmod 755 "$TMP"
    mv -f "$TMP" "$LIB"
else
    rm -f "$TMP"
    echo "setup: building $SRC failed: the numba kernels will be used" >&2
fi
