"""The browser harness: Debian's Chromium driven by Playwright against pytest-django's live server.

Nothing is downloaded: Playwright launches the system Chromium, and the machine may have no
network. A missing Chromium or a missing axe-core fails the run; it is never skipped.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

# Playwright's sync API keeps an event loop in the test thread; Django refuses database access
# from a thread with a running loop unless told this is safe, which it is in these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests import factories
from tests.browser import journey
from vawdasv.plans import services
from vawdasv.plans.models import Action

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).with_name("artifacts")


@pytest.fixture(scope="session", autouse=True)
def _axe_is_built() -> None:
    journey.axe_source()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings: Any) -> None:
    # Hashing the personas' passwords properly would take most of each test's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.fail(
            "Debian's Chromium is not installed (looked for `chromium` and /usr/bin/chromium). "
            "Install it with `make system-packages`; the browser tests never download a browser."
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def javascript() -> bool:
    """Whether the page runs JavaScript; tests parametrize this to prove pages work without."""
    return True


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Keep each phase's report on the test so the page fixture can tell if the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(
    browser: Browser, live_server: Any, javascript: bool, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A fresh tab with its own cookies, on the live server, watched for unchecked pages."""
    options: dict[str, Any] = {
        "base_url": live_server.url,
        "viewport": {"width": 1280, "height": 900},
    }
    context = browser.new_context(java_script_enabled=javascript, **options)
    context.set_default_timeout(10_000)
    checker_context = None if javascript else browser.new_context(**options)
    journey.load_axe_into(checker_context or context)
    tab = context.new_page()
    journey.start_watching(tab, checker_context)
    yield tab
    watch = journey.stop_watching(tab)
    call_report = getattr(request.node, "report_call", None)
    if call_report is not None and call_report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        tab.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    context.close()
    if checker_context is not None:
        checker_context.close()
    if call_report is not None and call_report.passed:
        never_checked = [*watch.missed, *([watch.unchecked] if watch.unchecked else [])]
        assert not never_checked, f"Pages loaded but never checked with axe: {never_checked}"


@dataclass
class Plan:
    """The `world` personas and plans, with enough actions for the filters to mean something."""

    world: Any
    second_theme: Any
    training_action: Any


@pytest.fixture
def plan(world: Any) -> Plan:
    """Adds a PROTECT theme with a Cardiff Council action that Alys has already changed once."""
    second_theme = factories.ThemeFactory(strategy=world.strategy, name_en="PROTECT")
    commitment = factories.CommitmentFactory(
        theme=second_theme, text_en="We will help schools respond to abuse"
    )
    training = cast(
        Action,
        factories.ActionFactory(
            commitment=commitment,
            text_en="Train school staff to recognise coercive control",
            leads=[world.council],
        ),
    )
    training = services.update_action(
        actor=world.admin, action=training, data={"evidence_en": "Training attendance records"}
    )
    return Plan(world=world, second_theme=second_theme, training_action=training)
