"""Land-use codes (GB/T 21010-2017 and the 三调 working classification) and their ecosystem types.

The code table is data: ``resources/landuse/landuse_codes.csv`` (``code, name_zh, name_en, level1_zh,
eco_type, source``). This module normalises DLBM values as they come out of real layers (integers,
floats, lower-case suffixes, stray blanks) and maps them to one of :data:`ECO_TYPES`.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pandas as pd

from .errors import ValuationError, short_list

#: Ecosystem types used by the engine; "unknown" marks codes missing from the table.
ECO_TYPES: tuple[str, ...] = (
    "forest", "shrub", "orchard", "cropland", "paddy", "grassland", "wetland_water", "built_up", "bare",
    "unknown",
)

DEFAULT_TABLE_PATH = Path(__file__).resolve().parent.parent / "resources" / "landuse" / "landuse_codes.csv"

_CODE_RE = re.compile(r"^(\d+)([A-Z][A-Z0-9]*)?$")
_FLOAT_TEXT_RE = re.compile(r"^(\d+)\.0*$")


def normalise_code(value: Any) -> str:
    """DLBM as text: 301, 301.0 or "301" → "0301"; " 0201k " → "0201K"; None, NaN or "" → "".

    Three digits get a leading zero (``"201K"`` → ``"0201K"``), as does ``"5H1"`` (→ ``"05H1"``); anything
    else is returned stripped and upper-cased, so a bad code shows up as itself among the unknown ones.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        f = float(value)
        if math.isnan(f):
            return ""
        if f.is_integer():
            value = int(f)
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in ("i", "u")):
        return str(int(value)).zfill(4) if int(value) >= 100 else str(int(value)).zfill(2)
    text = str(value).strip().upper()
    if text in ("", "NAN", "NONE", "NULL", "<NA>"):
        return ""
    m = _FLOAT_TEXT_RE.match(text)
    if m:
        text = m.group(1)
    m = _CODE_RE.match(text)
    if not m:
        return text
    digits, suffix = m.group(1), m.group(2) or ""
    if len(digits) == 3 or (len(digits) == 1 and suffix.startswith("H")):
        digits = "0" + digits
    return digits + suffix


@lru_cache(maxsize=4)
def _read_table(path: str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = {"code", "name_zh", "name_en", "level1_zh", "eco_type", "source"} - set(table.columns)
    if missing:
        raise ValuationError("landuse_table_columns", "Land-use code table {path} lacks columns {columns}.",
                             path=path, columns=short_list(sorted(missing)))
    table["code"] = [normalise_code(c) for c in table["code"]]
    bad = sorted(set(table["eco_type"]) - set(ECO_TYPES))
    if bad:
        raise ValuationError("landuse_table_eco_type",
                             "Land-use code table {path} has unknown eco_type {values}.",
                             path=path, values=short_list(bad))
    dup = sorted(table["code"][table["code"].duplicated()])
    if dup:
        raise ValuationError("landuse_table_duplicates", "Land-use code table {path} repeats codes {codes}.",
                             path=path, codes=short_list(dup))
    return table.set_index("code")


def load_code_table(path: Optional[str | Path] = None) -> pd.DataFrame:
    """The land-use code table indexed by normalised ``code`` (a fresh copy; the file is read once)."""
    return _read_table(str(Path(path) if path is not None else DEFAULT_TABLE_PATH)).copy()


def classify(codes: pd.Series, keep_unknown: bool = False, table: Optional[pd.DataFrame] = None) -> pd.Series:
    """The eco_type of each DLBM in ``codes`` (index preserved).

    Codes missing from the table raise ``unknown_landuse`` naming the codes and the index values of the
    parcels carrying them, or become ``"unknown"`` when ``keep_unknown`` is True.
    """
    if table is None:
        table = load_code_table()
    normalised = codes.map(normalise_code)
    eco = normalised.map(table["eco_type"].to_dict())
    unknown = eco.isna()
    if unknown.any():
        if not keep_unknown:
            bad_codes = sorted(set(normalised[unknown]))
            raise ValuationError(
                "unknown_landuse",
                "Unknown land-use codes {codes} in parcels {parcels}. "
                "Add them to the code table or keep them as class 'unknown'.",
                codes=short_list([c if c else "(empty)" for c in bad_codes]),
                parcels=short_list(list(codes.index[unknown.to_numpy()])),
            )
        eco = eco.where(~unknown, "unknown")
    return eco.rename(codes.name)
