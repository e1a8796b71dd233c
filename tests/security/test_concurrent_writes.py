"""Many people writing at once: everyone gets success or the conflict page, never a server error.

Issue 8, finding 5: SQLite answered simultaneous writes with "database is locked" (a 500) where
PostgreSQL answered correctly. Each scenario sends THREADS requests at the same moment through
the real views, one Django test client (and so one database connection) per thread, on whichever
database the suite runs on (the SQLite test database is a file so the threads share it).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from tests.progress.conftest import DEADLINE, GOOD_UPDATE
from tests.progress.evidence.conftest import PDF, upload
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.models import ProgressUpdate, UpdateEvidence

THREADS = 12

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(requests: list[Callable[[Client], Any]], user: Any) -> list[tuple[int, str]]:
    """Run each request in its own thread, released together; the statuses and pages they got."""
    start = threading.Barrier(len(requests))
    statuses: list[tuple[int, str]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run(request: Callable[[Client], Any]) -> None:
        client = Client(raise_request_exception=False)
        try:
            client.force_login(user)
            start.wait(timeout=30)
            response = request(client)
            with lock:
                statuses.append((response.status_code, response.content.decode()))
        except BaseException as exc:  # reported below, with the status codes
            with lock:
                failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert len(statuses) == len(requests)
    return statuses


def _no_server_errors(
    answers: list[tuple[int, str]], allowed: set[int], refusal: str = ""
) -> Counter[int]:
    """Every answer is one the person can act on; any refusal (4xx) says why in `refusal`."""
    counts = Counter(status for status, _page in answers)
    assert set(counts) <= allowed, counts
    for status, page in answers:
        if status >= 400:
            assert refusal in page, page[:2000]
    return counts


@pytest.fixture
def progress_round(world):
    return services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2", deadline=DEADLINE
    )


def test_simultaneous_saves_of_one_action_give_one_success_and_conflict_pages(world):
    action = world.police_action
    url = reverse("plans:action-edit", args=[action.pk])

    def save(number: int) -> Callable[[Client], Any]:
        data = {
            "ref": action.ref,
            "text_en": f"Saved by request {number}",
            "text_cy": action.text_cy,
            "timescale_text": "Mar 2027",
            "lead_organisations": [str(world.police.pk)],
            "version": str(action.version),
        }
        return lambda client: client.post(url, data)

    counts = _no_server_errors(
        _at_once([save(n) for n in range(THREADS)], world.admin),
        {302, 400},
        refusal="Somebody else saved a change",
    )

    # One person's save wins; everyone else is shown the conflict page (400, both versions).
    assert counts[302] == 1
    assert Action.objects.get(pk=action.pk).version == action.version + 1


def test_simultaneous_approvals_each_succeed_or_are_told_it_is_decided(world, progress_round):
    actions = [world.police_action] + [
        Action.objects.create(commitment=world.commitment, ref=f"C{n}", text_en=f"Action {n}")
        for n in range(THREADS // 2 - 1)
    ]
    for action in actions[1:]:
        action.lead_organisations.set([world.police])
    updates = [
        services.submit_update(
            actor=world.lead, progress_round=progress_round, action=action, data=GOOD_UPDATE
        )
        for action in actions
    ]

    def approve(update: ProgressUpdate) -> Callable[[Client], Any]:
        url = reverse("progress:review", args=[update.pk])
        return lambda client: client.post(url, {"decision": "approve", "comment": ""})

    # Two administrators' clicks on each update, all at once.
    requests = [approve(update) for update in updates for _ in range(2)]
    counts = _no_server_errors(
        _at_once(requests, world.admin), {302, 400}, refusal="govuk-error-summary"
    )

    assert counts[302] >= len(updates)
    assert all(update.state == "approved" for update in ProgressUpdate.objects.all())


def test_simultaneous_autosaves_save_once_and_answer_conflict_to_the_rest(world, progress_round):
    url = reverse(
        "progress:update-autosave",
        kwargs={"pk": progress_round.pk, "action_pk": world.police_action.pk},
    )

    def autosave(number: int) -> Callable[[Client], Any]:
        data = {**GOOD_UPDATE, "narrative_en": f"Typed in tab {number}", "version": "0"}
        return lambda client: client.post(url, data)

    counts = _no_server_errors(
        _at_once([autosave(n) for n in range(THREADS)], world.lead),
        {200, 409},
        refusal="Somebody else saved this update",
    )

    assert counts[200] >= 1
    assert ProgressUpdate.objects.count() == 1


def test_simultaneous_evidence_uploads_are_kept_or_refused_with_a_reason(world, progress_round):
    url = reverse(
        "progress:evidence-file",
        kwargs={"pk": progress_round.pk, "action_pk": world.police_action.pk},
    )

    def send(number: int) -> Callable[[Client], Any]:
        def post(client: Client) -> Any:
            file = upload(f"report-{number}.pdf", PDF)
            return client.post(url, {"file-title": f"Report {number}", "file-file": file})

        return post

    counts = _no_server_errors(
        _at_once([send(n) for n in range(THREADS)], world.lead),
        {302, 400},
        refusal="govuk-error-summary",
    )

    assert counts[302] >= 1
    # What was kept is exactly what was answered with success: nothing half-saved.
    assert UpdateEvidence.objects.count() == counts[302]
