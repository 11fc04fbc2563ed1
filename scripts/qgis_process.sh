#!/usr/bin/env bash
# Run qgis_process.bin with this checkout installed as the plugin `swc_ecovalue`, in a
# throwaway profile, headless, with the venv's geo stack on PYTHONPATH.
#   scripts/qgis_process.sh run swcvalue:splitparcels -- SCOPE=... PARCELS=... OUTPUT=...
# SWC_LOCALE=zh-Hans selects the Chinese UI (default: en).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${SWC_BUILD_DIR:-$ROOT/.build}"
VENV="${VENV:-$ROOT/.venv}"
mkdir -p "$BUILD/plugins" "$BUILD/runtime"
chmod 700 "$BUILD/runtime"
ln -sfn "$ROOT" "$BUILD/plugins/swc_ecovalue"
PROFILE="$BUILD/qgis-profile-${SWC_LOCALE:-en}"
INI="$PROFILE/profiles/default/QGIS/QGIS3.ini"
mkdir -p "$(dirname "$INI")"
cat > "$INI" <<INI
[PythonPlugins]
swc_ecovalue=true
[locale]
overrideFlag=true
userLocale=${SWC_LOCALE:-en}
INI
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
export QGIS_PLUGINPATH="$BUILD/plugins" QGIS_CUSTOM_CONFIG_PATH="$PROFILE"
export PYTHONPATH="$SITE${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$BUILD/runtime"
export PYTHONWARNINGS="ignore::DeprecationWarning"
exec /usr/bin/qgis_process.bin "$@"
