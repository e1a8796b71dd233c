"""`vawdasv worker`: django_tasks_db's worker loop plus a heartbeat and housekeeping thread.

The thread renews this worker's WorkerHeartbeat row every WORKER_HEARTBEAT_SECONDS, whatever
the main loop is doing (a 40-second PDF included), and every WORKER_HOUSEKEEPING_SECONDS
recovers tasks lost with dead workers and queues the scheduled tasks due. It does both once
before the first task is taken, so a restarted worker first picks up what its predecessor lost.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from vawdasv.ops import recovery, schedule
from vawdasv.ops.models import WorkerHeartbeat
from vawdasv.ops.queue import heartbeat_every

logger = logging.getLogger(__name__)


def beat(worker_id: str, started_at: datetime.datetime | None = None) -> None:
    """Record that this worker is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "beat_at": now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at or now,
        },
    )


def housekeeping() -> None:
    recovery.recover_lost_tasks()
    schedule.queue_due_tasks()


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        last_housekeeping = time.monotonic()
        try:
            while not self.stopping.wait(heartbeat_every()):
                self._safely(beat, self.worker_id)
                if time.monotonic() - last_housekeeping >= settings.WORKER_HOUSEKEEPING_SECONDS:
                    self._safely(housekeeping)
                    last_housekeeping = time.monotonic()
        finally:
            connections.close_all()  # this thread's own connections only

    def _safely(self, job: object, *args: object) -> None:
        # A database hiccup must not stop the beat for good: the next one tries again.
        try:
            job(*args)  # type: ignore[operator]
        except Exception:
            logger.exception("Worker %s: heartbeat or housekeeping failed", self.worker_id)
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()


class Worker(db_worker.Worker):
    """The backend's worker, started by a first beat and housekeeping, beating while it runs."""

    def run(self) -> None:
        beat(self.worker_id)
        housekeeping()
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=heartbeat_every() + 5)
            # This thread's connections: a worker run in a thread (the browser tests) must not
            # leave them open behind it.
            connections.close_all()
