"""``swcvalue:promotionmap``: the page opened in headless Chromium from a file:// URL with the network refused, one
shape per lot, each lot's panel with its area and price from the register; and a qgis_process.bin run.

Data: tests/promotion_data.py (T1 signed at 28,000 元 on 45 亩; T2 listed at 12,000 元 on 30 亩; T3 appraised).
Chromium is Debian's (scripts/setup_env.sh installs it for ``make test``), driven by playwright from PyPI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import processing
import pytest
from promotion_data import HOSTILE, build_register, valued_parcels

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"
SCREENSHOT = ROOT / "tests" / "screenshots" / "promotion_map.png"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
#: The register's figures, formatted as the page shows them (area: AREA_M2 sum × 15 / 10,000).
EXPECTED = {"T1": ("45.00 亩", "成交价", "28,000.00 元"), "T2": ("30.00 亩", "挂牌价", "12,000.00 元")}


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    return sync_playwright


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or _playwright() is None,
    reason="Debian's chromium and the playwright package are needed (scripts/setup_env.sh installs both for "
           "`make test`)")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("promotion")
    valued = folder / "valued.gpkg"
    parcels = valued_parcels()
    parcels.to_file(valued, layer="valued", driver="GPKG")
    return valued, build_register(folder / "project.gpkg", parcels)


@pytest.fixture(scope="module")
def page(plugin, data, tmp_path_factory) -> Path:
    valued, register = data
    out = tmp_path_factory.mktemp("promotion_page") / "promotion.html"
    res = processing.run("swcvalue:promotionmap", {"REGISTER": str(register), "PARCELS": str(valued),
                                                   "COUNTY": "示例县", "OUTPUT": str(out)})
    assert res["LOT_COUNT"] == 2 and Path(res["OUTPUT"]) == out
    return out


@needs_chromium
def test_page_offline_in_chromium(page):
    requests: list[str] = []
    refused: list[str] = []
    errors: list[str] = []
    with _playwright()() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"])
        try:
            view = browser.new_page(viewport={"width": 1200, "height": 720})
            view.on("request", lambda r: requests.append(r.url))
            view.on("pageerror", lambda e: errors.append(str(e)))

            def guard(route):
                if route.request.url.startswith("file:"):
                    route.continue_()
                else:
                    refused.append(route.request.url)
                    route.abort()

            view.route("**/*", guard)
            view.goto(page.as_uri())
            view.wait_for_selector("body[data-ready=true]", state="attached")
            assert view.title() == "示例县水土保持生态产品推介图"  # the hostile operator conditions ran no script
            # one shape per lot, and nothing else is clickable
            assert view.locator("path.swc-lot").count() == 2
            assert sorted(view.locator("path.swc-lot").evaluate_all(
                "els => els.map(e => e.getAttribute('data-lot'))")) == ["T1", "T2"]
            assert view.locator("path.leaflet-interactive").count() == 2
            assert "审图号" in view.inner_text("#map-review-note")
            for lot, (area, label, price) in EXPECTED.items():
                view.click(f"path[data-lot='{lot}']")
                view.wait_for_selector(f"#panel[data-lot='{lot}']", state="attached")
                assert view.inner_text("#panel tr[data-field=area] td").startswith(area)
                assert view.inner_text("#panel tr[data-field=price] th") == label
                assert view.inner_text("#panel tr[data-field=price] td") == price
            assert view.inner_text("#panel tr[data-field=scope] td") == HOSTILE  # T2's markup shown as text
            assert view.locator("#panel b").count() == 0
            view.click("path[data-lot='T1']")
            view.wait_for_selector("#panel[data-lot='T1']", state="attached")
            assert view.inner_text("#panel tr[data-field=scope] td") == "依法设立的企业或合作社"
            view.mouse.move(5, 700)  # no tooltip in the picture
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            view.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()
    assert not errors, errors
    assert not refused, refused
    assert requests == [page.as_uri()]  # the page alone: nothing else, not even a local file
    assert SCREENSHOT.stat().st_size > 10_000


@pytest.mark.qgis_process
def test_precise_page_through_qgis_process(plugin, data, tmp_path):
    valued, register = data
    out = tmp_path / "precise.html"
    proc = subprocess.run([str(QP), "run", "swcvalue:promotionmap", "--", f"REGISTER={register}",
                           f"PARCELS={valued}|layername=valued", "TRADE_IDS=T3,T1", "PRECISE=true",
                           "TITLE=推介图（精确边界）", f"OUTPUT={out}"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"LOT_COUNT:\s*2", proc.stdout), proc.stdout
    text = out.read_text(encoding="utf-8")
    data_json = json.loads(re.search(r'<script type="application/json" id="swc-data">(.*?)</script>', text,
                                     re.S).group(1))
    assert [lot["id"] for lot in data_json["lots"]] == ["T3", "T1"]
    assert data_json["boundaries"] == {"mode": "precise", "generalise_m": 0.0, "decimals": 7}
    assert "<title>推介图（精确边界）</title>" in text and "精确边界" in data_json["note"]
    t3 = {r["k"]: r["v"] for r in data_json["lots"][0]["panel"]}
    assert t3["价格"] == "待定" and t3["面积"].startswith("15.00 亩")


def test_unknown_trade_is_reported(plugin, data, tmp_path):
    from qgis.core import QgsProcessingException

    valued, register = data
    with pytest.raises(QgsProcessingException, match="T9"):
        processing.run("swcvalue:promotionmap", {"REGISTER": str(register), "PARCELS": str(valued),
                                                 "TRADE_IDS": "T1,T9", "OUTPUT": str(tmp_path / "x.html")})
    assert not (tmp_path / "x.html").exists()
