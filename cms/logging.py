"""Log lines as JSON objects, one per line, for the hosting platform's log search."""

import json
import logging
from datetime import UTC, datetime

FIELDS = ("method", "path", "status", "duration_ms", "request_id", "user_id")


class JSONFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", and the request fields when present}."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({field: getattr(record, field) for field in FIELDS if hasattr(record, field)})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
