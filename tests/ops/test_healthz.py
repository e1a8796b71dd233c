"""/healthz: database, the workers' heartbeat and storage, as JSON with 200 or 503."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from vawdasv.ops.models import WorkerHeartbeat
from vawdasv.ops.worker import beat

pytestmark = pytest.mark.django_db


def test_healthy_with_a_live_worker_answers_200_without_signing_in(client, database_queue):
    beat("worker-1")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["worker"]["seconds_ago"] < 5
    assert body["checks"]["storage"] == {"ok": True}
    assert response["Cache-Control"].startswith("max-age=0")


def test_no_worker_heartbeat_for_over_a_minute_is_503(client, database_queue):
    beat("worker-1")
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - datetime.timedelta(minutes=2))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_no_worker_ever_is_503(client, database_queue):
    assert client.get("/healthz").json()["checks"]["worker"] == {
        "ok": False,
        "last_heartbeat": None,
    }


def test_without_a_database_queue_no_worker_is_needed(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {"ok": True, "needed": False}


def test_a_storage_that_cannot_be_written_is_503_naming_only_the_error_class(client, monkeypatch):
    def refuse(name, content, max_length=None):
        raise PermissionError("/srv/secret/path is read-only")

    monkeypatch.setattr(FileSystemStorage, "save", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {"ok": False, "error": "PermissionError"}
    assert b"/srv/secret" not in response.content


def test_the_storage_probe_leaves_no_file_behind(client, settings):
    client.get("/healthz")
    assert default_storage.listdir("healthz")[1] == []
