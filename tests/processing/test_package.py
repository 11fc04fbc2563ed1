"""``make package``: a zip QGIS can install, with the plugin folder only."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_zip_contents():
    out = subprocess.run(["bash", str(ROOT / "scripts" / "package.sh")], capture_output=True, text=True, check=True)
    path = Path(out.stdout.strip().splitlines()[-1])
    names = zipfile.ZipFile(path).namelist()
    assert all(n.startswith("swc_ecovalue/") for n in names)
    for required in ("metadata.txt", "__init__.py", "plugin.py", "processing_provider/provider.py",
                     "valuation/parcels.py", "resources/i18n/swc_ecovalue_zh_CN.qm",
                     "resources/landuse/landuse_codes.csv", "resources/parameters/cq_default_v1.csv",
                     "resources/icons/icon.svg"):
        assert f"swc_ecovalue/{required}" in names, required
    assert not [n for n in names if "/tests/" in n or "/scripts/" in n or "/.ci/" in n or n.endswith(".ts")
                or "__pycache__" in n or "/.venv/" in n]
