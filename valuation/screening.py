"""The excluded-operator list (clause 十七): operators that grab resources, chase subsidies or are seriously
dishonest (严重失信) are kept out of trades. Register schema version 3, docs/trading.md "Excluded operators".

Storage: ``excluded_operator`` holds the entries in force, one per ENTRY_KEY (``ID:<IDENT>`` when the entry has an
identifier, else ``NAME:<NAME_NORM>``); ``excluded_operator_event`` (append-only, SQLite triggers refuse UPDATE and
DELETE) keeps every addition, change and removal with the entry's values (after an add/update, before a removal),
the user and a note (e.g. the imported file). An expired entry stays listed (state ``expired``) until removed.

API::

    normalise_name(s) -> str                  # NFKC, brackets unified, whitespace removed, case-folded
    normalise_ident(s) -> Optional[str]       # NFKC, whitespace removed, upper case
    EXCLUSION_COLUMNS                          # NAME, IDENT, REASON, SOURCE, LISTED_DATE, EXPIRY
    add_exclusions(reg, rows, user=None, note=None) -> dict      # counts added / updated / unchanged
    import_exclusions_csv(reg, path, user=None) -> dict          # UTF-8 with or without BOM
    remove_exclusions(reg, rows, user=None, note=None) -> int    # rows: NAME and/or IDENT per entry
    find_exclusion(reg, name, ident=None, as_of=None) -> Optional[Exclusion]
    screen_trade(reg, trade_id, as_of=None) -> list[ScreeningHit]   # a stored trade's operator and investors
    screen_parties(reg, operator, operator_cd, investors, as_of) -> list[ScreeningHit]
    list_exclusions(reg, as_of=None) -> DataFrame                # the entries with STATE active/expired/pending
    exclusion_events(reg) -> DataFrame

Matching: a candidate with an identifier matches the entries with that identifier and the entries without one
whose normalised name equals the candidate's (an entry with a *different* identifier is another legal person,
even under the same name); a candidate without an identifier matches every entry with its normalised name. An
entry blocks on ``as_of`` when ``LISTED_DATE`` (if any) ≤ ``as_of`` ≤ ``EXPIRY`` (if any).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

import pandas as pd

from .dates import as_date
from .errors import ValuationError
from .ownership import blank, is_valid_identifier, mask_identifier, parse_date, text
from .register import Register, os_user, utc_now

EXCLUSION_COLUMNS = ("NAME", "IDENT", "REASON", "SOURCE", "LISTED_DATE", "EXPIRY")
REQUIRED_COLUMNS = ("NAME", "REASON", "SOURCE")
#: Accepted column headers besides the codes (case-insensitive).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "NAME": ("名称", "主体名称", "经营主体"), "IDENT": ("统一社会信用代码", "证件号", "证件号码", "身份证号"),
    "REASON": ("原因", "列入原因", "事由"), "SOURCE": ("来源", "信息来源", "认定机关", "依据"),
    "LISTED_DATE": ("列入日期", "认定日期"), "EXPIRY": ("有效期至", "截止日期", "移出日期"),
}
LIST_COLUMNS = ["NAME", "IDENT", "REASON", "SOURCE", "LISTED_DATE", "EXPIRY", "STATE", "UPDATED_AT", "UPDATED_BY"]
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")",
                           "［": "(", "］": ")"})
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_FAR_FUTURE = dt.date(9999, 12, 31)


def normalise_name(value: Any) -> str:
    """The comparison form of an operator's name: NFKC (full-width Latin letters, digits and brackets become
    half-width), every bracket kind — ( ) （ ） [ ] 【 】 〔 〕 — as ( ), all whitespace removed, case-folded.
    ``"重庆 某某（集团）有限公司"`` and ``"重庆某某(集团) 有限公司"`` give the same text."""
    s = unicodedata.normalize("NFKC", "" if blank(value) else str(value))
    return _SPACE.sub("", s.translate(_BRACKETS)).casefold()


def normalise_ident(value: Any) -> Optional[str]:
    """An identifier (unified social credit code, resident ID number) for comparison: NFKC, whitespace removed,
    upper case; None when blank."""
    if blank(value):
        return None
    s = _SPACE.sub("", unicodedata.normalize("NFKC", text(value) or "")).upper()
    return s or None


def entry_key(name_norm: str, ident: Optional[str]) -> str:
    """The key of an entry: ``ID:<IDENT>`` when it has an identifier, else ``NAME:<NAME_NORM>``."""
    return f"ID:{ident}" if ident else f"NAME:{name_norm}"


@dataclass(frozen=True)
class Exclusion:
    """An entry of the excluded-operator list (dates ISO text or None)."""

    name: str
    ident: Optional[str]
    reason: str
    source: str
    listed_date: Optional[str]
    expiry: Optional[str]
    entry_key: str = ""
    updated_at: Optional[str] = None
    updated_by: Optional[str] = None

    def in_force(self, as_of: dt.date) -> bool:
        """True when the entry blocks on ``as_of`` (listed by then and not yet expired)."""
        day = as_of.isoformat()
        return (self.listed_date is None or self.listed_date <= day) and (self.expiry is None or self.expiry >= day)

    def state(self, as_of: dt.date) -> str:
        """``active``, ``expired`` (EXPIRY before as_of) or ``pending`` (LISTED_DATE after as_of)."""
        day = as_of.isoformat()
        if self.expiry is not None and self.expiry < day:
            return "expired"
        if self.listed_date is not None and self.listed_date > day:
            return "pending"
        return "active"


def _rows(rows: Union[pd.DataFrame, Iterable[Any]]) -> list[dict[str, Any]]:
    """Rows as dicts keyed by the column codes (headers matched case-insensitively or by their Chinese alias);
    sequences are taken in the order of :data:`EXCLUSION_COLUMNS`."""
    if isinstance(rows, pd.DataFrame):
        mapping: dict[str, str] = {}
        unknown = []
        for col in rows.columns:
            c = str(col).strip().lstrip("\ufeff")
            code = c.upper() if c.upper() in EXCLUSION_COLUMNS else next(
                (k for k, names in COLUMN_ALIASES.items() if c in names), None)
            if code is None:
                unknown.append(c)
            else:
                mapping[col] = code
        if unknown:
            raise ValuationError("exclusion_unknown_columns", "Unknown columns in the excluded-operator list: "
                                 "{columns}; use {allowed}.", columns=", ".join(unknown),
                                 allowed=", ".join(EXCLUSION_COLUMNS))
        missing = [c for c in REQUIRED_COLUMNS if c not in mapping.values()]
        if missing:
            raise ValuationError("exclusion_missing_columns", "The excluded-operator list lacks the column(s) "
                                 "{columns}.", columns=", ".join(missing))
        return [{mapping[k]: v for k, v in rec.items() if k in mapping} for rec in rows.to_dict("records")]
    out = []
    for row in rows:
        if isinstance(row, Mapping):
            out.append({str(k).strip().upper(): v for k, v in row.items()})
        else:
            cells = list(row)
            if len(cells) > len(EXCLUSION_COLUMNS):
                raise ValuationError("exclusion_too_many_cells", "Excluded-operator row {row} has {n} cells; the "
                                     "columns are {allowed}.", row=len(out) + 1, n=len(cells),
                                     allowed=", ".join(EXCLUSION_COLUMNS))
            out.append(dict(zip(EXCLUSION_COLUMNS, cells)))
    return out


def _date(value: Any, row: int, column: str) -> Optional[str]:
    try:
        return parse_date(value, _FAR_FUTURE)
    except ValuationError:
        raise ValuationError("exclusion_bad_date", "Excluded-operator list, row {row}, column {column}: {value} is "
                             "not a date (YYYY-MM-DD).", row=row, column=column, value=str(value)) from None


def parse_exclusions(rows: Union[pd.DataFrame, Iterable[Any]]) -> list[Exclusion]:
    """Validate rows (row numbers count from 1, below a header): NAME, REASON and SOURCE are required, IDENT must be
    a valid unified social credit code or resident ID number, dates ``YYYY-MM-DD`` (or the other forms
    :func:`valuation.ownership.parse_date` reads), EXPIRY not before LISTED_DATE, no entry twice. The first bad row
    raises, naming row and column."""
    out: list[Exclusion] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(_rows(rows), start=1):
        unknown = [k for k in rec if k not in EXCLUSION_COLUMNS]
        if unknown:
            raise ValuationError("exclusion_unknown_columns", "Unknown columns in the excluded-operator list: "
                                 "{columns}; use {allowed}.", columns=", ".join(unknown),
                                 allowed=", ".join(EXCLUSION_COLUMNS))
        if all(blank(v) for v in rec.values()):
            continue
        for col in REQUIRED_COLUMNS:
            if blank(rec.get(col)):
                raise ValuationError("exclusion_missing_value", "Excluded-operator list, row {row}: column {column} "
                                     "is empty.", row=i, column=col)
        name = text(rec["NAME"]) or ""
        ident = normalise_ident(rec.get("IDENT"))
        if ident is not None and not is_valid_identifier(ident):
            raise ValuationError("exclusion_bad_ident", "Excluded-operator list, row {row}, column IDENT: {value} "
                                 "is not a valid unified social credit code or resident ID number.", row=i,
                                 value=mask_identifier(ident))
        listed = _date(rec.get("LISTED_DATE"), i, "LISTED_DATE")
        expiry = _date(rec.get("EXPIRY"), i, "EXPIRY")
        if listed and expiry and expiry < listed:
            raise ValuationError("exclusion_expiry_before_listed", "Excluded-operator list, row {row}, column "
                                 "EXPIRY: {expiry} is before LISTED_DATE {listed}.", row=i, expiry=expiry,
                                 listed=listed)
        norm = normalise_name(name)
        key = entry_key(norm, ident)
        if key in seen:
            raise ValuationError("exclusion_duplicate", "Excluded-operator list, row {row}, column {column}: the "
                                 "same operator as row {first}.", row=i, column="IDENT" if ident else "NAME",
                                 first=seen[key])
        seen[key] = i
        out.append(Exclusion(name, ident, text(rec["REASON"]) or "", text(rec["SOURCE"]) or "", listed, expiry, key))
    return out


_VALUE_COLS = ("NAME", "NAME_NORM", "IDENT", "REASON", "SOURCE", "LISTED_DATE", "EXPIRY")


def _values(e: Exclusion) -> tuple:
    return (e.name, normalise_name(e.name), e.ident, e.reason, e.source, e.listed_date, e.expiry)


def _event(con: sqlite3.Connection, now: str, user: str, batch: str, action: str, key: str, values: tuple,
           note: Optional[str]) -> None:
    con.execute("INSERT INTO excluded_operator_event (time, os_user, app_user, batch, action, ENTRY_KEY, "
                f"{', '.join(_VALUE_COLS)}, NOTE) VALUES ({', '.join('?' * (len(_VALUE_COLS) + 7))})",
                (now, os_user(), user, batch, action, key, *values, note))


def add_exclusions(reg: Register, rows: Union[pd.DataFrame, Iterable[Any]], user: Optional[str] = None,
                   note: Optional[str] = None) -> dict[str, int]:
    """Add entries (or update the entry with the same key) in one transaction, each with an event row; nothing is
    written when a row is bad (:func:`parse_exclusions`). Returns the counts ``added``, ``updated``, ``unchanged``."""
    entries = parse_exclusions(rows)
    user = user or os_user()
    batch = uuid.uuid4().hex
    counts: dict[str, int] = {}

    def body(con: sqlite3.Connection) -> None:
        counts.update(added=0, updated=0, unchanged=0)  # a retried transaction starts again
        now = utc_now()
        for e in entries:
            new = _values(e)
            old = con.execute(f"SELECT {', '.join(_VALUE_COLS)} FROM excluded_operator WHERE ENTRY_KEY = ?",
                              (e.entry_key,)).fetchone()
            if old is None:
                con.execute(f"INSERT INTO excluded_operator (ENTRY_KEY, {', '.join(_VALUE_COLS)}, UPDATED_AT, "
                            f"UPDATED_BY) VALUES ({', '.join('?' * (len(_VALUE_COLS) + 3))})",
                            (e.entry_key, *new, now, user))
                _event(con, now, user, batch, "add", e.entry_key, new, note)
                counts["added"] += 1
            elif tuple(old) != new:
                con.execute(f"UPDATE excluded_operator SET {', '.join(f'{c} = ?' for c in _VALUE_COLS)}, "
                            "UPDATED_AT = ?, UPDATED_BY = ? WHERE ENTRY_KEY = ?", (*new, now, user, e.entry_key))
                _event(con, now, user, batch, "update", e.entry_key, new, note)
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        if counts["added"] or counts["updated"]:
            con.execute("UPDATE gpkg_contents SET last_change = ? WHERE table_name IN ('excluded_operator', "
                        "'excluded_operator_event')", (now,))

    reg._write(body)
    return counts


def read_exclusions_csv(path: Union[str, Path]) -> pd.DataFrame:
    """The CSV as text cells (UTF-8 with or without BOM; a header row naming the columns)."""
    path = Path(path)
    if not path.is_file():
        raise ValuationError("exclusion_no_file", "Excluded-operator list {path} does not exist.", path=str(path))
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", skipinitialspace=True)
    except UnicodeDecodeError:
        raise ValuationError("exclusion_not_utf8", "Excluded-operator list {path} is not UTF-8 text; save it as "
                             "CSV UTF-8.", path=str(path)) from None
    except pd.errors.EmptyDataError:
        raise ValuationError("exclusion_missing_columns", "The excluded-operator list lacks the column(s) "
                             "{columns}.", columns=", ".join(REQUIRED_COLUMNS)) from None


def import_exclusions_csv(reg: Register, path: Union[str, Path], user: Optional[str] = None) -> dict[str, int]:
    """:func:`add_exclusions` from a CSV (columns NAME, IDENT, REASON, SOURCE, LISTED_DATE, EXPIRY); the event rows
    note the file name."""
    return add_exclusions(reg, read_exclusions_csv(path), user, note=f"import {Path(path).name}")


def remove_exclusions(reg: Register, rows: Iterable[Any], user: Optional[str] = None,
                      note: Optional[str] = None) -> int:
    """Remove entries, each given by IDENT or NAME (a mapping, or a sequence ``(NAME, IDENT)``), in one
    transaction; each removal leaves an event row with the entry's last values and ``note``. An entry that is not
    on the list is an error and nothing is removed. Returns the number removed."""
    wanted: list[tuple[str, Optional[str]]] = []
    for row in rows:
        rec = ({str(k).strip().upper(): v for k, v in row.items()} if isinstance(row, Mapping)
               else dict(zip(("NAME", "IDENT"), row)))
        name, ident = text(rec.get("NAME")) or "", normalise_ident(rec.get("IDENT"))
        if name or ident:
            wanted.append((name, ident))
    user = user or os_user()
    batch = uuid.uuid4().hex

    def body(con: sqlite3.Connection) -> int:
        now = utc_now()
        n = 0
        for name, ident in wanted:
            if ident:
                found = con.execute("SELECT ENTRY_KEY FROM excluded_operator WHERE IDENT = ?", (ident,)).fetchall()
            else:
                found = con.execute("SELECT ENTRY_KEY FROM excluded_operator WHERE NAME_NORM = ?",
                                    (normalise_name(name),)).fetchall()
            if not found:
                raise ValuationError("exclusion_not_listed", "{name} is not on the excluded-operator list; nothing "
                                     "was removed.", name=name or mask_identifier(ident))
            for (key,) in found:
                old = con.execute(f"SELECT {', '.join(_VALUE_COLS)} FROM excluded_operator WHERE ENTRY_KEY = ?",
                                  (key,)).fetchone()
                con.execute("DELETE FROM excluded_operator WHERE ENTRY_KEY = ?", (key,))
                _event(con, now, user, batch, "remove", key, tuple(old), note)
                n += 1
        if n:
            con.execute("UPDATE gpkg_contents SET last_change = ? WHERE table_name IN ('excluded_operator', "
                        "'excluded_operator_event')", (now,))
        return n

    return reg._write(body)


_ENTRY_SQL = ("SELECT NAME, IDENT, REASON, SOURCE, LISTED_DATE, EXPIRY, ENTRY_KEY, UPDATED_AT, UPDATED_BY "
              "FROM excluded_operator")


def _entries(reg: Register, parties: Optional[list[tuple[Any, Any]]] = None) -> list[Exclusion]:
    """The entries on the list (all, or those whose IDENT or NAME_NORM is one of the ``(name, ident)`` parties',
    through the indexes); none in a register older than version 3 (opened without migrating)."""
    with reg._read() as con:
        if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'excluded_operator'").fetchone() \
                is None:
            return []
        if parties is None:
            rows = con.execute(_ENTRY_SQL + " ORDER BY fid").fetchall()
        else:
            names = sorted({n for n in (normalise_name(p[0]) for p in parties) if n})
            idents = sorted({i for i in (normalise_ident(p[1]) for p in parties) if i})
            if not names and not idents:
                return []
            rows = con.execute(_ENTRY_SQL + f" WHERE NAME_NORM IN ({', '.join('?' * len(names))}) OR IDENT IN "
                               f"({', '.join('?' * len(idents))}) ORDER BY fid", [*names, *idents]).fetchall()
    return [Exclusion(*r) for r in rows]


def _day(as_of: Any) -> dt.date:
    """The screening date ``as_of``; today when blank."""
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return dt.date.today()
    return as_date(as_of, "AS_OF")


def matching_exclusions(entries: Iterable[Exclusion], name: Any, ident: Any = None) -> list[Exclusion]:
    """The entries that name the candidate (see the module docstring), identifier matches first."""
    norm = normalise_name(name)
    cid = normalise_ident(ident)
    by_id, by_name = [], []
    for e in entries:
        if cid is not None and e.ident == cid:
            by_id.append(e)
        elif norm and normalise_name(e.name) == norm and (cid is None or e.ident is None):
            by_name.append(e)
    return by_id + by_name


def find_exclusion(reg: Register, name: Any, ident: Any = None, as_of: Any = None) -> Optional[Exclusion]:
    """The entry that keeps the candidate out on ``as_of`` (default today), or None."""
    day = _day(as_of)
    for e in matching_exclusions(_entries(reg, [(name, ident)]), name, ident):
        if e.in_force(day):
            return e
    return None


def list_exclusions(reg: Register, as_of: Any = None) -> pd.DataFrame:
    """The entries on the list with STATE on ``as_of`` (``active``, ``expired``, ``pending``): :data:`LIST_COLUMNS`
    (identifiers in full; mask them for display)."""
    day = _day(as_of)
    rows = [{"NAME": e.name, "IDENT": e.ident, "REASON": e.reason, "SOURCE": e.source, "LISTED_DATE": e.listed_date,
             "EXPIRY": e.expiry, "STATE": e.state(day), "UPDATED_AT": e.updated_at, "UPDATED_BY": e.updated_by}
            for e in _entries(reg)]
    df = pd.DataFrame(rows, columns=LIST_COLUMNS).astype(object)
    return df.where(df.notna(), None)


def exclusion_events(reg: Register) -> pd.DataFrame:
    """The append-only history of the list in write order."""
    with reg._read() as con:
        df = pd.read_sql_query("SELECT id, time, os_user, app_user, batch, action, ENTRY_KEY, NAME, IDENT, REASON, "
                               "SOURCE, LISTED_DATE, EXPIRY, NOTE FROM excluded_operator_event ORDER BY id", con)
    return df.astype(object).where(df.notna(), None)


# Screening a trade -------------------------------------------------------------------------------------------
ROLE_LABELS = {"OPERATOR": "经营主体", "INVESTOR": "投资主体"}


@dataclass(frozen=True)
class ScreeningHit:
    """A party of a trade found on the list: ``role`` OPERATOR or INVESTOR, the candidate's name and identifier as
    recorded, the parcels naming an investor, and the blocking entry."""

    role: str
    candidate: str
    ident: Optional[str]
    parcels: tuple[str, ...]
    entry: Exclusion

    def describe(self) -> str:
        """``经营主体 OPERATOR 某公司 — reason; source; LISTED_DATE → EXPIRY`` (data, not translated text)."""
        e = self.entry
        where = f" [{', '.join(self.parcels)}]" if self.parcels else ""
        return (f"{self.role} ({ROLE_LABELS.get(self.role, self.role)}) {self.candidate}{where}: {e.reason}; "
                f"{e.source}; {e.listed_date or '…'} → {e.expiry or '…'}")


def screen_parties(reg: Register, operator: Any = None, operator_cd: Any = None,
                   investors: Optional[Mapping[str, Iterable[str]]] = None, as_of: Any = None) -> list[ScreeningHit]:
    """The parties on the list on ``as_of``: the operator (name and identifier) and the investors (name ->
    PARCEL_IDs naming it)."""
    day = _day(as_of)
    parties = [(operator, operator_cd), *((inv, None) for inv in (investors or {}))]
    entries = [e for e in _entries(reg, parties) if e.in_force(day)]
    if not entries:
        return []
    hits: list[ScreeningHit] = []
    if not blank(operator) or not blank(operator_cd):
        found = matching_exclusions(entries, operator, operator_cd)
        if found:
            hits.append(ScreeningHit("OPERATOR", text(operator) or "", normalise_ident(operator_cd), (), found[0]))
    for inv, parcels in (investors or {}).items():
        found = matching_exclusions(entries, inv)
        if found:
            hits.append(ScreeningHit("INVESTOR", str(inv), None, tuple(parcels), found[0]))
    return hits


def _trade_parties(reg: Register, trade_id: str) -> tuple[Optional[str], Optional[str], dict[str, list[str]]]:
    """OPERATOR, OPERATOR_CD and investor -> PARCEL_IDs of a stored trade."""
    with reg._read() as con:
        row = con.execute("SELECT OPERATOR, OPERATOR_CD FROM trade WHERE TRADE_ID = ?", (trade_id,)).fetchone()
        parcels = con.execute("SELECT PARCEL_ID, INVESTOR FROM trade_parcel WHERE TRADE_ID = ? ORDER BY fid",
                              (trade_id,)).fetchall()
    if row is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=trade_id)
    investors: dict[str, list[str]] = {}
    for pid, inv in parcels:
        if not blank(inv):
            investors.setdefault(str(inv).strip(), []).append(str(pid))
    return row[0], row[1], investors


def screen_trade(reg: Register, trade_id: str, as_of: Any = None) -> list[ScreeningHit]:
    """The stored trade's operator (OPERATOR, OPERATOR_CD) and parcel investors that are on the excluded-operator
    list on ``as_of`` (default today); empty when none is. Also ``valuation.trading.screen_trade``."""
    operator, operator_cd, investors = _trade_parties(reg, trade_id)
    return screen_parties(reg, operator, operator_cd, investors, as_of)
