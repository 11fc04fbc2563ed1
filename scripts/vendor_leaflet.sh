#!/usr/bin/env bash
# Vendor Leaflet for the offline promotion map (swcvalue:promotionmap, docs/promotion.md).
#
# Fetches a pinned Leaflet release from the npm registry with `npm pack`, checks the tarball against the
# registry's dist.integrity (sha512, Subresource-Integrity format) and copies leaflet.js, leaflet.css, the
# licence and the package.json into resources/vendor/leaflet/. Run it again to re-check or to move the pin;
# commit the result. The plugin never fetches anything at run time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${LEAFLET_VERSION:-1.9.4}"
DEST="$ROOT/resources/vendor/leaflet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

expected="$(npm view "leaflet@$VERSION" dist.integrity)"
case "$expected" in
    sha512-*) ;;
    *) echo "vendor_leaflet: the registry gave no sha512 integrity for leaflet@$VERSION: '$expected'" >&2; exit 1 ;;
esac
tarball="$(cd "$WORK" && npm pack --silent "leaflet@$VERSION" | tail -n 1)"
actual="sha512-$(openssl dgst -sha512 -binary "$WORK/$tarball" | base64 -w 0)"
if [ "$actual" != "$expected" ]; then
    echo "vendor_leaflet: integrity mismatch for $tarball" >&2
    echo "  registry: $expected" >&2
    echo "  tarball:  $actual" >&2
    exit 1
fi
tar -xzf "$WORK/$tarball" -C "$WORK"
pkg="$WORK/package"
got="$(node -p "require('$pkg/package.json').version")"
[ "$got" = "$VERSION" ] || { echo "vendor_leaflet: package.json says $got, expected $VERSION" >&2; exit 1; }
mkdir -p "$DEST"
cp "$pkg/dist/leaflet.js" "$pkg/dist/leaflet.css" "$DEST/"
cp "$pkg/LICENSE" "$DEST/LICENSE"
cp "$pkg/package.json" "$DEST/package.json"
cat > "$DEST/VENDORED.txt" <<TXT
Leaflet $VERSION (BSD-2-Clause, see LICENSE), from the npm registry package leaflet@$VERSION
tarball integrity: $expected
files: dist/leaflet.js, dist/leaflet.css, LICENSE, package.json (unchanged)
re-create or update: scripts/vendor_leaflet.sh (LEAFLET_VERSION=x.y.z to move the pin)
TXT
(cd "$DEST" && sha256sum leaflet.js leaflet.css LICENSE package.json >> VENDORED.txt)
echo "vendor_leaflet: leaflet@$VERSION verified ($expected) and copied to ${DEST#"$ROOT"/}"
