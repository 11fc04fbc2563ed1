"""Dates given as ``date``/``datetime`` objects or ISO text, as the register and the algorithms pass them."""

from __future__ import annotations

import datetime as dt
from typing import Union

from .errors import ValuationError

DateLike = Union[dt.date, str]


def as_date(value: DateLike, name: str = "date") -> dt.date:
    """A date from a ``date``/``datetime`` or ISO text ``YYYY-MM-DD``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValuationError("trade_bad_date", "{name} is not a date (YYYY-MM-DD): {value}.", name=name,
                             value=str(value)) from None
