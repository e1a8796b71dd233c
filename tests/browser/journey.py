"""Moving through the site as a person would, checking every page with axe-core on arrival.

Every navigation in a browser journey goes through `visit` (typing an address) or `follow`
(clicking a link, submitting a form, pressing Enter). Both check the response status and then
run axe on the page in the state the person sees it, form errors included. The page fixture also
watches the page's `load` events, so a page reached any other way and never checked fails the
test at teardown instead of slipping through.

axe is added to every page as a context init script rather than with `page.add_script_tag`:
the site's Content Security Policy (`script-src 'self'`) rightly refuses an inline script tag,
and the journeys should run under the real policy. With JavaScript switched off axe cannot run
in the page itself (its timers never fire), so a no-JS page's DOM is replayed, with every script
blocked, into a scripted "checker" page and axe runs there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, Response, Route

AXE_PATH = Path(__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PASSWORD = "correct horse battery"  # what tests/factories.py gives every persona
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}

_RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ')),
  }));
}
"""


@cache
def axe_source() -> str:
    if not AXE_PATH.is_file():
        pytest.fail(
            f"{AXE_PATH} is missing. Run `npm run build` (it copies axe-core from node_modules); "
            "the browser tests never run without their accessibility checks."
        )
    return AXE_PATH.read_text(encoding="utf-8")


@dataclass
class PageWatch:
    """What the harness has seen on one journey page."""

    checker: Page | None = None
    snapshot: str = ""
    unchecked: str | None = None
    missed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def loaded(self, url: str) -> None:
        if self.unchecked:
            self.missed.append(self.unchecked)
        self.unchecked = url


_WATCHES: dict[int, PageWatch] = {}


def load_axe_into(context: BrowserContext) -> None:
    """Run axe-core's script in every document the context opens, before the page's own."""
    context.add_init_script(script=axe_source())


def start_watching(page: Page, checker_context: BrowserContext | None) -> PageWatch:
    """Track loads, script errors, CSP refusals and broken assets on a journey page."""
    watch = PageWatch()
    page.on("load", lambda loaded: watch.loaded(loaded.url))
    page.on("pageerror", lambda error: watch.problems.append(f"script error: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            watch.problems.append(f"refused by the Content Security Policy: {message.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.request.is_navigation_request():
            watch.problems.append(f"{response.url} answered {response.status}")

    page.on("console", on_console)
    page.on("response", on_response)
    if checker_context is not None:
        watch.checker = checker_context.new_page()

        def replay(route: Route) -> None:
            kind = route.request.resource_type
            if kind == "document":
                route.fulfill(
                    status=200, content_type="text/html; charset=utf-8", body=watch.snapshot
                )
            elif kind == "script":
                route.abort()
            else:
                route.continue_()

        watch.checker.route("**/*", replay)
    _WATCHES[id(page)] = watch
    return watch


def stop_watching(page: Page) -> PageWatch:
    return _WATCHES.pop(id(page))


def check_axe(page: Page) -> None:
    """Fail listing every WCAG 2.2 A/AA violation axe finds on the page as it is now."""
    watch = _WATCHES[id(page)]
    if watch.problems:
        problems, watch.problems = watch.problems, []
        pytest.fail(f"Problems while loading {page.url}:\n" + "\n".join(problems))
    target = page
    if watch.checker is not None:
        watch.snapshot = page.content()
        watch.checker.goto(page.url)
        target = watch.checker
    if not target.evaluate("() => typeof window.axe === 'object'"):
        pytest.fail(f"axe-core was not loaded into {page.url}")
    violations = target.evaluate(_RUN_AXE, WCAG_TAGS)
    watch.unchecked = None
    if violations:
        lines = [
            f"- {v['id']} ({v['impact']}): {v['help']}\n    at: {' | '.join(v['targets'])}"
            for v in violations
        ]
        pytest.fail(
            f"axe found {len(violations)} accessibility problem(s) on {page.url}:\n"
            + "\n".join(lines)
        )


def _arrived(page: Page, response: Response | None, status: int | None) -> Response:
    if response is None:
        pytest.fail(f"No page was loaded (still at {page.url})")
    if status is None:
        assert response.status < 400, f"{response.url} answered {response.status}"
    else:
        assert response.status == status, f"{response.url}: {response.status}, wanted {status}"
    check_axe(page)
    return response


def visit(page: Page, url: str, *, status: int | None = None) -> Response:
    """Go to an address, check the status (below 400 unless another is expected), run axe."""
    return _arrived(page, page.goto(url), status)


def follow(page: Page, how: Locator | Callable[[], None], *, status: int | None = None) -> Response:
    """Click a link or button (or run a keyboard action) that loads a page, then check it."""
    with page.expect_navigation() as navigation:
        if isinstance(how, Locator):
            how.click()
        else:
            how()
    return _arrived(page, navigation.value, status)


def sign_in(page: Page, prefix: str, username: str) -> None:
    """Sign in through the real form, in the journey's language."""
    visit(page, f"{prefix}/accounts/sign-in/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    follow(page, form.locator("button[type=submit]"))
    sign_out = page.locator(f'header form[action="{prefix}/accounts/sign-out/"]')
    assert sign_out.count() == 1, f"{username} does not look signed in at {page.url}"


def error_summary(page: Page) -> Locator:
    """The GOV.UK error summary, after checking each of its links leads to a field on the page."""
    summary = page.locator("main .govuk-error-summary")
    assert summary.count() == 1, f"No error summary on {page.url}"
    for link in summary.locator("a").all():
        target = link.get_attribute("href") or ""
        assert page.locator(target).count() == 1, f"Error summary link {target} leads nowhere"
    return summary


def html_lang(page: Page) -> str | None:
    return page.locator("html").get_attribute("lang")


def path_of(page: Page) -> str:
    """The current address without scheme, host and fragment."""
    return re.sub(r"^https?://[^/]+|#.*$", "", page.url)


def on_provider_page(page: Page, origin: str) -> None:
    """The tab now shows a page of the identity provider at `origin`, not one of ours: its
    accessibility is the provider's (Microsoft's in real use), so axe is not run on it."""
    page.wait_for_load_state("load")
    assert page.url.startswith(origin + "/"), f"{page.url} is not the provider's"
    _WATCHES[id(page)].unchecked = None
