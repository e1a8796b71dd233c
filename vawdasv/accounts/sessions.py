"""The session store: Django's database sessions, read with one SQL statement.

Every signed-in request reads its session first. Django's store reads it through the ORM
(`Session.objects.get(...)`), and building and compiling that query took longer than the
database took to answer it (profiled; ADR 0040). This store reads the same row, with the same
rule (the key, not yet expired), as SQL; writing, expiry and clearing are Django's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone

from vawdasv.lib.rawsql import table


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        key = self.session_key
        if key is None:
            return None
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table(self.model)}"
                " WHERE session_key = %s AND expire_date > %s",
                [key, now],
            )  # only the table name is formatted in
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's store: a new key when it is saved
            return None
        return self.model(session_key=key, session_data=row[0])
