"""The documents' model (valuation/report_model.py): totals, parameters, the .xlsx and editable templates."""

from __future__ import annotations

import pandas as pd
import pytest

from valuation.report_model import TEMPLATES, fmt, render, valuation_model, write_valuation_xlsx


def valued() -> pd.DataFrame:
    return pd.DataFrame({
        "PARCEL_ID": ["A", "B", "C"], "DLBM": ["0301", "0301", "0103"], "DLMC": ["乔木林地", "乔木林地", "旱地"],
        "AREA_M2": [6666.67, 3333.33, 10000.0], "V_MAT": [10.0, 0.0, 100.0], "V_REG": [900.0, 400.0, 50.0],
        "V_CUL": [90.0, 0.0, 0.0], "V_TOTAL": [1000.0, 400.0, 150.0], "V_TOT_LO": [800.0, 300.0, 100.0],
        "V_TOT_HI": [1500.0, 600.0, 200.0], "DV_TOTAL": [50.0, 0.0, 10.0], "V_PER_MU": [100.0, 80.0, 10.0]})


def test_totals_by_class_and_landuse():
    prov = pd.DataFrame([{"kind": "run", "key": "parameter_set", "text": "cq"},
                         {"kind": "parameter", "key": "price_x", "value": 2.5, "unit": "元/t", "price_year": 2024.0,
                          "source": "定额", "note": "n"}])
    m = valuation_model(valued(), prov, "示例县", "2025")
    cls = m["tables"]["按价值类别"].set_index("价值类别")["核算价值（元/a）"]
    assert (cls["物质供给"], cls["调节服务"], cls["文化服务"], cls["合计"]) == (110.0, 1350.0, 90.0, 1550.0)
    assert (cls["合计下限"], cls["合计上限"], cls["水土保持措施提升价值增量"]) == (1200.0, 2300.0, 60.0)
    lu = m["tables"]["按地类"].set_index("地类编码")
    assert lu.loc["0301", "图斑数"] == 2 and lu.loc["0301", "合计（元/a）"] == 1400.0
    assert lu.loc["0301", "单位面积价值（元/(亩·a)）"] == pytest.approx(1400 / 15)
    params = m["tables"]["核算参数"]
    assert params.iloc[0].tolist()[:7] == ["price_x", 2.5, None, None, "元/t", 2024.0, "定额"]
    assert "2024" in m["parameters"] and "2,024" not in m["parameters"]
    assert m["tables"]["图斑"].columns[0] == "图斑编号"


def test_xlsx_and_edited_template(tmp_path):
    from openpyxl import load_workbook

    m = valuation_model(valued(), None)
    write_valuation_xlsx(m, str(tmp_path / "r.xlsx"))
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb["图斑"].max_row == 4 and wb["图斑"]["A1"].value == "图斑编号"
    html = render("valuation_report", m, "'WenQuanYi Zen Hei'")
    assert "水土保持生态产品价值核算报告" in html and "'WenQuanYi Zen Hei'" in html and "$by_class" not in html
    (tmp_path / "valuation_report.html").write_text("<h1>$title — 本县格式</h1>$by_class", encoding="utf-8")
    edited = render("valuation_report", m, templates=tmp_path)
    assert edited.startswith("<h1>水土保持生态产品价值核算报告 — 本县格式</h1><table")
    assert (TEMPLATES / "certificate.html").is_file()


def test_fmt():
    assert (fmt(None), fmt(float("nan")), fmt(3), fmt(1234.5), fmt("<b>")) == ("—", "—", "3", "1,234.50", "&lt;b&gt;")
