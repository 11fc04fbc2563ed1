"""Ownership of parcels (确定出让主体): codes, identifiers, 三调 suggestions, eligibility rules.

Chongqing's clause （六）: clarify state (国有), collective (集体) and individual (个人) rights; parcels whose rights
are unclear or disputed enter a trade only after the rights are clarified and the right holders consent.

API (stable; the dock widget and ``swcvalue:assignownership`` build on it)::

    OWN_TYPE: dict[str, str]            # code -> Chinese label: STATE 国有, COLLECTIVE 集体, INDIVIDUAL 个人
    DISPUTE: dict[str, str]             # NONE 无争议, UNCLEAR 权属不清, DISPUTED 有争议, RESOLVED 已解决
    OWN_TYPE_EN, DISPUTE_EN             # code -> English label
    ASSIGNED_FIELDS                     # the fields a user assigns (stored in the register)
    DERIVED_FIELDS                      # ELIGIBLE, INELIG_WHY, STATE_APPR (computed, never assigned)
    OWNERSHIP_COLUMNS                   # ASSIGNED_FIELDS + DERIVED_FIELDS, in layer order
    REASONS: dict[str, str]             # INELIG_WHY code -> English text

    parse_own_type(value) -> str | None         # code or Chinese label -> code; None when blank
    parse_dispute(value) -> str | None
    parse_flag(value) -> int | None             # 1/0, yes/no, true/false, 是/否 -> 1/0
    parse_date(value, today=None) -> str | None # -> "YYYY-MM-DD"
    identifier_kind(code) -> "credit" | "id" | None
    is_valid_identifier(code) -> bool
    is_owner_unit_code(code) -> bool            # 19-digit 三调 QSDWDM (not an identifier)
    mask_identifier(code) -> str                # "500101********1234"
    normalise_value(field, value) -> value      # one assigned value, validated (raises ValuationError)
    sandiao_suggestion(row) -> dict             # OWN_TYPE/HOLDER/HOLDER_CD from QSXZ/QSDWMC/QSDWDM
    fill_from_sandiao(df) -> DataFrame          # fills only empty values
    ineligibility_reasons(row) -> list[str]     # [] when eligible
    assess(df) -> DataFrame                     # adds ELIGIBLE, INELIG_WHY, STATE_APPR
    coerce_flags(df) -> DataFrame               # PRIORITY/CONSENT as nullable Int64
    normalise_assignments(df) -> DataFrame      # validate/normalise assigned columns (raises TableError)
    check_table(table, parcels) -> DataFrame    # an assignment table -> changes keyed by PARCEL_ID
                                                # (raises TableError listing every bad row)
    Problem(row, field, value, error), TableError(problems)   # row: table row (int) or PARCEL_ID (str)
    shown_value(field, value) -> str            # a value as shown in messages (identifiers masked)
    join_assignments(gdf, assignments) -> gdf   # stored assignments by PARCEL_ID, else BSM; then assess()
    assign(parcels, table=None, from_sandiao=False, assignments=None) -> AssignResult
                                                # the whole step of swcvalue:assignownership:
                                                # layer values < register < table < 三调 (empty only)

Stored values are the ASCII codes; empty values are ``None``. Eligibility needs OWN_TYPE, HOLDER, SELLER, a valid
SELLER_CD (unified social credit code or resident ID number) and DISPUTE = NONE, or RESOLVED with CONSENT = 1.
A 三调 owner-unit code (QSDWDM) is an administrative code, not an identifier: it may fill HOLDER_CD but never
makes a seller identifiable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Union

import pandas as pd

from .errors import ValuationError, short_list

OWN_TYPE: dict[str, str] = {"STATE": "国有", "COLLECTIVE": "集体", "INDIVIDUAL": "个人"}
OWN_TYPE_EN: dict[str, str] = {"STATE": "State-owned", "COLLECTIVE": "Collective", "INDIVIDUAL": "Individual"}
DISPUTE: dict[str, str] = {"NONE": "无争议", "UNCLEAR": "权属不清", "DISPUTED": "有争议", "RESOLVED": "已解决"}
DISPUTE_EN: dict[str, str] = {"NONE": "No dispute", "UNCLEAR": "Rights unclear", "DISPUTED": "Disputed",
                              "RESOLVED": "Resolved"}

#: Fields a user assigns, in layer order; the register stores exactly these.
ASSIGNED_FIELDS: tuple[str, ...] = ("OWN_TYPE", "HOLDER", "HOLDER_CD", "INVESTOR", "PRIORITY", "SELLER",
                                    "SELLER_CD", "DISPUTE", "CONSENT", "CONS_DATE", "CONS_REF")
#: Fields computed by :func:`assess`.
DERIVED_FIELDS: tuple[str, ...] = ("ELIGIBLE", "INELIG_WHY", "STATE_APPR")
OWNERSHIP_COLUMNS: tuple[str, ...] = ASSIGNED_FIELDS + DERIVED_FIELDS
TEXT_FIELDS = ("HOLDER", "INVESTOR", "SELLER", "CONS_REF")
FLAG_FIELDS = ("PRIORITY", "CONSENT")
#: In changes for the register: clear the value (same as ``register.CLEAR``).
CLEAR_VALUE = ""

#: 三调 QSXZ (权属性质) → ownership type (valuation-method §8.2).
QSXZ_OWN_TYPE: dict[str, str] = {"10": "STATE", "20": "STATE", "30": "COLLECTIVE", "31": "COLLECTIVE",
                                 "32": "COLLECTIVE", "33": "COLLECTIVE", "34": "COLLECTIVE", "40": "COLLECTIVE"}

#: INELIG_WHY codes → English text (translated on the QGIS side as ``inelig_<code>``).
REASONS: dict[str, str] = {
    "no_own_type": "no ownership type",
    "bad_own_type": "unknown ownership type",
    "no_holder": "no right holder",
    "no_seller": "no seller",
    "no_seller_id": "the seller has no identifier",
    "bad_seller_id": "the seller's identifier is not a valid credit code or ID number",
    "no_dispute": "dispute status not stated",
    "bad_dispute": "unknown dispute status",
    "unclear": "rights unclear (权属不清)",
    "disputed": "rights disputed (有争议)",
    "no_consent": "dispute resolved but the right holders' consent is not recorded",
}

# GB 32100-2015 unified social credit code.
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11643-1999 citizen identity number, ISO 7064 MOD 11-2.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^[1-9]\d{16}[\dX]$")
_OWNER_UNIT_RE = re.compile(r"^\d{19}$")
_FLAGS = {"1": 1, "0": 0, "true": 1, "false": 0, "yes": 1, "no": 0, "y": 1, "n": 0, "t": 1, "f": 0,
          "是": 1, "否": 0, "同意": 1, "不同意": 0, "有": 1, "无": 0}


# Values --------------------------------------------------------------------
def blank(value: Any) -> bool:
    """True for None, NaN, NA and strings of whitespace."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def text(value: Any) -> Optional[str]:
    """A stripped string, None when blank; whole floats lose their ``.0`` (Excel numbers)."""
    if blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_code(value: Any, codes: dict[str, str]) -> Optional[str]:
    s = text(value)
    if s is None:
        return None
    if s.upper() in codes:
        return s.upper()
    for code, label in codes.items():
        if s == label:
            return code
    raise KeyError(s)


def parse_own_type(value: Any) -> Optional[str]:
    """STATE/COLLECTIVE/INDIVIDUAL from a code (any case) or its Chinese label; None when blank."""
    try:
        return _parse_code(value, OWN_TYPE)
    except KeyError:
        raise ValuationError("unknown_own_type", "unknown ownership type; use STATE, COLLECTIVE or INDIVIDUAL "
                             "(国有, 集体, 个人)", value=text(value)) from None


def parse_dispute(value: Any) -> Optional[str]:
    """NONE/UNCLEAR/DISPUTED/RESOLVED from a code (any case) or its Chinese label; None when blank."""
    try:
        return _parse_code(value, DISPUTE)
    except KeyError:
        raise ValuationError("unknown_dispute", "unknown dispute status; use NONE, UNCLEAR, DISPUTED or "
                             "RESOLVED (无争议, 权属不清, 有争议, 已解决)", value=text(value)) from None


def parse_flag(value: Any) -> Optional[int]:
    """1 or 0 from 1/0, yes/no, true/false, 是/否 (and booleans); None when blank."""
    if isinstance(value, bool):
        return int(value)
    s = text(value)
    if s is None:
        return None
    flag = _FLAGS.get(s.lower())
    if flag is None:
        raise ValuationError("not_a_flag", "not a yes/no value; use 1 or 0 (是/否)", value=s)
    return flag


def parse_date(value: Any, today: Optional[dt.date] = None) -> Optional[str]:
    """An ISO date ``YYYY-MM-DD`` from ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``YYYY.MM.DD``, ``YYYYMMDD``,
    ``YYYY年M月D日`` or a date/datetime; a date after ``today`` is an error. None when blank."""
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        value = value.date()
    if isinstance(value, dt.date):
        day: Optional[dt.date] = value
    else:
        s = text(value)
        if s is None:
            return None
        s = s.split("T")[0].split(" ")[0]
        m = (re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
             or re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", s))
        day = None
        if m:
            try:
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                day = None
        if day is None:
            raise ValuationError("invalid_date", "not a date; use YYYY-MM-DD", value=s)
    if day > (today or dt.date.today()):
        raise ValuationError("future_date", "the date lies in the future", value=day.isoformat())
    return day.isoformat()


# Identifiers ---------------------------------------------------------------
def _clean_identifier(code: Any) -> str:
    s = text(code)
    return "" if s is None else s.replace(" ", "").upper()


def credit_check_char(first17: str) -> str:
    """GB 32100-2015 check character of the first 17 characters of a unified social credit code."""
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    value = 31 - total % 31
    return CREDIT_CHARSET[0 if value == 31 else value]


def id_check_char(first17: str) -> str:
    """GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits of a resident ID number."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def _is_id_number(s: str, today: Optional[dt.date] = None) -> bool:
    if not _ID_RE.match(s) or id_check_char(s[:17]) != s[17]:
        return False
    try:
        born = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())


def _is_credit_code(s: str) -> bool:
    """GB 32100 structure and check: registration-authority code, institution-category code (a digit 1–9),
    6-digit administrative-division code, 9-character subject code, check character."""
    return (len(s) == 18 and all(c in CREDIT_CHARSET for c in s) and s[1] in "123456789" and s[2:8].isdigit()
            and credit_check_char(s[:17]) == s[17])


def identifier_kind(code: Any) -> Optional[str]:
    """"id" for a valid resident ID number (checked first), "credit" for a valid unified social credit code,
    else None. Spaces are ignored, letters compared in upper case.

    An all-digit string can pass both checks: an 18-digit ID number whose check or birth date is wrong may
    still be a well-formed credit code (about 1 in 31 when its second digit is not 0; never for region codes
    like Chongqing's 50xxxx, since a credit code's category digit is never 0)."""
    s = _clean_identifier(code)
    if _is_id_number(s):
        return "id"
    if _is_credit_code(s):
        return "credit"
    return None


def is_valid_identifier(code: Any) -> bool:
    """True for a valid unified social credit code or resident ID number."""
    return identifier_kind(code) is not None


def is_owner_unit_code(code: Any) -> bool:
    """True for a 19-digit 三调 owner-unit code (QSDWDM). It is *not* a valid identifier of a seller."""
    return bool(_OWNER_UNIT_RE.match(_clean_identifier(code)))


def mask_identifier(code: Any) -> str:
    """Mask an identifier for logs and reports: 11 or more characters keep the first 6 and last 4
    (``500101********1234``), 5–10 keep the first and last 2, shorter ones are fully masked."""
    s = text(code)
    if s is None:
        return ""
    n = len(s)
    if n >= 11:
        return s[:6] + "*" * (n - 10) + s[-4:]
    if n >= 5:
        return s[:2] + "*" * (n - 4) + s[-2:]
    return "*" * n


def normalise_identifier(field: str, value: Any) -> Optional[str]:
    """SELLER_CD must be a valid identifier; HOLDER_CD may also be a 三调 owner-unit code. Upper case."""
    s = _clean_identifier(value)
    if not s:
        return None
    if is_valid_identifier(s) or (field == "HOLDER_CD" and is_owner_unit_code(s)):
        return s
    if field == "HOLDER_CD":
        raise ValuationError("invalid_holder_code", "neither a valid identifier nor a 19-digit 三调 owner-unit "
                             "code (QSDWDM)", value=mask_identifier(s))
    raise ValuationError("invalid_identifier", "not a valid unified social credit code (GB 32100) or resident "
                         "ID number (GB 11643)", value=mask_identifier(s))


def normalise_value(field: str, value: Any, today: Optional[dt.date] = None) -> Any:
    """Validate and normalise one assigned value (codes, 1/0 flags, ISO dates, upper-case identifiers).
    Blank gives None. Raises :class:`ValuationError` for a bad value or an unknown field."""
    if field == "OWN_TYPE":
        return parse_own_type(value)
    if field == "DISPUTE":
        return parse_dispute(value)
    if field in FLAG_FIELDS:
        return parse_flag(value)
    if field == "CONS_DATE":
        return parse_date(value, today)
    if field in ("HOLDER_CD", "SELLER_CD"):
        return normalise_identifier(field, value)
    if field in TEXT_FIELDS:
        return text(value)
    raise ValuationError("not_assignable", "{field} is not an assignable ownership field", field=field)


# 三调 suggestions ------------------------------------------------------------
def _column(columns: Iterable[Any], name: str) -> Optional[str]:
    for c in columns:
        if str(c).upper() == name:
            return str(c)
    return None


def qsxz_own_type(qsxz: Any) -> Optional[str]:
    """Ownership type for a 三调 QSXZ code (10/20 state, 30–34/40 collective), else None."""
    s = text(qsxz)
    return None if s is None else QSXZ_OWN_TYPE.get(s)


def sandiao_suggestion(row: Mapping[str, Any]) -> dict[str, Any]:
    """OWN_TYPE from QSXZ, HOLDER from QSDWMC, HOLDER_CD from QSDWDM (field names case-insensitive);
    only what the row has. QSDWDM is an owner-unit code, not an identifier."""
    keys = list(row.keys())
    out: dict[str, Any] = {}
    for target, source in (("OWN_TYPE", "QSXZ"), ("HOLDER", "QSDWMC"), ("HOLDER_CD", "QSDWDM")):
        col = _column(keys, source)
        if col is None:
            continue
        value = qsxz_own_type(row[col]) if target == "OWN_TYPE" else text(row[col])
        if value is not None:
            out[target] = value
    return out


def fill_from_sandiao(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with OWN_TYPE, HOLDER and HOLDER_CD filled from the 三调 fields where empty;
    values already set are never overwritten. Missing target columns are added."""
    out = df.copy()
    for target, source in (("OWN_TYPE", "QSXZ"), ("HOLDER", "QSDWMC"), ("HOLDER_CD", "QSDWDM")):
        col = _column(df.columns, source)
        if target not in out.columns:
            out[target] = pd.Series([None] * len(out), index=out.index, dtype=object)
        if col is None:
            continue
        current = out[target].astype(object)
        suggested = [qsxz_own_type(v) if target == "OWN_TYPE" else text(v) for v in df[col]]
        out[target] = pd.Series([s if blank(c) else c for c, s in zip(current, suggested)], index=out.index,
                                dtype=object)
    return out


# Eligibility ---------------------------------------------------------------
def ineligibility_reasons(row: Mapping[str, Any]) -> list[str]:
    """The INELIG_WHY codes of one parcel's assignment ([] when eligible), in a fixed order."""
    why: list[str] = []
    try:
        own = parse_own_type(row.get("OWN_TYPE"))
        if own is None:
            why.append("no_own_type")
    except ValuationError:
        why.append("bad_own_type")
    if text(row.get("HOLDER")) is None:
        why.append("no_holder")
    if text(row.get("SELLER")) is None:
        why.append("no_seller")
    seller_cd = row.get("SELLER_CD")
    if blank(seller_cd):
        why.append("no_seller_id")
    elif not is_valid_identifier(seller_cd):
        why.append("bad_seller_id")
    try:
        dispute = parse_dispute(row.get("DISPUTE"))
    except ValuationError:
        dispute = "?"
    if dispute is None:
        why.append("no_dispute")
    elif dispute == "?":
        why.append("bad_dispute")
    elif dispute == "UNCLEAR":
        why.append("unclear")
    elif dispute == "DISPUTED":
        why.append("disputed")
    elif dispute == "RESOLVED":
        try:
            consent = parse_flag(row.get("CONSENT"))
        except ValuationError:
            consent = None
        if consent != 1:
            why.append("no_consent")
    return why


def assess(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with ELIGIBLE (1/0), INELIG_WHY ("" or codes joined by ";") and STATE_APPR
    (1 for STATE parcels: state-asset appraisal under 《国有资产评估管理办法》, else 0), as nullable Int64;
    assigned fields missing from ``df`` are added empty."""
    out = df.copy()
    for f in ASSIGNED_FIELDS:
        if f not in out.columns:
            out[f] = None
    records = out[list(ASSIGNED_FIELDS)].astype(object).to_dict("records")
    reasons = [ineligibility_reasons(r) for r in records]
    out["ELIGIBLE"] = pd.array([0 if r else 1 for r in reasons], dtype="Int64")
    out["INELIG_WHY"] = [";".join(r) for r in reasons]
    state = []
    for r in records:
        try:
            state.append(1 if parse_own_type(r["OWN_TYPE"]) == "STATE" else 0)
        except ValuationError:
            state.append(0)
    out["STATE_APPR"] = pd.array(state, dtype="Int64")
    return out


# Assignment tables ---------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One bad value: ``row`` is a table row counted from 1 (header excluded) or, as a string, a PARCEL_ID;
    ``value`` is shown as given, identifiers masked."""

    row: Union[int, str]
    field: str
    value: str
    error: ValuationError

    def text(self) -> str:
        where = f"row {self.row}" if isinstance(self.row, int) else f"parcel {self.row}"
        return f"{where}: {self.field} = '{self.value}' — {self.error}"


class TableError(ValuationError):
    """Every bad value of a set of assignments (``problems``); nothing may be applied."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("invalid_assignments",
                         "{n} row(s) of assignments are invalid; nothing was applied: {problems}",
                         n=len({p.row for p in problems}), problems="; ".join(p.text() for p in problems))


def shown_value(field: str, raw: Any) -> str:
    """A value as shown in messages: identifiers (``*_CD``) masked, others as text."""
    return mask_identifier(raw) if field.endswith("_CD") else (text(raw) or "")


def normalise_assignments(df: pd.DataFrame, fields: Optional[Iterable[str]] = None,
                          today: Optional[dt.date] = None) -> pd.DataFrame:
    """A copy of ``df`` (indexed by PARCEL_ID) with the assigned ``fields`` present in it (default: all)
    validated and normalised (:func:`normalise_value`); raises :class:`TableError` listing every bad value."""
    out = df.copy()
    problems: list[Problem] = []
    for f in fields if fields is not None else ASSIGNED_FIELDS:
        if f not in out.columns:
            continue
        values = []
        for key, raw in zip(out.index, out[f].astype(object)):
            try:
                values.append(normalise_value(f, raw, today))
            except ValuationError as err:
                problems.append(Problem(str(key), f, shown_value(f, raw), err))
                values.append(None)
        out[f] = pd.Series(values, index=out.index, dtype=object)
    if problems:
        raise TableError(problems)
    return out


def catalogue_aliases() -> dict[str, tuple[str, ...]]:
    """PARCEL_ID, BSM and the assigned fields -> their zh/en aliases (field catalogue, 三调 aliases)."""
    from .fields import DLTB_ALIASES, catalogue

    cat = catalogue()
    out = {f: (cat[f].alias_zh, cat[f].alias_en) for f in ("PARCEL_ID", *ASSIGNED_FIELDS) if f in cat}
    out["BSM"] = tuple(reversed(DLTB_ALIASES["BSM"]))
    return out


def table_columns(columns: Iterable[Any], aliases: Optional[Mapping[str, Iterable[str]]] = None) -> dict[str, str]:
    """Table column → field (PARCEL_ID, BSM or an assigned field), matched case-insensitively on the
    field name or on one of ``aliases[field]`` (e.g. the zh/en aliases of the field catalogue)."""
    wanted: dict[str, str] = {}
    for f in ("PARCEL_ID", "BSM", *ASSIGNED_FIELDS):
        wanted[f.lower()] = f
        for a in (aliases or {}).get(f, ()):
            wanted.setdefault(str(a).strip().lower(), f)
    out: dict[str, str] = {}
    for c in columns:
        f = wanted.get(str(c).strip().lower())
        if f is not None and f not in out.values():
            out[str(c)] = f
    return out


def check_table(table: pd.DataFrame, parcels: pd.DataFrame,
                aliases: Optional[Mapping[str, Iterable[str]]] = None,
                today: Optional[dt.date] = None) -> pd.DataFrame:
    """Validate an assignment table against the parcels and return the changes it asks for.

    ``table`` has a PARCEL_ID or BSM column (names or zh/en aliases, any case; a spreadsheet whose header was
    read as data is recognised by its first row; a row with an empty PARCEL_ID falls back to its BSM; a BSM
    assigns every piece of that 三调 parcel) and columns named like the assigned fields; blank cells change
    nothing. ``parcels`` has PARCEL_ID (and BSM). Returns a DataFrame indexed by PARCEL_ID with the
    assigned fields (None = unchanged) plus BSM. Raises :class:`TableError` listing every bad row
    (unknown codes, invalid identifiers — masked —, bad flags or dates, unknown or repeated keys)."""
    if aliases is None:
        aliases = catalogue_aliases()
    cols = table_columns(table.columns, aliases)
    by_field = {f: c for c, f in cols.items()}
    if "PARCEL_ID" not in by_field and "BSM" not in by_field and len(table):
        # A spreadsheet read without header detection: the header is the first row.
        first = [text(v) or "" for v in table.iloc[0]]
        header_cols = table_columns(first, aliases)
        if {"PARCEL_ID", "BSM"} & set(header_cols.values()):
            table = table.iloc[1:].set_axis(first, axis=1)
            cols = table_columns(table.columns, aliases)
            by_field = {f: c for c, f in cols.items()}
    if "PARCEL_ID" not in by_field and "BSM" not in by_field:
        raise ValuationError("no_key_column", "The assignment table has neither a PARCEL_ID nor a BSM column "
                             "(columns: {columns}).", columns=short_list([str(c) for c in table.columns]))
    fields = [f for f in ASSIGNED_FIELDS if f in by_field]
    if not fields:
        raise ValuationError("no_assignment_columns", "The assignment table has no ownership column; use "
                             "{fields}.", fields=", ".join(ASSIGNED_FIELDS))
    pid_col = _column(parcels.columns, "PARCEL_ID")
    if pid_col is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer="INPUT",
                             field="PARCEL_ID")
    bsm_col = _column(parcels.columns, "BSM")
    pids = [text(v) for v in parcels[pid_col]]
    bsms = [text(v) for v in parcels[bsm_col]] if bsm_col else [None] * len(pids)
    bsm_of = dict(zip(pids, bsms))
    pieces: dict[str, list[str]] = {}
    for p, b in zip(pids, bsms):
        if b is not None and p is not None:
            pieces.setdefault(b, []).append(p)

    problems: list[Problem] = []
    changes: dict[str, dict[str, Any]] = {}
    first_row: dict[str, int] = {}
    for i, rec in enumerate(table.to_dict("records"), start=1):
        pid = text(rec[by_field["PARCEL_ID"]]) if "PARCEL_ID" in by_field else None
        bsm = text(rec[by_field["BSM"]]) if "BSM" in by_field else None
        targets: list[str] = []
        if pid is not None:
            if pid in bsm_of:
                targets = [pid]
            else:
                problems.append(Problem(i, "PARCEL_ID", pid, ValuationError(
                    "unknown_parcel_id", "no parcel has this PARCEL_ID", value=pid)))
        elif bsm is not None:
            if bsm in pieces:
                targets = pieces[bsm]
            else:
                problems.append(Problem(i, "BSM", bsm, ValuationError(
                    "unknown_bsm", "no parcel has this BSM", value=bsm)))
        elif all(blank(rec[by_field[f]]) for f in fields):
            continue  # an empty line
        else:
            problems.append(Problem(i, "PARCEL_ID", "", ValuationError(
                "no_key", "the row has neither a PARCEL_ID nor a BSM")))
        values: dict[str, Any] = {}
        for f in fields:
            raw = rec[by_field[f]]
            try:
                value = normalise_value(f, raw, today)
            except ValuationError as err:
                problems.append(Problem(i, f, shown_value(f, raw), err))
                continue
            if value is not None:
                values[f] = value
        for t in targets:
            if t in first_row:
                key = pid if pid is not None else bsm
                problems.append(Problem(i, "PARCEL_ID" if pid is not None else "BSM", str(key), ValuationError(
                    "duplicate_key", "this parcel is also assigned by row {other}", value=key,
                    other=first_row[t])))
                break
        for t in targets:
            first_row.setdefault(t, i)
            changes.setdefault(t, {}).update(values)
    if problems:
        raise TableError(sorted(problems, key=lambda p: p.row))
    out = pd.DataFrame.from_dict(changes, orient="index", columns=list(ASSIGNED_FIELDS)).astype(object)
    out = out.where(out.notna(), None)
    out.index.name = "PARCEL_ID"
    out["BSM"] = [bsm_of.get(p) for p in out.index]
    return out


# Joining -----------------------------------------------------------------
def join_assignments(gdf: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``gdf`` (needs PARCEL_ID; BSM optional) with the assigned fields taken from ``assignments``
    (index PARCEL_ID; columns BSM and the assigned fields, as :meth:`Register.assignments` gives) and
    ELIGIBLE, INELIG_WHY, STATE_APPR recomputed by :func:`assess`.

    A feature takes the row with its PARCEL_ID; failing that, the rows with its BSM when they all agree
    (pieces of one 三调 parcel after the lots were renamed). Unmatched features keep their own values.
    ``result.attrs["register_join"]`` counts ``by_parcel_id``, ``by_bsm``, ``unmatched`` and lists
    ``ambiguous_bsm`` (BSMs whose rows disagree)."""
    pid_col = _column(gdf.columns, "PARCEL_ID")
    if pid_col is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer="INPUT",
                             field="PARCEL_ID")
    bsm_col = _column(gdf.columns, "BSM")
    out = gdf.copy()
    for f in ASSIGNED_FIELDS:
        out[f] = out[f].astype(object) if f in out.columns else None
    records = {pid: tuple(row) for pid, row in zip(
        assignments.index, assignments[list(ASSIGNED_FIELDS)].astype(object).itertuples(index=False))}
    by_bsm: dict[str, set[tuple]] = {}
    for pid, bsm in zip(assignments.index, assignments["BSM"]):
        if text(bsm) is not None:
            by_bsm.setdefault(text(bsm), set()).add(tuple(None if blank(v) else v for v in records[pid]))
    stats: dict[str, Any] = {"by_parcel_id": 0, "by_bsm": 0, "unmatched": 0, "ambiguous_bsm": []}
    rows: list[Optional[tuple]] = []
    bsms = out[bsm_col] if bsm_col else [None] * len(out)
    for pid, bsm in zip(out[pid_col], bsms):
        pid, bsm = text(pid), text(bsm)
        if pid in records:
            rows.append(records[pid])
            stats["by_parcel_id"] += 1
        elif bsm is not None and bsm in by_bsm and len(by_bsm[bsm]) == 1:
            rows.append(next(iter(by_bsm[bsm])))
            stats["by_bsm"] += 1
        else:
            if bsm is not None and bsm in by_bsm and bsm not in stats["ambiguous_bsm"]:
                stats["ambiguous_bsm"].append(bsm)
            rows.append(None)
            stats["unmatched"] += 1
    for j, f in enumerate(ASSIGNED_FIELDS):
        current = out[f].tolist()
        out[f] = pd.Series([current[i] if r is None else (None if blank(r[j]) else r[j]) for i, r in enumerate(rows)],
                           index=out.index, dtype=object)
    out = coerce_flags(assess(out))
    out.attrs["register_join"] = stats
    return out


def coerce_flags(df: pd.DataFrame) -> pd.DataFrame:
    """PRIORITY and CONSENT as nullable integers (for writing layers)."""
    out = df.copy()
    for f in FLAG_FIELDS:
        if f in out.columns:
            vals = []
            for v in out[f]:
                try:
                    vals.append(None if blank(v) else int(v))
                except (TypeError, ValueError):
                    vals.append(None)
            out[f] = pd.array(vals, dtype="Int64")
    return out


# The whole assignment step -------------------------------------------------
@dataclass
class AssignResult:
    """The parcels with ownership fields, the changes for :meth:`Register.apply` and counts."""

    parcels: pd.DataFrame
    changes: pd.DataFrame
    stats: dict[str, Any]


def assign(parcels: pd.DataFrame, table: Optional[pd.DataFrame] = None, from_sandiao: bool = False,
           assignments: Optional[pd.DataFrame] = None, layer: str = "INPUT",
           today: Optional[dt.date] = None) -> AssignResult:
    """Assign ownership to ``parcels`` (needs a unique PARCEL_ID; BSM and the 三调 fields optional).

    Order: the layer's own ownership values (validated), then the register's ``assignments`` (they win for
    matched parcels, see :func:`join_assignments`), then ``table`` (:func:`check_table`; explicit values
    win), then the 三调 suggestions into what is still empty (``from_sandiao``); finally :func:`assess`.
    Raises :class:`TableError` listing every bad value before anything is returned. ``changes`` holds every
    parcel's assigned values (None as ``""``, i.e. cleared) for the register: unchanged values write nothing."""
    pid_col = _column(parcels.columns, "PARCEL_ID")
    if pid_col is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=layer, field="PARCEL_ID")
    pids = [text(p) for p in parcels[pid_col]]
    blank_ids = [str(i) for i, p in zip(parcels.index, pids) if p is None]
    if blank_ids:
        raise ValuationError("blank_parcel_id", "Features {fids} of layer {layer} have no PARCEL_ID.",
                             fids=short_list(blank_ids), layer=layer)
    dup = sorted({p for p in pids if pids.count(p) > 1})
    if dup:
        raise ValuationError("duplicate_parcel_id", "PARCEL_ID values occur more than once in layer {layer}: {ids}.",
                             layer=layer, ids=short_list(dup))
    stats: dict[str, Any] = {"parcels": len(parcels)}
    work = parcels.copy()
    work.index = pd.Index(pids, name="PARCEL_ID")
    present = [f for f in ASSIGNED_FIELDS if f in work.columns]
    work = normalise_assignments(work, present, today)
    if assignments is not None:
        work = join_assignments(work, assignments)
        stats["register_join"] = work.attrs.get("register_join", {})
    for f in ASSIGNED_FIELDS:
        values = work[f].tolist() if f in work.columns else [None] * len(work)
        work[f] = pd.Series([None if blank(v) else v for v in values], index=work.index, dtype=object)
    if table is not None:
        changes = check_table(table, work.assign(PARCEL_ID=pids), today=today)
        for pid, rec in changes.iterrows():
            for f in ASSIGNED_FIELDS:
                if rec[f] is not None:
                    work.at[pid, f] = rec[f]
        stats["table_parcels"] = len(changes)
    if from_sandiao:
        before = {f: work[f].map(blank).sum() for f in ("OWN_TYPE", "HOLDER", "HOLDER_CD")}
        work = fill_from_sandiao(work)
        stats["sandiao_filled"] = {f: int(before[f] - work[f].map(blank).sum()) for f in before}
    work = coerce_flags(assess(work))
    for f in ASSIGNED_FIELDS:
        if f not in FLAG_FIELDS:
            work[f] = pd.Series([None if blank(v) else v for v in work[f]], index=work.index, dtype=object)
    stats["eligible"] = int((work["ELIGIBLE"] == 1).sum())
    reasons: dict[str, int] = {}
    for why in work["INELIG_WHY"]:
        for code in filter(None, str(why).split(";")):
            reasons[code] = reasons.get(code, 0) + 1
    stats["reasons"] = reasons
    stats["state_appraisal"] = int((work["STATE_APPR"] == 1).sum())
    reg = pd.DataFrame({f: [CLEAR_VALUE if blank(v) else v for v in work[f].astype(object)] for f in ASSIGNED_FIELDS},
                       index=work.index)
    bsm_col = _column(work.columns, "BSM")
    reg["BSM"] = [text(v) for v in work[bsm_col]] if bsm_col else None
    out = work.copy()
    out.index = parcels.index
    out.attrs = {}
    pos = list(parcels.columns)
    out = out[[c for c in pos if c not in OWNERSHIP_COLUMNS] + list(OWNERSHIP_COLUMNS)]
    return AssignResult(out, reg, stats)
