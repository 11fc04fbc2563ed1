"""The project register: one GeoPackage per project holding what must outlive any one layer.

Schema version 1 (documented in docs/register.md): ``swc_meta`` (key, value), ``ownership`` (one row per
PARCEL_ID with the assigned ownership fields as stored codes) and the append-only ``audit`` (one row per
changed field; SQLite triggers refuse UPDATE and DELETE). Every table is a GeoPackage attribute table
(``gpkg_contents.data_type = 'attributes'``), so QGIS/GDAL ≥ 3.6 open the file like any GeoPackage.

API (stable; the dock widget and ``swcvalue:assignownership`` build on it)::

    SCHEMA_VERSION = 3                           # 2: trade tables (valuation/trading.py, docs/trading.md)
                                                 # 3: listing fields, excluded operators (valuation/screening.py)
    CLEAR = ""                                   # a change to CLEAR sets the field to NULL
    Register.create(path, lock_timeout=10.0) -> Register       # error if the file exists
    Register.open(path, lock_timeout=10.0) -> Register         # checks the schema version
    Register.open_or_create(path, lock_timeout=10.0) -> Register
    Register.inspect(path) -> int                # schema version, file untouched (0: would be adopted)
    reg.path, reg.schema_version, reg.meta() -> dict[str, str]
    reg.assignments() -> DataFrame               # index PARCEL_ID; BSM, ASSIGNED_FIELDS, UPDATED_AT, UPDATED_BY
    reg.preview(changes) -> DataFrame            # parcel_id, field, old_value, new_value that apply() would write
    reg.apply(changes, user=None) -> int         # one transaction; returns the number of audit rows written
    reg.audit(parcel_id=None) -> DataFrame       # id, time, os_user, app_user, batch, parcel_id, field, old, new
    reg.join_assignments(gdf) -> GeoDataFrame    # assignments by PARCEL_ID, else by BSM; plus ELIGIBLE etc.

    reg.last_attempts                            # attempts the last write needed (> 1: it met a lock)
    TABLES, MIGRATIONS, register_table(con, name, description)   # for later schema versions (docs/register.md)

``changes`` is a DataFrame keyed by PARCEL_ID (index or column) with some of the assigned fields and
optionally BSM; None/NaN means "unchanged", :data:`CLEAR` ("") means "set to NULL"; ELIGIBLE, INELIG_WHY,
STATE_APPR, UPDATED_AT and UPDATED_BY columns are ignored (computed), any other column is an error. Values
are validated with :func:`valuation.ownership.normalise_value` (a :class:`~valuation.ownership.TableError`
lists every bad one). Writes retry while another program holds the write lock ("database is locked"), with a doubling
back-off bounded by ``lock_timeout`` seconds, then raise ``register_locked``. Times are UTC ISO 8601.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Optional, Union

import pandas as pd

from . import __version__
from .errors import ValuationError, short_list
from .ownership import (
    ASSIGNED_FIELDS,
    FLAG_FIELDS,
    Problem,
    TableError,
    blank,
    join_assignments,
    normalise_value,
    shown_value,
    text,
)

SCHEMA_VERSION = 3
CLEAR = ""
#: The register's tables (GeoPackage attribute tables) and their descriptions.
TABLES = {
    "swc_meta": "SWC EcoValue register: metadata (schema_version, created, software)",
    "ownership": "SWC EcoValue register: ownership assignment per parcel (PARCEL_ID)",
    "audit": "SWC EcoValue register: append-only change log",
}

_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_GPKG_USER_VERSION = 10200  # GeoPackage 1.2, as GDAL writes by default
_WGS84 = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
          'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
          '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
          'AUTHORITY["EPSG","4326"]]')

_GPKG_CORE = [
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, "
    "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
    "description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
    "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
    "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
    "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
    "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE "
    "(table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
    "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))",
]


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


#: Schema version 1. Later versions add tables through MIGRATIONS; existing columns never change meaning.
_SCHEMA_V1 = [
    "CREATE TABLE swc_meta (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, key TEXT NOT NULL UNIQUE, value TEXT)",
    "CREATE TABLE ownership (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, PARCEL_ID TEXT NOT NULL UNIQUE, "
    "BSM TEXT, "
    f"OWN_TYPE TEXT CHECK (OWN_TYPE IS NULL OR OWN_TYPE IN ({_in(('STATE', 'COLLECTIVE', 'INDIVIDUAL'))})), "
    "HOLDER TEXT, HOLDER_CD TEXT, INVESTOR TEXT, PRIORITY INTEGER CHECK (PRIORITY IS NULL OR PRIORITY IN (0, 1)), "
    "SELLER TEXT, SELLER_CD TEXT, "
    f"DISPUTE TEXT CHECK (DISPUTE IS NULL OR DISPUTE IN ({_in(('NONE', 'UNCLEAR', 'DISPUTED', 'RESOLVED'))})), "
    "CONSENT INTEGER CHECK (CONSENT IS NULL OR CONSENT IN (0, 1)), CONS_DATE DATE, CONS_REF TEXT, "
    "UPDATED_AT DATETIME, UPDATED_BY TEXT)",
    "CREATE INDEX ownership_bsm ON ownership (BSM)",
    "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, time DATETIME NOT NULL, os_user TEXT, "
    "app_user TEXT, batch TEXT, parcel_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT)",
    "CREATE INDEX audit_parcel ON audit (parcel_id)",
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN "
    "SELECT RAISE(ABORT, 'audit is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN "
    "SELECT RAISE(ABORT, 'audit is append-only: DELETE refused'); END",
]

#: Schema version 2 (trades, docs/trading.md): the trade lifecycle, its parcels and append-only events, pledges
#: and scheduled payments. Trade fields are TEXT (dates ISO ``YYYY-MM-DD``) or REAL (元, years).
_TRADE_TEXT_FIELDS_V2 = ("PRODUCT", "SELLERS", "ACCOUNT_DATE", "APPRAISER", "APPRAISAL_DATE", "LISTING_DATE",
                     "PLATFORM_REF", "PUBLICITY_START", "PUBLICITY_END", "PUBLICITY_OUTCOME", "OPERATOR",
                     "OPERATOR_CD", "PRIORITY_WAIVER", "START_DATE", "PAYMENT_METHOD", "PAYMENT_SCHEDULE",
                     "CONTRACT_NO", "SIGNING_DATE", "REVENUE_PLAN_NO", "REVENUE_PLAN_DATE", "FILED_WATER",
                     "FILED_DRC", "FILED_FINANCE", "COUNTY", "CERT_NO", "CERT_DATE", "FEEDBACK_PLAN_NO",
                     "FEEDBACK_PLAN_DATE", "CLOSE_DATE", "NOTE")
_TRADE_REAL_FIELDS_V2 = ("ACCOUNTED_VALUE", "APPRAISED_VALUE", "TERM_YEARS", "PRICE")
TABLES_V2 = {
    "trade": "SWC EcoValue register: trades and their lifecycle status",
    "trade_parcel": "SWC EcoValue register: parcels of each trade",
    "trade_event": "SWC EcoValue register: append-only trade events",
    "pledge": "SWC EcoValue register: pledges of rights or revenue (抵质押)",
    "payment": "SWC EcoValue register: scheduled and received payments of trades",
}
_SCHEMA_V2 = [
    "CREATE TABLE trade (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, TRADE_ID TEXT NOT NULL UNIQUE, "
    "STATUS TEXT NOT NULL, " + ", ".join(f"{f} TEXT" for f in _TRADE_TEXT_FIELDS_V2) + ", "
    + ", ".join(f"{f} REAL" for f in _TRADE_REAL_FIELDS_V2) + ", UPDATED_AT DATETIME, UPDATED_BY TEXT)",
    "CREATE TABLE trade_parcel (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, TRADE_ID TEXT NOT NULL, "
    "PARCEL_ID TEXT NOT NULL, SELLER TEXT, INVESTOR TEXT, PRIORITY INTEGER, UNIQUE (TRADE_ID, PARCEL_ID))",
    "CREATE INDEX trade_parcel_parcel ON trade_parcel (PARCEL_ID)",
    "CREATE TABLE trade_event (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, time DATETIME NOT NULL, "
    "os_user TEXT, app_user TEXT, trade_id TEXT NOT NULL, action TEXT NOT NULL, from_status TEXT, "
    "to_status TEXT, field TEXT, old_value TEXT, new_value TEXT)",
    "CREATE INDEX trade_event_trade ON trade_event (trade_id)",
    "CREATE TRIGGER trade_event_no_update BEFORE UPDATE ON trade_event BEGIN "
    "SELECT RAISE(ABORT, 'trade_event is append-only: UPDATE refused'); END",
    "CREATE TRIGGER trade_event_no_delete BEFORE DELETE ON trade_event BEGIN "
    "SELECT RAISE(ABORT, 'trade_event is append-only: DELETE refused'); END",
    "CREATE TABLE pledge (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, PLEDGE_ID TEXT NOT NULL UNIQUE, "
    "TRADE_ID TEXT, KIND TEXT NOT NULL CHECK (KIND IN ('RIGHT', 'REVENUE')), PARCELS TEXT, LENDER TEXT NOT NULL, "
    "AMOUNT REAL NOT NULL, START_DATE TEXT NOT NULL, END_DATE TEXT NOT NULL, RELEASE_DATE TEXT, "
    "UPDATED_AT DATETIME, UPDATED_BY TEXT)",
    "CREATE TABLE payment (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, TRADE_ID TEXT NOT NULL, "
    "SEQ INTEGER NOT NULL, DUE_DATE TEXT NOT NULL, AMOUNT REAL NOT NULL, PAID_DATE TEXT, "
    "UNIQUE (TRADE_ID, SEQ))",
]


def _apply_schema(con: sqlite3.Connection, statements: list[str], tables: dict[str, str]) -> None:
    """Run a schema version's statements and register its new tables in ``gpkg_contents``."""
    for sql in statements:
        con.execute(sql)
    for name, description in tables.items():
        register_table(con, name, description)


def _v1_to_v2(con: sqlite3.Connection) -> None:
    """Schema 1 → 2: add the trade tables."""
    _apply_schema(con, _SCHEMA_V2, TABLES_V2)


#: Schema version 3 (docs/trading.md, "Publishing a trade" and "Excluded operators"): the listing fields of a trade
#: (clause 十: proposed price, permitted operating forms, eligible operator scope, contact) and the excluded-operator
#: list (clause 十七) with its append-only history.
_TRADE_TEXT_FIELDS_V3 = ("OPERATING_FORMS", "OPERATOR_SCOPE", "CONTACT")
_TRADE_REAL_FIELDS_V3 = ("LISTING_PRICE",)
#: Trade fields: TEXT (dates ISO ``YYYY-MM-DD``) and REAL (元, years), every schema version.
TRADE_TEXT_FIELDS = _TRADE_TEXT_FIELDS_V2 + _TRADE_TEXT_FIELDS_V3
TRADE_REAL_FIELDS = _TRADE_REAL_FIELDS_V2 + _TRADE_REAL_FIELDS_V3
TABLES_V3 = {
    "excluded_operator": "SWC EcoValue register: operators excluded from trades (clause 十七)",
    "excluded_operator_event": "SWC EcoValue register: append-only history of the excluded-operator list",
}
_EXCLUSION_COLUMNS = ("NAME TEXT NOT NULL, NAME_NORM TEXT NOT NULL, IDENT TEXT, REASON TEXT NOT NULL, "
                      "SOURCE TEXT NOT NULL, LISTED_DATE TEXT, EXPIRY TEXT")
_SCHEMA_V3 = [
    *(f"ALTER TABLE trade ADD COLUMN {f} TEXT" for f in _TRADE_TEXT_FIELDS_V3),
    *(f"ALTER TABLE trade ADD COLUMN {f} REAL" for f in _TRADE_REAL_FIELDS_V3),
    # One row per entry in force; ENTRY_KEY is "ID:<IDENT>" or "NAME:<NAME_NORM>" (valuation/screening.py).
    "CREATE TABLE excluded_operator (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, ENTRY_KEY TEXT NOT NULL "
    f"UNIQUE, {_EXCLUSION_COLUMNS}, UPDATED_AT DATETIME, UPDATED_BY TEXT)",
    "CREATE INDEX excluded_operator_name ON excluded_operator (NAME_NORM)",
    "CREATE INDEX excluded_operator_ident ON excluded_operator (IDENT)",
    # Every addition, change and removal with the entry's values after it (removal: before it) and a note.
    "CREATE TABLE excluded_operator_event (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, time DATETIME NOT NULL, "
    "os_user TEXT, app_user TEXT, batch TEXT, action TEXT NOT NULL CHECK (action IN ('add', 'update', 'remove')), "
    "ENTRY_KEY TEXT NOT NULL, " + _EXCLUSION_COLUMNS.replace(" NOT NULL", "") + ", NOTE TEXT)",
    "CREATE INDEX excluded_operator_event_key ON excluded_operator_event (ENTRY_KEY)",
    "CREATE TRIGGER excluded_operator_event_no_update BEFORE UPDATE ON excluded_operator_event BEGIN "
    "SELECT RAISE(ABORT, 'excluded_operator_event is append-only: UPDATE refused'); END",
    "CREATE TRIGGER excluded_operator_event_no_delete BEFORE DELETE ON excluded_operator_event BEGIN "
    "SELECT RAISE(ABORT, 'excluded_operator_event is append-only: DELETE refused'); END",
]


def _v2_to_v3(con: sqlite3.Connection) -> None:
    """Schema 2 → 3: the trade's listing columns and the excluded-operator tables."""
    _apply_schema(con, _SCHEMA_V3, TABLES_V3)


#: from-version -> function upgrading a register in place to from-version + 1 (inside a write transaction).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def utc_now() -> str:
    """Now as GeoPackage DATETIME text: ``YYYY-MM-DDTHH:MM:SS.sssZ`` (UTC)."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def os_user() -> str:
    """The operating-system login name (``unknown`` when it cannot be determined)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name in some service environments
        return os.environ.get("USERNAME") or "unknown"


def register_table(con: sqlite3.Connection, name: str, description: str) -> None:
    """Declare an attribute table in ``gpkg_contents`` (for migrations adding tables)."""
    con.execute("INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, description, last_change, "
                "srs_id) VALUES (?, 'attributes', ?, ?, ?, 0)", (name, name, description, utc_now()))


def _is_locked(err: sqlite3.OperationalError) -> bool:
    msg = str(err).lower()
    return "locked" in msg or "busy" in msg


def _audit_text(value: Any) -> Optional[str]:
    return None if value is None else str(value)


class Register:
    """A project register (GeoPackage). Use :meth:`create`, :meth:`open` or :meth:`open_or_create`.

    Each call opens its own SQLite connection, so one object may be used from any thread."""

    def __init__(self, path: Union[str, Path], lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.lock_timeout = float(lock_timeout)
        #: Attempts the last write needed (1 = no lock met).
        self.last_attempts = 0
        self.schema_version = SCHEMA_VERSION

    # Opening ---------------------------------------------------------------
    @classmethod
    def create(cls, path: Union[str, Path], lock_timeout: float = 10.0) -> Register:
        """Create a new register; the file is built under a temporary name and renamed into place."""
        path = Path(path)
        if path.exists():
            raise ValuationError("register_exists", "Register {path} already exists.", path=str(path))
        if not path.parent.is_dir():
            raise ValuationError("register_no_folder", "Folder {folder} of register {path} does not exist.",
                                 folder=str(path.parent), path=str(path))
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                con.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
                con.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
                con.execute("BEGIN")
                for sql in _GPKG_CORE + _SCHEMA_V1:
                    con.execute(sql)
                con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
                    ("Undefined Cartesian SRS", -1, "NONE", -1, "undefined",
                     "undefined Cartesian coordinate reference system"),
                    ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
                     "undefined geographic coordinate reference system"),
                    ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84,
                     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
                ])
                for name, description in TABLES.items():
                    register_table(con, name, description)
                for version in range(1, SCHEMA_VERSION):  # a new register gets every later version's tables
                    MIGRATIONS[version](con)
                con.executemany("INSERT INTO swc_meta (key, value) VALUES (?, ?)", [
                    ("schema_version", str(SCHEMA_VERSION)), ("created", utc_now()),
                    ("software", f"SWC EcoValue {__version__}")])
                con.execute("COMMIT")
            finally:
                con.close()
            if path.exists():
                raise ValuationError("register_exists", "Register {path} already exists.", path=str(path))
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return cls(path, lock_timeout)

    @classmethod
    def open(cls, path: Union[str, Path], lock_timeout: float = 10.0) -> Register:
        """Open an existing register: checks it is one and that its schema version is known; upgrades an
        older version in place through :data:`MIGRATIONS`. A GeoPackage holding only other ``swc_*`` tables
        (e.g. the catalog's) or no table at all gets the version-1 tables and becomes a register."""
        path = Path(path)
        if not path.is_file():
            raise ValuationError("register_missing", "Register {path} does not exist.", path=str(path))
        reg = cls(path, lock_timeout)
        version = reg._stored_version()
        if version > SCHEMA_VERSION:
            raise ValuationError("register_newer", "Register {path} has schema version {version}; this plugin "
                                 "reads up to version {supported}. Update the plugin.",
                                 path=str(path), version=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            reg._migrate(version)
        return reg

    @classmethod
    def inspect(cls, path: Union[str, Path]) -> int:
        """The schema version of the register at ``path`` without changing the file (0: a GeoPackage that
        :meth:`open` would adopt); raises like :meth:`open` for a missing, foreign or newer file."""
        path = Path(path)
        if not path.is_file():
            raise ValuationError("register_missing", "Register {path} does not exist.", path=str(path))
        version = cls(path)._stored_version()
        if version > SCHEMA_VERSION:
            raise ValuationError("register_newer", "Register {path} has schema version {version}; this plugin "
                                 "reads up to version {supported}. Update the plugin.",
                                 path=str(path), version=version, supported=SCHEMA_VERSION)
        return version

    @classmethod
    def open_or_create(cls, path: Union[str, Path], lock_timeout: float = 10.0) -> Register:
        """:meth:`open` when the file exists, else :meth:`create`."""
        return cls.open(path, lock_timeout) if Path(path).exists() else cls.create(path, lock_timeout)

    def _stored_version(self) -> int:
        """The stored schema version; 0 for an SWC GeoPackage without the core tables (adopted by :meth:`open`)."""
        try:
            with self._read() as con:
                names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                row = (con.execute("SELECT value FROM swc_meta WHERE key = 'schema_version'").fetchone()
                       if "swc_meta" in names else None)
                app_id = con.execute("PRAGMA application_id").fetchone()[0]
                contents = ([r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")]
                            if "gpkg_contents" in names else None)
        except sqlite3.DatabaseError:
            names, row, app_id, contents = set(), None, 0, None
        if row is None:
            # A GeoPackage holding only other SWC EcoValue tables (e.g. the catalog's swc_catalog_*, which
            # creates them in any GeoPackage) or nothing yet: it becomes a register.
            if (app_id == _GPKG_APPLICATION_ID and contents is not None and "swc_meta" not in names
                    and not {"ownership", "audit"} & names and all(str(n).startswith("swc_") for n in contents)):
                return 0
            raise ValuationError("register_not_a_register", "{path} is not an SWC EcoValue register (no "
                                 "swc_meta table with a schema_version).", path=str(self.path))
        try:
            version = int(str(row[0]).strip())
        except ValueError:
            version = -1
        if version < 1 or (version < SCHEMA_VERSION and version not in MIGRATIONS):
            raise ValuationError("register_unknown_version", "Register {path} has an unknown schema version "
                                 "{version}.", path=str(self.path), version=row[0])
        return version

    def _migrate(self, version: int) -> None:
        def run(con: sqlite3.Connection) -> None:
            v = version
            if v == 0:
                for sql in _SCHEMA_V1:
                    con.execute(sql)
                for name, description in TABLES.items():
                    register_table(con, name, description)
                con.executemany("INSERT INTO swc_meta (key, value) VALUES (?, ?)", [
                    ("schema_version", "1"), ("created", utc_now()), ("software", f"SWC EcoValue {__version__}")])
                v = 1
            while v < SCHEMA_VERSION:
                MIGRATIONS[v](con)
                v += 1
            con.execute("UPDATE swc_meta SET value = ? WHERE key = 'schema_version'", (str(v),))

        self._write(run)

    # Connections -----------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=0.2, isolation_level=None)

    def _read(self) -> contextlib.closing[sqlite3.Connection]:
        return contextlib.closing(self._connect())

    def _write(self, body: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``body`` in one IMMEDIATE transaction, retrying while the database is locked."""
        delay, attempts = 0.05, 0
        start = time.monotonic()
        while True:
            attempts += 1
            self.last_attempts = attempts
            con = self._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                result = body(con)
                con.execute("COMMIT")
                return result
            except sqlite3.OperationalError as err:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                if not _is_locked(err):
                    raise
                waited = time.monotonic() - start
                if waited >= self.lock_timeout:
                    raise ValuationError("register_locked", "Register {path} stayed locked by another program "
                                         "for {seconds:.1f} s; nothing was written.", path=str(self.path),
                                         seconds=waited) from err
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            finally:
                con.close()
            time.sleep(min(delay, max(self.lock_timeout - (time.monotonic() - start), 0.0)))
            delay = min(delay * 2, 1.0)

    # Reading ---------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """The ``swc_meta`` key/value pairs."""
        with self._read() as con:
            return {k: v for k, v in con.execute("SELECT key, value FROM swc_meta")}

    def assignments(self) -> pd.DataFrame:
        """Every stored assignment: index PARCEL_ID; columns BSM, the assigned fields (codes; PRIORITY and
        CONSENT as nullable integers), UPDATED_AT, UPDATED_BY."""
        cols = ["PARCEL_ID", "BSM", *ASSIGNED_FIELDS, "UPDATED_AT", "UPDATED_BY"]
        with self._read() as con:
            df = pd.read_sql_query(f"SELECT {', '.join(cols)} FROM ownership ORDER BY fid", con)
        df = df.astype(object).where(df.notna(), None)
        for f in FLAG_FIELDS:
            df[f] = pd.array(df[f].tolist(), dtype="Int64")
        return df.set_index("PARCEL_ID")

    def audit(self, parcel_id: Optional[str] = None) -> pd.DataFrame:
        """The audit log in write order, optionally for one parcel."""
        sql = ("SELECT id, time, os_user, app_user, batch, parcel_id, field, old_value, new_value FROM audit"
               + (" WHERE parcel_id = ?" if parcel_id is not None else "") + " ORDER BY id")
        with self._read() as con:
            df = pd.read_sql_query(sql, con, params=(parcel_id,) if parcel_id is not None else None)
        return df.astype(object).where(df.notna(), None).astype({"id": "int64"})

    # Writing ---------------------------------------------------------------
    def _items(self, changes: pd.DataFrame) -> list[tuple[str, Optional[str], dict[str, Any]]]:
        """(PARCEL_ID, BSM, {field: normalised value or None for CLEAR}) per row; validates everything."""
        df = changes.copy()
        if "PARCEL_ID" not in df.columns:
            df = df.reset_index()
            if df.columns[0] != "PARCEL_ID" and changes.index.name != "PARCEL_ID":
                raise ValuationError("changes_no_parcel_id", "The changes are not keyed by PARCEL_ID.")
            df = df.rename(columns={df.columns[0]: "PARCEL_ID"})
        unknown = [c for c in df.columns if c not in ("PARCEL_ID", "BSM", *ASSIGNED_FIELDS, "ELIGIBLE",
                                                        "INELIG_WHY", "STATE_APPR", "UPDATED_AT", "UPDATED_BY")]
        if unknown:
            raise ValuationError("changes_unknown_fields", "Unknown fields in the changes: {fields}.",
                                 fields=short_list(unknown))
        pids = [text(p) for p in df["PARCEL_ID"]]
        if any(p is None for p in pids):
            raise ValuationError("changes_blank_parcel_id", "Some changes have no PARCEL_ID.")
        dup = sorted({p for p in pids if pids.count(p) > 1})
        if dup:
            raise ValuationError("changes_duplicate_ids", "PARCEL_IDs occur more than once in the changes: {ids}.",
                                 ids=short_list(dup))
        fields = [f for f in ASSIGNED_FIELDS if f in df.columns]
        problems: list[Problem] = []
        items = []
        for pid, rec in zip(pids, df.to_dict("records")):
            values: dict[str, Any] = {}
            for f in fields:
                raw = rec[f]
                if isinstance(raw, str) and raw == CLEAR:
                    values[f] = None
                elif blank(raw):
                    continue
                else:
                    try:
                        values[f] = normalise_value(f, raw)
                    except ValuationError as err:
                        problems.append(Problem(pid, f, shown_value(f, raw), err))
            items.append((pid, text(rec.get("BSM")), values))
        if problems:
            raise TableError(problems)
        return items

    @staticmethod
    def _diff(con: sqlite3.Connection, items: list[tuple[str, Optional[str], dict[str, Any]]]
              ) -> tuple[dict[str, Optional[dict[str, Any]]], list[tuple[str, str, Any, Any]]]:
        """Stored rows of the changed parcels and the (parcel_id, field, old, new) differences."""
        old: dict[str, Optional[dict[str, Any]]] = {}
        pids = [p for p, _, _ in items]
        cols = ["PARCEL_ID", "BSM", *ASSIGNED_FIELDS]
        for start in range(0, len(pids), 500):
            chunk = pids[start:start + 500]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM ownership WHERE PARCEL_ID IN "
                               f"({', '.join('?' * len(chunk))})", chunk).fetchall()
            for row in rows:
                old[row[0]] = dict(zip(cols, row))
        diffs = []
        for pid, _, values in items:
            stored = old.get(pid) or {}
            for f, new in values.items():
                if stored.get(f) != new:
                    diffs.append((pid, f, stored.get(f), new))
        return old, diffs

    def preview(self, changes: pd.DataFrame) -> pd.DataFrame:
        """What :meth:`apply` would write to the audit: parcel_id, field, old_value, new_value."""
        items = self._items(changes)
        with self._read() as con:
            _, diffs = self._diff(con, items)
        return pd.DataFrame(diffs, columns=["parcel_id", "field", "old_value", "new_value"], dtype=object)

    def apply(self, changes: pd.DataFrame, user: Optional[str] = None) -> int:
        """Write ``changes`` in one transaction: insert or update the ownership rows and add one audit row
        per changed field (old and new value). ``user`` goes to UPDATED_BY and audit.app_user (default: the
        OS login). Unchanged values write nothing. Returns the number of audit rows written."""
        items = self._items(changes)
        login = os_user()
        app_user = user or login
        batch = uuid.uuid4().hex

        def body(con: sqlite3.Connection) -> int:
            old, diffs = self._diff(con, items)
            now = utc_now()
            changed = {pid for pid, _, _, _ in diffs}
            for pid, bsm, values in items:
                stored = old.get(pid)
                new_bsm = bsm is not None and stored is not None and stored.get("BSM") != bsm
                if pid not in changed and not new_bsm:
                    continue
                if stored is None:
                    cols = ["PARCEL_ID", "BSM", *values, "UPDATED_AT", "UPDATED_BY"]
                    con.execute(f"INSERT INTO ownership ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [pid, bsm, *values.values(), now, app_user])
                else:
                    sets = {f: v for f, v in values.items() if stored.get(f) != v}
                    if new_bsm:
                        sets["BSM"] = bsm
                    sets.update({"UPDATED_AT": now, "UPDATED_BY": app_user})
                    con.execute(f"UPDATE ownership SET {', '.join(f'{k} = ?' for k in sets)} WHERE PARCEL_ID = ?",
                                [*sets.values(), pid])
            con.executemany("INSERT INTO audit (time, os_user, app_user, batch, parcel_id, field, old_value, "
                            "new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [(now, login, app_user, batch, pid, f, _audit_text(o), _audit_text(n))
                             for pid, f, o, n in diffs])
            if diffs:
                con.execute("UPDATE gpkg_contents SET last_change = ? WHERE table_name IN ('ownership', 'audit')",
                            (now,))
            return len(diffs)

        return self._write(body)

    # Joining ---------------------------------------------------------------
    def join_assignments(self, gdf: pd.DataFrame) -> pd.DataFrame:
        """A copy of ``gdf`` (needs PARCEL_ID; BSM optional) with the assigned fields from the register and
        ELIGIBLE, INELIG_WHY, STATE_APPR recomputed (:func:`valuation.ownership.assess`).

        A feature takes the register row with its PARCEL_ID; failing that, the rows with its BSM when they all
        agree (pieces of one 三调 parcel after the lots were renamed). Unmatched features keep their own values.
        ``result.attrs["register_join"]`` counts ``by_parcel_id``, ``by_bsm``, ``unmatched`` and lists
        ``ambiguous_bsm`` (BSMs whose register rows disagree)."""
        return join_assignments(gdf, self.assignments())
