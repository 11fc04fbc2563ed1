"""Indicator specs, the registry and the per-parcel applied/skipped bookkeeping.

Each family module declares its :class:`Indicator` specs and registers them. A spec names its class,
quantity and value fields, formula text, the driver columns it reads, its parameter keys, the eco types it
applies to by default, and its double-counting group. ``quantify`` (shared by a family's specs, called once)
turns drivers into quantity columns; ``price`` turns quantity columns into 元/a for one price scenario.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

import numpy as np
import pandas as pd

from ..errors import ValuationError

if TYPE_CHECKING:
    from ..parameters import ParameterSet

SERVICE_CLASSES = ("material", "regulating", "cultural")

#: Named double-counting groups: indicators in one group may count the same benefit twice.
DOUBLE_COUNTING_GROUPS: dict[str, str] = {
    "nonpoint_vs_water_purification":
        "Soil-bound N/P retained by soil conservation (V_NP) vs pollutant removal by water bodies (V_WQ): "
        "V_WQ is valued on wetland_water only, where soil conservation is excluded, so a parcel carries "
        "one of them.",
    "carbon_oxygen_vs_carbon_sink_sale":
        "固碳 and 释氧 both come from the same NPP; if the carbon sink is sold separately "
        "(carbon_sink_sold = 1) V_CO2 is left out of the lot; oxygen_enabled = 0 drops 释氧.",
    "water_conservation_vs_vegetation_flood":
        "Water conservation (P − R − ET) and vegetation storm retention share the same rain on vegetated "
        "land; flood_vegetation_enabled = 0 keeps only water-body flood storage.",
}

#: Codes of the notes table: SKIP_CODES mark a skipped indicator (value 0), NOTE_CODES inform only.
SKIP_CODES = ("not_applicable", "missing_input", "disabled", "sold_separately", "no_product", "no_visitors",
              "zero_weight", "no_area")
NOTE_CODES = ("negative_retention", "negative_balance", "fallback_rate", "negative_npp", "double_counting")

QuantifyFn = Callable[[pd.DataFrame, "ParameterSet", "Status", bool], pd.DataFrame]
PriceFn = Callable[[pd.DataFrame, "ParameterSet", str], pd.Series]


@dataclass(frozen=True)
class PriceTerm:
    """One linear pricing term: quantity field × parameter ``price_key`` (documentation and provenance)."""

    quantity: str
    price_key: str


@dataclass(frozen=True)
class Indicator:
    id: str
    service_class: str
    name_en: str
    name_zh: str
    quantity: str
    quantity_unit: str
    formula: str
    inputs: tuple[str, ...]
    parameters: tuple[str, ...]
    eco_types: tuple[str, ...]
    quantity_fields: tuple[tuple[str, str], ...] = ()
    price_terms: tuple[PriceTerm, ...] = ()
    baseline_inputs: tuple[str, ...] = ()
    double_counting: str | None = None
    value_unit: str = "元/a"
    quantify: QuantifyFn | None = field(default=None, compare=False, repr=False)
    price: PriceFn | None = field(default=None, compare=False, repr=False)

    @property
    def value_field(self) -> str:
        return self.id

    def __post_init__(self) -> None:
        if self.service_class not in SERVICE_CLASSES:
            raise ValueError(f"{self.id}: unknown class {self.service_class!r}")
        if self.double_counting is not None and self.double_counting not in DOUBLE_COUNTING_GROUPS:
            raise ValueError(f"{self.id}: unknown double-counting group {self.double_counting!r}")
        for name in (self.id, self.quantity, *(f for f, _ in self.quantity_fields)):
            if len(name) > 10 or name != name.upper():
                raise ValueError(f"{self.id}: field {name!r} must be upper case and ≤ 10 characters")


_REGISTRY: dict[str, Indicator] = {}
#: Output order of the shipped indicators; others follow in registration order.
ORDER = ("V_SED", "V_NP", "V_WATER", "V_FLOOD", "V_CO2", "V_O2", "V_AIR", "V_WQ", "V_CLIM", "V_MAT", "V_CUL")


def register(spec: Indicator) -> Indicator:
    """Add ``spec`` to the registry (re-registering the same id replaces it)."""
    _REGISTRY[spec.id] = spec
    return spec


def all_indicators() -> tuple[Indicator, ...]:
    """Every registered indicator: the shipped ones in :data:`ORDER`, then the rest as registered."""
    rank = {k: i for i, k in enumerate(ORDER)}
    return tuple(sorted(_REGISTRY.values(), key=lambda s: rank.get(s.id, len(ORDER))))


def get(indicator_id: str) -> Indicator:
    try:
        return _REGISTRY[indicator_id]
    except KeyError:
        raise ValuationError("unknown_indicator", "Unknown indicator {id}.", id=indicator_id) from None


# ----- helpers shared by the family modules -----------------------------------------------------------------
def col(drivers: pd.DataFrame, name: str) -> pd.Series:
    """A numeric driver column as float (all-NaN when absent)."""
    if name not in drivers.columns:
        return pd.Series(np.nan, index=drivers.index, dtype="float64")
    return pd.to_numeric(drivers[name], errors="coerce").astype("float64")


def map_distinct(s: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    """``s.map(fn)``; for a text column ``fn`` runs once per distinct value (same values and dtype)."""
    values = s.to_numpy(dtype=object)
    if not len(values) or pd.api.types.infer_dtype(values, skipna=False) != "string":
        return s.map(fn)
    codes, uniques = pd.factorize(values)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [fn(u) for u in uniques]
    return pd.Series(mapped[codes], index=s.index, name=s.name)


#: While :func:`text_columns_cached` runs: (id of the drivers frame, column) → (the frame, its normalised text
#: column); the frame is kept so that its id cannot be reused by another frame meanwhile.
_TEXT_CACHE: Optional[dict[tuple[int, str], tuple[pd.DataFrame, pd.Series]]] = None


@contextmanager
def text_columns_cached() -> Iterator[None]:
    """Within the block, :func:`text_col` and :func:`eco_col` normalise each column of a drivers frame once
    (the frames must not change meanwhile; the callers get copies)."""
    global _TEXT_CACHE
    outer = _TEXT_CACHE
    _TEXT_CACHE = {} if outer is None else outer
    try:
        yield
    finally:
        _TEXT_CACHE = outer


def _cached(drivers: pd.DataFrame, key: str, make: Callable[[], pd.Series]) -> pd.Series:
    if _TEXT_CACHE is None:
        return make()
    k = (id(drivers), key)
    hit = _TEXT_CACHE.get(k)
    if hit is None or hit[0] is not drivers:
        hit = _TEXT_CACHE[k] = (drivers, make())
    return hit[1].copy()


def text_col(drivers: pd.DataFrame, name: str) -> pd.Series:
    """A text driver column, stripped and upper-cased for codes ("" when absent or null)."""
    if name not in drivers.columns:
        return pd.Series("", index=drivers.index, dtype=object)

    def make() -> pd.Series:
        s = drivers[name].astype(object).where(drivers[name].notna(), "")
        return map_distinct(s, lambda v: str(v).strip()).astype(object)

    return _cached(drivers, "text:" + name, make)


def eco_col(drivers: pd.DataFrame) -> pd.Series:
    return _cached(drivers, "eco", lambda: map_distinct(text_col(drivers, "ECO_TYPE"), str.lower))


def match_codes(dlbm: pd.Series, codes: Iterable[str]) -> pd.Series:
    """True where DLBM equals a code, or (for 4-character codes) starts with it: "1104" covers 1104A/1104K."""
    codes = [c.strip().upper() for c in codes if c.strip()]
    values = dlbm.to_numpy(dtype=object)
    if len(values) and pd.api.types.infer_dtype(values, skipna=False) == "string":  # once per distinct code
        index, uniques = pd.factorize(values)
        d = pd.Series([str(v).upper() for v in uniques], dtype=object)
        hit = pd.Series(False, index=d.index)
        for c in codes:
            hit |= (d == c) | ((len(c) == 4) & (d.str[:4] == c))
        return pd.Series(hit.to_numpy(dtype=bool)[index], index=dlbm.index)
    d = dlbm.map(lambda v: str(v).upper())
    mask = pd.Series(False, index=dlbm.index)
    for c in codes:
        mask |= (d == c) | ((len(c) == 4) & (d.str[:4] == c))
    return mask


class Status:
    """Per-parcel bookkeeping: which indicators were skipped (first reason wins) and informational notes."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self.skipped: dict[str, np.ndarray] = {}
        self.notes: list[tuple[str, np.ndarray, str, str, bool]] = []

    def _mask(self, mask: pd.Series | np.ndarray) -> np.ndarray:
        return np.asarray(mask, dtype=bool)

    def track(self, *ids: str) -> None:
        for i in ids:
            self.skipped.setdefault(i, np.zeros(len(self.index), dtype=bool))

    def skip(self, ids: str | tuple[str, ...], mask: pd.Series | np.ndarray, code: str,
             reason: str) -> np.ndarray:
        """Mark ``ids`` skipped where ``mask``; the first reason recorded for a parcel wins."""
        ids = (ids,) if isinstance(ids, str) else ids
        m = self._mask(mask)
        for i in ids:
            self.track(i)
            new = m & ~self.skipped[i]
            if new.any():
                self.skipped[i] |= new
                self.notes.append((i, new, code, reason, True))
        return m

    def note(self, ids: str | tuple[str, ...], mask: pd.Series | np.ndarray, code: str, reason: str) -> None:
        """An informational note (the indicator still applies)."""
        ids = (ids,) if isinstance(ids, str) else ids
        m = self._mask(mask)
        if m.any():
            for i in ids:
                self.notes.append((i, m, code, reason, False))

    def active(self, indicator_id: str) -> np.ndarray:
        self.track(indicator_id)
        return ~self.skipped[indicator_id]

    def notes_frame(self) -> pd.DataFrame:
        """One row per (parcel, indicator, note): PARCEL_ID, INDICATOR, CODE, REASON, SKIPPED."""
        ids = np.asarray(self.index, dtype=object)
        picked = [(rows, note) for rows, note in ((np.flatnonzero(n[1]), n) for n in self.notes) if rows.size]
        if not picked:
            return pd.DataFrame({"PARCEL_ID": pd.Series(dtype=object), "INDICATOR": pd.Series(dtype=object),
                                 "CODE": pd.Series(dtype=object), "REASON": pd.Series(dtype=object),
                                 "SKIPPED": pd.Series(dtype=bool)})
        counts = [rows.size for rows, _ in picked]

        def repeated(k: int) -> np.ndarray:
            return np.repeat(np.array([note[k] for _, note in picked], dtype=object), counts)

        # one frame from whole columns (the same as concatenating one frame per note), the text kept as Python
        # objects: pandas would check and convert every one of the rows (about 1.5 million at the benchmark's
        # large size) to its string type, and back again for :func:`valuing.summarise_notes`
        text = {"PARCEL_ID": ids[np.concatenate([rows for rows, _ in picked])], "INDICATOR": repeated(0),
                "CODE": repeated(2), "REASON": repeated(3)}
        return pd.DataFrame({**{k: pd.Series(v, dtype=object, copy=False) for k, v in text.items()},
                             "SKIPPED": np.repeat(np.array([note[4] for _, note in picked], dtype=bool), counts)})
