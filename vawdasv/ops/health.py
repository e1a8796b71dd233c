"""What /healthz checks: the database, the workers' heartbeat and the file storage.

Each check answers {"ok": bool, ...} with nothing personal in it: no names, no paths, and an
error is given by its class only, since /healthz is open to anyone who can reach the server.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from vawdasv.ops.models import WorkerHeartbeat
from vawdasv.ops.queue import lost_after, uses_database_queue

PROBE = b"vawdasv healthz probe"


def database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def worker() -> dict[str, Any]:
    """Healthy when some worker beat recently; without a database queue no worker is needed."""
    if not uses_database_queue():
        return {"ok": True, "needed": False}
    try:
        last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True)
        beat_at = last.first()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    if beat_at is None:
        return {"ok": False, "last_heartbeat": None}
    age = (timezone.now() - beat_at).total_seconds()
    return {
        "ok": age <= lost_after().total_seconds(),
        "last_heartbeat": beat_at.isoformat(),
        "seconds_ago": round(age, 1),
    }


def storage() -> dict[str, Any]:
    """Write, read back and delete a probe file through the configured storage."""
    name = ""
    try:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(PROBE))
        with default_storage.open(name, "rb") as handle:
            if handle.read() != PROBE:
                return {"ok": False, "error": "probe read back differently"}
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    finally:
        if name:
            # A probe left behind is harmless; a storage failing to delete fails the next probe.
            with contextlib.suppress(Exception):
                default_storage.delete(name)
    return {"ok": True}


def report() -> tuple[bool, dict[str, Any]]:
    checks = {"database": database(), "worker": worker(), "storage": storage()}
    healthy = all(check["ok"] for check in checks.values())
    return healthy, {"status": "ok" if healthy else "unhealthy", "checks": checks}
