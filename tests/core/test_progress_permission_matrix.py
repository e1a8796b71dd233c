"""Every progress page × every role: the rules for rounds, updates and reports at a glance.

A round is open on the published plan with Owain's submitted update (with an evidence file) and
a Word report Gareth asked for. Progress pages are for members of the partnership and national
observers; running rounds, reviewing and renaming RAG labels are for the regional team. The
update is submitted, not approved, so its review page and evidence are not found (404) by anyone
but the regional team and its authors' organisation: drafts are private. Another
partnership's administrator is refused (403), or told a report job does not exist (404), so job
numbers reveal nothing. Anonymous visitors are sent to sign in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vawdasv.progress import evidence, services
from vawdasv.progress.models import IssuedReport, IssuedReportFile
from vawdasv.progress.report import jobs

OK, LOGIN, DENY, HIDE = 200, 302, 403, 404


@pytest.fixture
def cast(module_cast: Any, db: None) -> Any:
    """Everyone, built once for this module: each case reads, or writes and is rolled back."""
    return module_cast


ROLES = (
    "anonymous", "administrator", "lead_officer", "other_lead_officer", "board_member",
    "other_partnership_administrator", "national_observer", "superuser",
)  # fmt: skip

# fmt: off
#                           anon   admin  lead   o.lead board  nia    obs.   super
EXPECTED: dict[str, tuple[int, ...]] = {
    "my_actions":          (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "rounds":              (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "round_open":          (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "round":               (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "round_close":         (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "round_deadline":      (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "review_queue":        (LOGIN, OK,    DENY,  DENY,  DENY,  OK,    DENY,  OK),
    "update":              (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "review":              (LOGIN, OK,    DENY,  HIDE,  HIDE,  DENY,  HIDE,  OK),
    "report":              (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "report_job":          (LOGIN, OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    "report_job_file":     (LOGIN, OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    "report_issued_file":  (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "report_text":         (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "dashboard":           (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "updates_export":      (LOGIN, OK,    OK,    OK,    OK,    DENY,  OK,    OK),
    "rag_labels":          (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "evidence_download":   (LOGIN, OK,    OK,    HIDE,  HIDE,  DENY,  HIDE,  OK),
    "evidence_remove":     (LOGIN, OK,    OK,    HIDE,  HIDE,  DENY,  HIDE,  OK),
    "translation":         (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    "translation_export":  (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
}
# fmt: on


def _pages(world: Any) -> dict[str, Callable[[], str]]:
    """Each page's address, once the round, update, evidence and report job exist."""
    progress_round = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=datetime.date(2026, 12, 1),
    )  # fmt: skip
    register = evidence.add_evidence_file(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        title="Training register", uploaded_file=SimpleUploadedFile("register.csv", b"a,b\n1,2\n"),
    )  # fmt: skip
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"rag": "green", "narrative_en": "Training delivered"},
    )  # fmt: skip
    job = jobs.request_report(
        actor=world.board, strategy=world.strategy, period="2025/26 Q2", format="docx",
        language="en", filters={},
    )  # fmt: skip
    # An issued file stored as issuing stores one (making six real files per page is slow).
    issued = IssuedReport.objects.create(
        strategy=world.strategy, period_label="2025/26 Q2", version=1, issued_by=world.admin
    )
    issued_file = IssuedReportFile(
        issued_report=issued, language="en", format="html", file_name="report.html", size=3,
        sha256="0" * 64,
    )  # fmt: skip
    issued_file.file.save("report.html", ContentFile(b"<p>"), save=True)
    slug = world.strategy.slug
    return {
        "my_actions": lambda: reverse("progress:my-actions"),
        "rounds": lambda: reverse("progress:rounds", args=[slug]),
        "round_open": lambda: reverse("progress:round-open", args=[slug]),
        "round": lambda: reverse("progress:round", args=[progress_round.pk]),
        "round_close": lambda: reverse("progress:round-close", args=[progress_round.pk]),
        "round_deadline": lambda: reverse("progress:round-deadline", args=[progress_round.pk]),
        "review_queue": lambda: reverse("progress:review-queue"),
        "update": lambda: reverse(
            "progress:update", args=[progress_round.pk, world.police_action.pk]
        ),
        "review": lambda: reverse("progress:review", args=[update.pk]),
        "report": lambda: reverse("progress:report", args=[slug]),
        "report_job": lambda: reverse("progress:report-job", args=[slug, job.pk]),
        "report_job_file": lambda: reverse("progress:report-job-file", args=[slug, job.pk]),
        "report_text": lambda: reverse("progress:report-text", args=[slug]) + "?period=2025/26+Q2",
        "report_issued_file": lambda: reverse(
            "progress:report-issued-file", args=[slug, issued_file.pk]
        ),
        "dashboard": lambda: reverse("progress:dashboard", args=[slug]),
        "updates_export": lambda: reverse("progress:updates-export", args=[slug, "csv"]),
        "rag_labels": lambda: reverse("progress:rag-labels", args=[slug]),
        "evidence_download": lambda: reverse("progress:evidence-download", args=[register.pk]),
        "evidence_remove": lambda: reverse("progress:evidence-remove", args=[register.pk]),
        "translation": lambda: reverse("progress:translation", args=[slug]),
        "translation_export": lambda: reverse("progress:translation-export", args=[slug]),
    }


def test_the_table_covers_every_progress_page(cast) -> None:
    assert set(EXPECTED) == set(_pages(cast.world))


@pytest.mark.parametrize("page", list(EXPECTED))
def test_progress_page_answers_each_role_as_the_table_says(cast, page: str) -> None:
    url = _pages(cast.world)[page]()
    answers = tuple(cast.client_for(role).get(url).status_code for role in ROLES)
    assert answers == EXPECTED[page], dict(zip(ROLES, answers, strict=True))
