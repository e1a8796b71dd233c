"""Request ids in responses and logs; JSON log lines when LOG_FORMAT=json."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from vawdasv.ops.logs import JsonFormatter, RequestIdFilter
from vawdasv.ops.requests import HEADER, current_request_id

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_fresh_request_id(client):
    first = client.get("/healthz")[HEADER]
    second = client.get("/healthz")[HEADER]
    assert len(first) == 32 and first != second


def test_a_valid_request_id_from_the_proxy_is_kept(client):
    given = "3f1c1d2e-7a4b-4c1e-9d7a-0b8e6c5a4f21"
    assert client.get("/healthz", headers={HEADER: given})[HEADER] == given


@pytest.mark.parametrize("bad", ["short", "a" * 200, "abc def ghi", "x\nINFO forged line"])
def test_an_invalid_request_id_is_replaced(client, bad):
    assert client.get("/healthz", headers={HEADER: bad})[HEADER] != bad


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.ids: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.ids.append(record.request_id)  # type: ignore[attr-defined]


def test_what_django_logs_about_a_request_carries_its_id(client):
    capture = _Capture()
    logger = logging.getLogger("django.request")
    logger.addHandler(capture)
    try:
        given = "req-0123456789abcdef"
        client.get("/no-such-page-at-all/", headers={HEADER: given})  # "Not Found" warning
    finally:
        logger.removeHandler(capture)
    assert capture.ids == [given]
    assert current_request_id.get() == ""  # forgotten once the response is finished


def test_the_json_formatter_writes_one_object_per_line_with_the_request_id():
    token = current_request_id.set("req-0123456789abcdef")
    try:
        record = logging.LogRecord(
            "vawdasv.test", logging.WARNING, __file__, 1, "a %s", ("b",), None
        )
        RequestIdFilter().filter(record)
    finally:
        current_request_id.reset(token)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "a b"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "vawdasv.test"
    assert entry["request_id"] == "req-0123456789abcdef"


def test_log_format_json_makes_the_configured_logs_json_lines(tmp_path):
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('vawdasv.check').warning('configured %s', 'json')"
    )
    environment = {**os.environ, "LOG_FORMAT": "json", "VAWDASV_VAR_DIR": str(tmp_path)}
    environment["DJANGO_SETTINGS_MODULE"] = "vawdasv.settings"
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, check=True
    )
    entry = json.loads(done.stderr.decode().strip().splitlines()[-1])
    assert entry["message"] == "configured json"
    assert entry["logger"] == "vawdasv.check"
    assert entry["request_id"] == ""
