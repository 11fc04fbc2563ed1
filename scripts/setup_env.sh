#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine (root, package registries only):
#   1. Debian's QGIS 3.22 LTR, Qt translation tools and the GDAL/GEOS/PROJ build packages;
#   2. .venv (from /usr/bin/python3, --system-site-packages) with the geo stack built
#      from source against Debian's libraries, numpy < 2, and the test tools;
#   3. the C kernels (scripts/build_native.sh).
# Re-running it is cheap: each step is skipped when already done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
DEB_PACKAGES=(qgis python3-qgis qgis-providers xvfb xauth python3-venv
              libgdal-dev libgeos-dev libproj-dev proj-bin g++ python3-dev
              pyqt5-dev-tools qttools5-dev-tools zip
              fonts-wqy-zenhei poppler-utils chromium)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# the C kernels (valuation/_native.c), rebuilt when their source changed
bash "$ROOT/scripts/build_native.sh"

stamp_src=$(cat "$ROOT"/requirements/*.txt "$0" | sha256sum | cut -c1-16)
STAMP="$VENV/.swc-stamp-$stamp_src"
if [ -f "$STAMP" ]; then
    exit 0
fi
echo "setup: building $VENV (geo stack from source; ~6 min the first time)"
[ -x "$VENV/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$VENV"
PIP="$VENV/bin/pip --disable-pip-version-check -q"
$PIP install -r "$ROOT/requirements/build.txt"
# pyproj 3.6.1 is the last release that builds on PROJ 9.1; it needs Cython < 3.
PROJ_DIR=/usr PROJ_VERSION="$(dpkg-query -W -f='${Version}' libproj-dev | cut -d- -f1)" \
    $PIP install --no-build-isolation --no-binary pyproj pyproj==3.6.1
$PIP install --no-binary shapely,rasterio,pyogrio -r "$ROOT/requirements/geo.txt"
$PIP install -r "$ROOT/requirements/dev.txt"
rm -f "$VENV"/.swc-stamp-*
touch "$STAMP"
