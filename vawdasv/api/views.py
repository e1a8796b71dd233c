"""The API's documentation page: a server-rendered guide in the site's own layout.

It lists every endpoint with a working example address for the reader (using a strategy they
may read, when there is one) and links to the OpenAPI schema, which stays the full reference.
There is deliberately no Swagger UI: it would load scripts from outside the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from vawdasv.core.context_processors import LANGUAGE_NAMES
from vawdasv.lib.bilingual import LANGUAGE_CODES
from vawdasv.partnerships import permissions
from vawdasv.plans.enums import StrategyStatus

EXAMPLE_STRATEGY = "example-strategy"
EXAMPLE_ORGANISATION = "south-wales-police"
EXAMPLE_PARTNERSHIP = "example-partnership"


@dataclass(frozen=True)
class Endpoint:
    name: Promise
    path: str
    description: Promise
    filters: str
    example: str


def _example_strategy(request: HttpRequest) -> tuple[str, str]:
    """A published strategy's slug and its partnership's slug, so examples return something."""
    strategy = (
        permissions.visible_strategies(request.user)
        .filter(status=StrategyStatus.PUBLISHED)
        .order_by("-start_year", "slug")
        .first()
    )
    if strategy is None:
        return EXAMPLE_STRATEGY, EXAMPLE_PARTNERSHIP
    return strategy.slug, strategy.partnership.slug


def _endpoints(request: HttpRequest) -> list[Endpoint]:
    strategy, partnership = _example_strategy(request)

    def url(name: str, query: dict[str, str] | None = None, slug: str | None = None) -> str:
        path = reverse(f"api-v1:{name}", kwargs={"slug": slug} if slug else None)
        return request.build_absolute_uri(path + (f"?{urlencode(query)}" if query else ""))

    return [
        Endpoint(
            _("Partnerships"),
            reverse("api-v1:partnership-list"),
            _(
                "Regional partnerships, the local authorities they cover, their member "
                "organisations and the strategies you may read. One partnership: add its slug."
            ),
            "",
            url("partnership-detail", slug=partnership),
        ),
        Endpoint(
            _("Organisations"),
            reverse("api-v1:organisation-list"),
            _(
                "Councils, police forces, health boards, charities and other bodies that lead or "
                "partner on actions. One organisation: add its slug."
            ),
            "partnership, organisation_type",
            url("organisation-list", {"partnership": partnership}),
        ),
        Endpoint(
            _("Strategies"),
            reverse("api-v1:strategy-list"),
            _(
                "Each strategy's partnership, title, period, vision, status and the number of "
                "themes, commitments and actions. One strategy: add its slug."
            ),
            "partnership, status",
            url("strategy-detail", slug=strategy),
        ),
        Endpoint(
            _("Themes"),
            reverse("api-v1:theme-list"),
            _(
                "The chapters of each plan, such as PREPARE, with their aims. "
                "One theme: add its id."
            ),
            "strategy",
            url("theme-list", {"strategy": strategy}),
        ),
        Endpoint(
            _("Commitments"),
            reverse("api-v1:commitment-list"),
            _("The “We will …” statements under each theme. One commitment: add its id."),
            "strategy, theme",
            url("commitment-list", {"strategy": strategy}),
        ),
        Endpoint(
            _("Actions"),
            reverse("api-v1:action-list"),
            _(
                "Milestones with their evidence of achievement, timescale as written and as a "
                "date, lead and partner organisations, alignment to national frameworks and the "
                "address of the action's page. One action: add its id."
            ),
            "strategy, theme, commitment, lead_organisation, due_before, due_after, timescale_kind",
            url("action-list", {"strategy": strategy, "due_before": "2026-03-31"}),
        ),
    ]


def _reader_language(request: HttpRequest) -> str:
    """`?lang=` from the language switcher, else the browser's preference.

    /api/ sits outside i18n_patterns (API addresses do not change with language), so the locale
    middleware always picks English for it; this page chooses for itself instead.
    """
    chosen = request.GET.get("lang", "")
    if chosen in LANGUAGE_CODES:
        return chosen
    return translation.get_language_from_request(request)[:2]


def _language_switcher(request: HttpRequest, current: str) -> list[dict[str, object]]:
    """Replaces the layout's switcher links, which cannot translate an unprefixed address."""
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "url": f"{request.path}?{urlencode({'lang': code})}",
            "current": code == current,
        }
        for code in LANGUAGE_CODES
    ]


def api_docs(request: HttpRequest) -> HttpResponse:
    language = _reader_language(request)
    with translation.override(language):
        return _render_docs(request, language)


def _render_docs(request: HttpRequest, language: str) -> HttpResponse:
    endpoints = _endpoints(request)
    actions = next(e for e in endpoints if e.path == reverse("api-v1:action-list"))
    return render(
        request,
        "api/docs.html",
        {
            "languages": _language_switcher(request, language),
            "endpoints": endpoints,
            "token_example": actions.example,
            "lead_example": request.build_absolute_uri(
                reverse("api-v1:action-list")
                + "?"
                + urlencode({"lead_organisation": EXAMPLE_ORGANISATION, "page_size": "200"})
            ),
            "schema_url": reverse("api-schema"),
        },
    )
