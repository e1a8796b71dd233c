"""Small helpers for the few queries written as SQL rather than built with the ORM.

A page asked for on every request may run a query whose building and compiling through the ORM
costs more than the database takes to answer it (the outcomes dashboards; ADR 0040). Such a
query is written as SQL with these helpers: table names come from the models, every value
is a parameter, and what the database gives back is made into the Python types the ORM would
have made.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connection


def table(model: Any) -> str:
    """The model's table name, quoted for the database in use."""
    return str(connection.ops.quote_name(model._meta.db_table))


def marks(values: Sequence[object]) -> str:
    """Placeholders for `IN (...)`: one per value, or NULL for none (matches nothing, where an
    empty `IN ()` would be a syntax error)."""
    return ", ".join(["%s"] * len(values)) or "NULL"


def decimal(value: object, places: int) -> Decimal:
    """A number as the database gives it (PostgreSQL: Decimal; SQLite: int, float or text)
    as a Decimal with the field's decimal places, as Django's converter makes it."""
    if isinstance(value, float):
        value = Decimal(repr(value))  # repr: the shortest text that reads back as the float
    elif not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(Decimal(1).scaleb(-places))


def optional_decimal(value: object, places: int) -> Decimal | None:
    """As `decimal`, with NULL (None) kept."""
    return None if value is None else decimal(value, places)
