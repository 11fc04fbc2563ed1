"""Parameter tables: load, validate, override, CPI re-basing, content hash and provenance.

A parameter set is a CSV (``key,value,value_low,value_high,unit,price_year,source,evidence,applies_to,note``)
plus an optional sidecar JSON of the same stem (``id``, ``version``, ``title`` {zh, en}, ``date``).

- Rows whose ``unit`` is ``list`` or ``text`` hold text (lists are ``;``-separated); all others are numeric.
- Rows with a ``price_year`` are prices: :meth:`ParameterSet.rebase` scales them by the CPI ratio
  ``cpi_<target> / cpi_<row year>`` (rows ``cpi_<year>``); physical constants are never touched.
- ``value_low``/``value_high`` are the low/high scenario figures; blank means "same as central".
- Evidence is one of ``[FOUND] [RECALLED] [ASSUMPTION] [DERIVED]``; overrides are marked ``user``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from .errors import ValuationError, short_list

COLUMNS = ("key", "value", "value_low", "value_high", "unit", "price_year", "source", "evidence",
           "applies_to", "note")
#: Units that mark a text row (``list`` rows are ``;``-separated).
TEXT_UNITS = frozenset({"list", "text"})
EVIDENCE = ("[FOUND]", "[RECALLED]", "[ASSUMPTION]", "[DERIVED]", "user")
SCENARIOS = ("central", "low", "high")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "resources" / "parameters" / "cq_default_v1.csv"
#: Columns added to the rows frame: the figures before any re-basing and the factor applied since.
BASE_COLUMNS = ("base_value", "base_low", "base_high", "base_price_year", "cpi_factor")
_NOT_NUMERIC = "Parameter {key} (row {row}): {column} {value!r} is not a number."
_MISSING_CPI = "No CPI index for year(s) {years} in parameter set {set_id} (needed by {keys})."
_UNREADABLE = "Cannot read parameter file {path}: {error}."


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def _text(v: Any) -> str:
    return "" if _blank(v) else str(v).strip()


def _number(v: Any, key: str, row: Any, column: str) -> float:
    """``v`` as a finite float, or ValuationError ``param_not_numeric`` naming key, row and column."""
    try:
        x = float(str(v).strip()) if isinstance(v, str) else float(v)
    except (TypeError, ValueError):
        x = math.nan
    if not math.isfinite(x):
        raise ValuationError("param_not_numeric", _NOT_NUMERIC, key=key, row=row, column=column, value=v)
    return x


def _parse_record(rec: Mapping[str, Any], row: Any) -> dict[str, Any]:
    """One validated row (numbers parsed) from a raw mapping; ``row`` is quoted in errors."""
    key = _text(rec.get("key"))
    if not key:
        raise ValuationError("param_missing_key", "Parameter row {row} has no key.", row=row)
    unit = _text(rec.get("unit"))
    if not unit:
        raise ValuationError("param_missing_unit", "Parameter {key} (row {row}) has no unit.",
                             key=key, row=row)
    evidence = _text(rec.get("evidence"))
    if evidence not in EVIDENCE:
        raise ValuationError("param_bad_evidence",
                             "Parameter {key} (row {row}): evidence {value!r} is not one of {allowed}.",
                             key=key, row=row, value=evidence, allowed=", ".join(EVIDENCE))
    py_raw = rec.get("price_year")
    price_year: int | None = None
    if not _blank(py_raw):
        y = _number(py_raw, key, row, "price_year")
        if y != int(y):
            raise ValuationError("param_not_numeric", _NOT_NUMERIC, key=key, row=row, column="price_year",
                                 value=py_raw)
        price_year = int(y)
    out: dict[str, Any] = {"key": key, "unit": unit, "price_year": price_year, "evidence": evidence,
                           "source": _text(rec.get("source")), "applies_to": _text(rec.get("applies_to")),
                           "note": _text(rec.get("note")), "row": row}
    if unit in TEXT_UNITS:
        if _blank(rec.get("value")):
            raise ValuationError("param_not_numeric", _NOT_NUMERIC, key=key, row=row, column="value",
                                 value="")
        out.update(value=_text(rec.get("value")), value_low=math.nan, value_high=math.nan)
        return out
    central = _number(rec.get("value"), key, row, "value")
    low, high = (math.nan if _blank(rec.get(c)) else _number(rec.get(c), key, row, c)
                 for c in ("value_low", "value_high"))
    if price_year is not None:
        for column, x in (("value", central), ("value_low", low), ("value_high", high)):
            if x < 0:
                raise ValuationError("param_negative_price",
                                     "Parameter {key} (row {row}) is a price but its {column} is negative "
                                     "({value:g}).", key=key, row=row, column=column, value=x)
    if (not math.isnan(low) and low > central) or (not math.isnan(high) and high < central):
        raise ValuationError("param_order",
                             "Parameter {key} (row {row}): expected low ≤ central ≤ high, "
                             "got {low} / {value} / {high}.", key=key, row=row, low=low, value=central,
                             high=high)
    out.update(value=central, value_low=low, value_high=high)
    return out


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows frame (index ``key``) from parsed records; base columns filled when absent."""
    keys = [r["key"] for r in records]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ValuationError("param_duplicate_key", "Parameter keys occur more than once: {keys}.",
                             keys=short_list(dup))
    cols: dict[str, list[Any]] = {c: [] for c in (*COLUMNS, *BASE_COLUMNS, "row")}
    for r in records:
        for c in (*COLUMNS, "row"):
            cols[c].append(r.get(c))
        numeric = not isinstance(r["value"], str)
        cols["base_value"].append(r.get("base_value", r["value"] if numeric else math.nan))
        cols["base_low"].append(r.get("base_low", r["value_low"]))
        cols["base_high"].append(r.get("base_high", r["value_high"]))
        cols["base_price_year"].append(r.get("base_price_year", r["price_year"]))
        cols["cpi_factor"].append(r.get("cpi_factor", 1.0 if r["price_year"] is not None else math.nan))
    df = pd.DataFrame({
        "key": pd.Series(cols["key"], dtype=object),
        "value": pd.Series(cols["value"], dtype=object),
        "value_low": pd.Series(cols["value_low"], dtype="float64"),
        "value_high": pd.Series(cols["value_high"], dtype="float64"),
        "unit": pd.Series(cols["unit"], dtype=object),
        "price_year": pd.Series(cols["price_year"], dtype="Int64"),
        "source": pd.Series(cols["source"], dtype=object),
        "evidence": pd.Series(cols["evidence"], dtype=object),
        "applies_to": pd.Series(cols["applies_to"], dtype=object),
        "note": pd.Series(cols["note"], dtype=object),
        "base_value": pd.Series(cols["base_value"], dtype="float64"),
        "base_low": pd.Series(cols["base_low"], dtype="float64"),
        "base_high": pd.Series(cols["base_high"], dtype="float64"),
        "base_price_year": pd.Series(cols["base_price_year"], dtype="Int64"),
        "cpi_factor": pd.Series(cols["cpi_factor"], dtype="float64"),
        "row": pd.Series(cols["row"], dtype=object),
    })
    return df.set_index("key", drop=False)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict("records"):
        for c in ("price_year", "base_price_year"):
            rec[c] = None if pd.isna(rec[c]) else int(rec[c])
        out.append(rec)
    return out


def _read_csv_records(path: Path) -> list[tuple[dict[str, str], int]]:
    """(record, line number) pairs of a UTF-8 CSV with a header line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValuationError("param_file_unreadable", _UNREADABLE, path=str(path), error=str(exc)) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "key" not in header or "value" not in header:
        raise ValuationError("param_bad_header",
                             "Parameter file {path} needs the columns key and value; it has {columns}.",
                             path=str(path), columns=short_list(header))
    reader.fieldnames = header
    out = []
    for rec in reader:
        if all(_blank(v) for v in rec.values()):
            continue
        out.append(({k: v for k, v in rec.items() if k is not None}, reader.line_num))
    return out


@dataclass(eq=False)
class ParameterSet:
    """A versioned, validated parameter table. Immutable in use: every change returns a new set."""

    id: str
    version: str
    rows: pd.DataFrame
    title_zh: str = ""
    title_en: str = ""
    date: str = ""
    _used: set[str] = field(default_factory=set, repr=False, compare=False)
    _lookup: dict[str, tuple[Any, float, float, str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._lookup = {k: (v, lo, hi, u) for k, v, lo, hi, u in zip(
            self.rows.index, self.rows["value"], self.rows["value_low"], self.rows["value_high"],
            self.rows["unit"])}

    # ----- construction -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> ParameterSet:
        """The table at ``path`` (default: Chongqing set), validated, metadata in <stem>.json."""
        p = Path(path) if path is not None else DEFAULT_PATH
        records = [_parse_record(rec, f"{p.name}:{line}") for rec, line in _read_csv_records(p)]
        meta: dict[str, Any] = {}
        sidecar = p.with_suffix(".json")
        if sidecar.exists():
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ValuationError("param_file_unreadable", _UNREADABLE, path=str(sidecar),
                                     error=str(exc)) from exc
        title = meta.get("title") or {}
        return cls(id=str(meta.get("id", p.stem)), version=str(meta.get("version", "unversioned")),
                   rows=_frame(records), title_zh=str(title.get("zh", "")), title_en=str(title.get("en", "")),
                   date=str(meta.get("date", "")))

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], set_id: str = "custom",
                     version: str = "0") -> ParameterSet:
        """A set from row mappings (CSV column names); rows are numbered from 1 in errors."""
        parsed = [_parse_record(rec, i) for i, rec in enumerate(records, start=1)]
        return cls(id=set_id, version=version, rows=_frame(parsed))

    def _derive(self, rows: pd.DataFrame, version: str | None = None) -> ParameterSet:
        return ParameterSet(self.id, version or self.version, rows, self.title_zh, self.title_en, self.date)

    def copy(self) -> ParameterSet:
        """The same set with a fresh record of used keys."""
        return self._derive(self.rows.copy())

    def with_overrides(self,
                       overrides: str | Path | Mapping[str, Any] | list[Mapping[str, Any]]) -> ParameterSet:
        """A new set with user values for existing keys (CSV/JSON file, a dict or a list of rows).

        Each override gives ``key,value`` and optionally ``value_low, value_high, source, price_year, unit,
        note``; a dict may map key → value or key → {column: value}. Without low/high the user value replaces
        the whole range. Overridden rows get evidence ``user``. Unknown keys raise ``param_unknown_keys``
        listing them.
        """
        items = self._override_items(overrides)
        unknown = [k for k, _, _ in items if k not in self.rows.index]
        if unknown:
            raise ValuationError("param_unknown_keys", "Unknown parameter keys in the overrides: {keys}.",
                                 keys=short_list(unknown))
        by_key = {r["key"]: r for r in _records(self.rows)}
        for key, rec, row in items:
            old = by_key[key]
            old_text = old["value"] if isinstance(old["value"], str) else f"{old['value']:g}"
            merged = {
                "key": key, "value": rec.get("value"), "value_low": rec.get("value_low"),
                "value_high": rec.get("value_high"), "unit": rec.get("unit") or old["unit"],
                "price_year": old["price_year"] if _blank(rec.get("price_year")) else rec["price_year"],
                "source": _text(rec.get("source")) or "user override", "evidence": "user",
                "applies_to": old["applies_to"],
                "note": "; ".join(filter(None, [
                    _text(rec.get("note")), f"overrides {old_text} ({old['evidence']} {old['source']})"])),
            }
            by_key[key] = _parse_record(merged, row)
        return self._derive(_frame(list(by_key.values())), version=f"{self.version}+user")

    @staticmethod
    def _override_items(overrides: Any) -> list[tuple[str, dict[str, Any], Any]]:
        """(key, record, row label) triples from any accepted override form."""
        origin = "override"
        if isinstance(overrides, (str, Path)):
            p = Path(overrides)
            origin = p.name
            if p.suffix.lower() == ".json":
                try:
                    overrides = json.loads(p.read_text(encoding="utf-8-sig"))
                except (OSError, ValueError) as exc:
                    raise ValuationError("param_file_unreadable", _UNREADABLE, path=str(p),
                                         error=str(exc)) from exc
                if isinstance(overrides, dict) and isinstance(overrides.get("overrides"), list):
                    overrides = overrides["overrides"]
            else:
                return [(_text(rec.get("key")), rec, f"{p.name}:{line}")
                        for rec, line in _read_csv_records(p)]
        if isinstance(overrides, Mapping):
            out = []
            for i, (k, v) in enumerate(overrides.items(), start=1):
                rec = dict(v) if isinstance(v, Mapping) else {"value": v}
                rec["key"] = k
                out.append((str(k), rec, f"{origin}:{i}"))
            return out
        if isinstance(overrides, list):
            return [(_text(rec.get("key")), dict(rec), f"{origin}:{i}")
                    for i, rec in enumerate(overrides, start=1)]
        raise ValuationError("param_bad_overrides",
                             "Overrides must be a CSV/JSON file, a dict or a list of rows.")

    def with_rows(self, records: Iterable[Mapping[str, Any]],
                  replace_prefix: str | None = None) -> ParameterSet:
        """A new set plus ``records`` (e.g. a run's visitor figures), minus rows keyed ``replace_prefix*``."""
        keep = _records(self.rows)
        if replace_prefix:
            keep = [r for r in keep if not r["key"].startswith(replace_prefix)]
        added = [_parse_record(rec, f"added:{i}") for i, rec in enumerate(records, start=1)]
        return self._derive(_frame(keep + added))

    # ----- lookups ------------------------------------------------------------------------------------------
    def has(self, key: str) -> bool:
        return key in self.rows.index

    def _row(self, key: str) -> pd.Series:
        self._entry(key)
        return self.rows.loc[key]

    def _entry(self, key: str) -> tuple[Any, float, float, str]:
        try:
            entry = self._lookup[key]
        except KeyError:
            raise ValuationError("param_unknown_key", "Parameter {key} is not in parameter set {set_id}.",
                                 key=key, set_id=self.id) from None
        self._used.add(key)
        return entry

    def value(self, key: str, scenario: str = "central") -> float:
        """The number for ``scenario`` (low/high fall back to central when blank)."""
        if scenario not in SCENARIOS:
            raise ValuationError("param_bad_scenario",
                                 "Unknown price scenario {scenario}; use central, low or high.",
                                 scenario=scenario)
        central, low, high, unit = self._entry(key)
        if unit in TEXT_UNITS:
            raise ValuationError("param_is_text", "Parameter {key} holds text, not a number.", key=key)
        x = {"central": central, "low": low, "high": high}[scenario]
        return float(central if math.isnan(x) else x)

    def integer(self, key: str) -> int:
        x = self.value(key)
        if x != int(x):
            raise ValuationError("param_not_integer",
                                 "Parameter {key} must be a whole number, got {value:g}.", key=key, value=x)
        return int(x)

    def flag(self, key: str) -> bool:
        """A 0/1 switch."""
        x = self.value(key)
        if x not in (0.0, 1.0):
            raise ValuationError("param_not_switch", "Parameter {key} must be 0 or 1, got {value:g}.",
                                 key=key, value=x)
        return x == 1.0

    def text(self, key: str) -> str:
        return str(self._row(key)["value"])

    def items(self, key: str) -> tuple[str, ...]:
        """A ``list`` row as a tuple of its ``;``-separated items."""
        return tuple(s.strip() for s in self.text(key).split(";") if s.strip())

    def applies(self, key: str) -> tuple[str, ...]:
        """The ``;``-separated ``applies_to`` of a row."""
        return tuple(s.strip() for s in str(self._row(key)["applies_to"]).split(";") if s.strip())

    def keys(self, prefix: str = "") -> list[str]:
        return [k for k in self.rows.index if k.startswith(prefix)]

    def table(self, prefix: str, scenario: str = "central") -> dict[str, float]:
        """Rows ``<prefix>.<suffix>`` as {suffix: value}: ``table("runoff_coef")`` → {"forest": 0.0267, …}."""
        stem = prefix + "."
        return {k[len(stem):]: self.value(k, scenario) for k in self.keys(stem)}

    def cpi(self, year: int) -> float:
        key = f"cpi_{int(year)}"
        if key not in self.rows.index:
            raise ValuationError("param_missing_cpi", _MISSING_CPI, years=str(year), set_id=self.id, keys=key)
        return self.value(key)

    @property
    def price_year_target(self) -> int:
        return self.integer("price_year_target")

    # ----- re-basing, hash, provenance ----------------------------------------------------------------------
    def rebase(self, price_year: int) -> ParameterSet:
        """Every priced row re-based to ``price_year``: figures × cpi[target]/cpi[row's original year].

        Computed from the original figures (``base_*``), so repeated re-basing never compounds rounding.
        Physical constants (no price year) are untouched. A missing CPI year raises ``param_missing_cpi``.
        """
        target = int(price_year)
        priced = self.rows[self.rows["base_price_year"].notna()]
        needed = sorted({int(y) for y in priced["base_price_year"]} | {target})
        missing = [y for y in needed if f"cpi_{y}" not in self.rows.index]
        if missing:
            keys = [k for k, y in zip(priced.index, priced["base_price_year"]) if int(y) in missing]
            raise ValuationError("param_missing_cpi", _MISSING_CPI, years=short_list(missing), set_id=self.id,
                                 keys=short_list(keys or [f"price_year {target}"]))
        cpi = {y: self.value(f"cpi_{y}") for y in needed}
        out = self.rows.copy()
        is_priced = out["base_price_year"].notna().to_numpy()
        f = out["base_price_year"].map(lambda y: cpi[target] / cpi[int(y)] if pd.notna(y) else math.nan)
        f = f.astype("float64")
        value = out["value"].copy()
        value[is_priced] = (out["base_value"] * f)[is_priced]
        out["value"] = value
        for col, base in (("value_low", "base_low"), ("value_high", "base_high")):
            out[col] = out[col].where(~is_priced, out[base] * f)
        out["price_year"] = out["price_year"].where(~is_priced, target)
        out["cpi_factor"] = f
        new = self._derive(out)
        new._used.update(f"cpi_{y}" for y in needed)
        return new

    def _canonical(self) -> str:
        def norm(v: Any) -> Any:
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                return None
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return repr(float(v))
            return str(v)
        rows = []
        for rec in sorted(_records(self.rows), key=lambda r: r["key"]):
            rows.append([norm(rec[c]) for c in (*COLUMNS, *BASE_COLUMNS)])
        return json.dumps({"id": self.id, "version": self.version, "rows": rows}, ensure_ascii=False,
                          separators=(",", ":"), sort_keys=True)

    def content_hash(self) -> str:
        """sha256 (hex) of a canonical serialisation of id, version and every row."""
        return hashlib.sha256(self._canonical().encode("utf-8")).hexdigest()

    @property
    def used_keys(self) -> frozenset[str]:
        """Keys read so far through this object (what a run actually used)."""
        return frozenset(self._used)

    def as_provenance_rows(self, used_only: bool = False) -> pd.DataFrame:
        """Every value (or only those read) with unit, price year, source, evidence and re-basing trail."""
        df = self.rows.drop(columns=["row"]).reset_index(drop=True)
        if used_only:
            df = df[df["key"].isin(self._used)].reset_index(drop=True)
        df["parameter_set"] = self.id
        df["parameter_version"] = self.version
        df["parameter_hash"] = self.content_hash()
        return df

    def scenario_values(self, key: str) -> tuple[float, float, float]:
        return tuple(self.value(key, s) for s in SCENARIOS)  # type: ignore[return-value]
