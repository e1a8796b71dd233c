"""`vawdasv worker`: run queued tasks (reports, reminders) until stopped; run one or more.

The options are django_tasks_db's `db_worker` options (`--queue-name`, `--interval`,
`--batch`, `--max-tasks`, `--worker-id`, ...), except `--reload`: a worker that restarts
itself mid-task would leave the task for recovery.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from vawdasv.ops.worker import Worker


class Command(db_worker.Command):
    help = "Run queued background tasks, with a heartbeat and recovery of lost tasks."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
