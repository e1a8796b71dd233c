"""Running the service for real: the task worker and its heartbeat, scheduled tasks, /healthz,
request ids in structured logs, and backup and restore.

Ground floor: it knows no domain app. Domain apps define their tasks (`<app>/tasks.py`) and
name scheduled ones in the SCHEDULED_TASKS setting by import path.
"""
