#!/usr/bin/env bash
# Build dist/swc_ecovalue-<version>.zip for QGIS "Install from ZIP": the plugin folder only,
# without tests, dev files, caches or the venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(sed -n 's/^version=//p' "$ROOT/metadata.txt")"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/swc_ecovalue" "$ROOT/dist"
cd "$ROOT"
git ls-files -co --exclude-standard -- metadata.txt LICENSE '*.py' resources docs \
    | grep -v -E '^(tests|scripts|bench|\.ci)/|generate_(sample|later_state)\.py$' \
    | while read -r f; do [ -f "$f" ] && mkdir -p "$STAGE/swc_ecovalue/$(dirname "$f")" && cp "$f" "$STAGE/swc_ecovalue/$f"; done
rm -f "$STAGE/swc_ecovalue/resources/i18n/"*.ts
ZIP="$ROOT/dist/swc_ecovalue-$VERSION.zip"
rm -f "$ZIP"
(cd "$STAGE" && zip -qr "$ZIP" swc_ecovalue)
echo "$ZIP"
