"""The generated parameter reference stays in step with the parameter table; the method docs list every field."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "parameter_docs.py"
METHOD_DOCS = (ROOT / "docs" / "method.md", ROOT / "docs" / "zh_CN" / "method.md")


@pytest.fixture(scope="module")
def docs_module():
    spec = importlib.util.spec_from_file_location("parameter_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("parameter_docs", module)
    spec.loader.exec_module(module)
    return module


def test_committed_parameter_docs_are_up_to_date(docs_module):
    stale = docs_module.stale()
    assert not stale, (f"{', '.join(str(p.relative_to(ROOT)) for p in stale)} differ from the parameter table: "
                       "run python scripts/parameter_docs.py")
    assert docs_module.main(["--check"]) == 0


def test_check_fails_on_a_stale_or_missing_file(docs_module, tmp_path):
    assert docs_module.main(["--docs", str(tmp_path), "--check"]) == 1  # nothing written yet
    assert docs_module.main(["--docs", str(tmp_path)]) == 0
    assert docs_module.main(["--docs", str(tmp_path), "--check"]) == 0
    page = tmp_path / "zh_CN" / "parameters.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert docs_module.main(["--docs", str(tmp_path), "--check"]) == 1


def test_output_is_deterministic_and_lists_every_key_once(docs_module):
    with open(docs_module.DEFAULT_PATH, encoding="utf-8-sig", newline="") as fh:
        keys = [r["key"] for r in csv.DictReader(fh)]
    for lang in ("en", "zh"):
        text = docs_module.render(lang=lang)
        assert text == docs_module.render(lang=lang)
        listed = [line.split("`")[1] for line in text.splitlines() if line.startswith("| `")]
        assert sorted(listed) == sorted(keys)  # every key, each once
    assert "## 1. Switches" in docs_module.render(lang="en")
    assert "## 1. 开关" in docs_module.render(lang="zh")


def test_every_row_lands_in_a_named_group(docs_module):
    with open(docs_module.DEFAULT_PATH, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    other = [r["key"] for r in rows if docs_module.group_of(r) == "other"]
    assert not other, f"add a prefix for {other} to GROUPS in scripts/parameter_docs.py"
    assert docs_module.group_of({"key": "oxygen_enabled", "unit": "0/1"}) == "switches"
    assert docs_module.group_of({"key": "storm_runoff_coef.forest", "unit": "-"}) == "flood"
    assert docs_module.group_of({"key": "runoff_coef.forest", "unit": "-"}) == "water"
    assert docs_module.group_of({"key": "price_year_target", "unit": "year"}) == "cpi"


def test_a_custom_table_renders(docs_module, tmp_path):
    table = tmp_path / "t.csv"
    shutil.copy(docs_module.DEFAULT_PATH, table)
    with open(table, "a", encoding="utf-8", newline="") as fh:
        fh.write('new_thing,2,1,3,-,,test,[ASSUMPTION],,"a | b * c <d>"\n')
    text = docs_module.render(table, "en")
    assert "## 13. Other" in text  # 12 is Trading (platform_margin_max)
    assert "a \\| b \\* c &lt;d&gt;" in text
    assert "`new_thing`" in text.split("## Placeholders")[1]


@pytest.mark.parametrize("path", METHOD_DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_method_docs_list_every_output_field(path):
    from valuation.valuing import OUTPUT_FIELDS

    text = path.read_text(encoding="utf-8")
    missing = [name for name, *_ in OUTPUT_FIELDS if f"`{name}`" not in text]
    if "`V_PER_MU`" not in text:
        missing.append("V_PER_MU")
    assert not missing, f"{path.name} does not document the output field(s) {missing}"
