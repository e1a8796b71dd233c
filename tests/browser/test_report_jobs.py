"""Asking for the progress report as a PDF and collecting it when it is ready, in the browser.

The report is made by a real worker (`vawdasv worker`'s loop, in a thread of the test process so
the test can hold its renderer) taking the queued task from the database. The renderer is held
until the job page has been checked, so the page is always seen while the report is being
made, whatever the speed of the machine; the test then waits for the page to say it is ready.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Plan
from tests.browser.journey import check_axe, follow, path_of, sign_in, visit
from vawdasv.ops.worker import Worker
from vawdasv.progress.enums import ReportJobState
from vawdasv.progress.models import ReportJob
from vawdasv.progress.report import jobs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WAIT_MS = 120_000  # generous: the PDF is made on a busy machine


@pytest.fixture
def worker(settings: Any) -> Iterator[threading.Thread]:
    """Tasks queued in the database, and a worker that takes them once the job page is shown.

    The worker runs in batch mode (it stops when the queue is empty) rather than polling: on the
    test suite's shared in-memory SQLite a reader finds a table locked while another connection
    writes, and a worker polling in the background would make the pages fail for that reason.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SCHEDULED_TASKS = {}
    running = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="browser-test", excluded_queue_names=[],
    )  # fmt: skip
    thread = threading.Thread(target=running.run, name="worker", daemon=True)
    yield thread
    if thread.is_alive():
        thread.join(timeout=WAIT_MS / 1000)


@pytest.fixture
def held_renderer(settings: Any, tmp_path: Any, monkeypatch: Any) -> Iterator[threading.Event]:
    """The worker, with the renderer waiting until the test lets it go."""
    settings.MEDIA_ROOT = tmp_path / "media"
    release = threading.Event()
    real_render = jobs.render_report

    def held(report: Any, format_name: str) -> bytes:
        release.wait(timeout=WAIT_MS / 1000)
        return real_render(report, format_name)

    monkeypatch.setattr(jobs, "render_report", held)
    yield release
    release.set()


def ask_for_the_pdf(page: Page, plan: Plan, worker: threading.Thread) -> None:
    sign_in(page, "", "gareth")
    visit(page, f"/progress/{plan.world.strategy.slug}/report/")
    follow(page, page.locator("main").get_by_role("button", name="Download as PDF"))
    assert "/report/jobs/" in path_of(page)
    expect(page.locator("main h1")).to_have_text("Your report is being made")
    worker.start()


def test_the_job_page_announces_the_pdf_is_ready_and_the_link_downloads_it(
    page: Page, plan: Plan, held_renderer: threading.Event, worker: threading.Thread
) -> None:
    main = page.locator("main")
    ask_for_the_pdf(page, plan, worker)
    status = main.get_by_role("status")
    expect(status).to_contain_text("Laying out the pages", timeout=WAIT_MS)

    held_renderer.set()
    expect(status).to_have_text("Your report is ready to download.", timeout=WAIT_MS)
    expect(main.locator("h1")).to_have_text("Your report is ready")
    link = main.get_by_role("link", name="Download the report")
    expect(link).to_be_visible()
    expect(main.get_by_role("link", name="Check again")).to_be_hidden()
    check_axe(page)  # the page as the script left it

    with page.expect_download() as waiting:
        link.click()
    downloaded = waiting.value
    assert downloaded.suggested_filename.endswith("-en.pdf"), downloaded.suggested_filename
    with open(downloaded.path(), "rb") as file:
        assert file.read().startswith(b"%PDF")


@pytest.mark.parametrize("javascript", [False])
def test_without_javascript_check_again_shows_the_report_when_it_is_ready(
    page: Page, plan: Plan, held_renderer: threading.Event, worker: threading.Thread
) -> None:
    main = page.locator("main")
    ask_for_the_pdf(page, plan, worker)
    held_renderer.set()
    job = ReportJob.objects.get()
    expect(main.get_by_role("link", name="Check again")).to_be_visible()
    _wait_until_finished(job)

    follow(page, main.get_by_role("link", name="Check again"))
    expect(main.locator(".govuk-panel__title")).to_have_text("Your report is ready")
    with page.expect_download() as waiting:
        main.locator("a[download]").click()
    with open(waiting.value.path(), "rb") as file:
        assert file.read().startswith(b"%PDF")


def _wait_until_finished(job: ReportJob) -> None:
    """Poll the database (never a fixed sleep standing in for the work)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state not in jobs.UNFINISHED:
            break
        time.sleep(0.2)
    assert job.state == ReportJobState.DONE, job.error
