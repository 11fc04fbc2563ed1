"""An example promotion map from the demo's valued parcels (``make demo`` first), and its screenshot.

    .venv/bin/python scripts/promotion_example.py [--out DIR] [--png docs/images/promotion_map.png] [--lot JY03]

Builds a scratch register in DIR with the three sample lots as trades — JY03 signed (the demo's price), JY02 and
JY01 listed with listing prices — writes DIR/promotion.html with :mod:`valuation.promotion` and, with ``--png``,
opens it in headless Chromium (network refused) with a lot's panel open and saves a screenshot (the README's).
Sellers and eligibility of JY01/JY02 are filled in here for the example only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402

from valuation.promotion import page_data, render_page, write_page  # noqa: E402
from valuation.register import Register  # noqa: E402
from valuation.trading import advance_trade, create_trade  # noqa: E402

OWNED = ROOT / "demo_output" / "trade" / "owned_parcels.gpkg"
LISTING = {"LISTING_DATE": "2025-04-20", "TERM_YEARS": 20, "CONTACT": "示例县水利局 023-0000 0000",
           "OPERATOR_SCOPE": "依法设立的企业或农民专业合作社，具备生态旅游或林下经营经验"}
TRADES = {
    "JY03": ("水土保持生态产品经营权", "signed", 1_860_000, {
        "OPERATING_FORMS": "生态旅游；林下种植", "PUBLICITY_OUTCOME": "无异议",
        "OPERATOR": "示例县山水生态旅游开发有限公司",
        "OPERATOR_CD": "91500115MA5U7X3K2C", "START_DATE": "2025-07-01", "PRICE": 1_840_000,
        "PAYMENT_METHOD": "分期支付", "CONTRACT_NO": "SBJY-2025-001", "SIGNING_DATE": "2025-06-18",
        "REVENUE_PLAN_NO": "示府办〔2025〕31号", "REVENUE_PLAN_DATE": "2025-06-10"}),
    "JY02": ("生态旅游经营权", "listed", 2_400_000, {"OPERATING_FORMS": "生态旅游；康养"}),
    "JY01": ("林下种植经营权", "publicised", 9_600_000, {"OPERATING_FORMS": "林下种植；林下养殖"}),
}


def build(out: Path) -> Path:
    parcels = gpd.read_file(OWNED, layer="owned_parcels")
    reg = Register.create(out / "register.gpkg")
    for lot, (product, status, listing_price, extra) in TRADES.items():
        part = parcels[parcels["SCOPE_ID"] == lot].copy()
        part["ELIGIBLE"] = 1
        part["SELLER"] = part["SELLER"].fillna(part["ZLDWMC"].fillna("村集体经济组织"))
        accounted = round(float(part["V_TOTAL"].sum()), 2)
        create_trade(reg, lot, {"PRODUCT": product}, part)
        fields = {"ACCOUNTED_VALUE": accounted, "ACCOUNT_DATE": "2025-03-10", "APPRAISER": "重庆某资产评估有限公司",
                  "APPRAISED_VALUE": listing_price, "APPRAISAL_DATE": "2025-04-02", "LISTING_PRICE": listing_price,
                  "PLATFORM_REF": f"CQ-GG-2025-{lot}", "PUBLICITY_START": "2025-04-21", "PUBLICITY_END": "2025-05-20",
                  **LISTING, **extra}
        advance_trade(reg, lot, status, fields)
    page = page_data(reg, parcels, title="示例县水土保持生态产品推介图")
    return write_page(out / "promotion.html", render_page(page))


def screenshot(page: Path, png: Path, lot: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"])
        view = browser.new_page(viewport={"width": 1280, "height": 880}, device_scale_factor=1)
        view.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        view.goto(page.resolve().as_uri())
        view.wait_for_selector("body[data-ready=true]", state="attached")
        view.click(f"path[data-lot='{lot}']")
        view.wait_for_selector(f"#panel[data-lot='{lot}']", state="attached")
        view.mouse.move(5, 860)
        png.parent.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(png))
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "demo_output" / "promotion")
    ap.add_argument("--png", type=Path)
    ap.add_argument("--lot", default="JY03")
    args = ap.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    page = build(args.out)
    print(page)
    if args.png:
        screenshot(page, args.png, args.lot)
        print(args.png)


if __name__ == "__main__":
    main()
