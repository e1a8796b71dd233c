"""Log records with the request id, as JSON lines when LOG_FORMAT=json (settings.LOGGING)."""

from __future__ import annotations

import datetime
import json
import logging

from vawdasv.ops.requests import current_request_id


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("" outside a request: commands, workers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector to index."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
