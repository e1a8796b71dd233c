"""Removing what an administrator added by mistake: a benchmark, a validation rule, a
disaggregation or a MARAC area. A GET shows what will go and changes nothing; the POST confirms,
carrying the version that was shown, so a confirmation from a page that is out of date is
refused. A disaggregation or MARAC area that something uses is never removed (history stays)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.form_errors import posted, saved
from vawdasv.lib.bilingual import read
from vawdasv.outcomes.forms import ConfirmRemovalForm
from vawdasv.outcomes.models import Benchmark, CategorySet, MaracArea, ValidationRule
from vawdasv.outcomes.services import framework
from vawdasv.outcomes.views.framework import managed
from vawdasv.partnerships.models import Partnership

STALE = gettext_lazy(
    "Somebody changed this after you opened this page. Check what it says now and confirm "
    "again if you still want to remove it."
)

Details = tuple[str, list[tuple[str, Any]], str]


def _confirm(
    request: HttpRequest,
    partnership: Partnership,
    fetch: Callable[[], Any],
    describe: Callable[[Any], Details],
    remove: Callable[..., None],
    message: str,
    uses: Callable[[Any], list[str]] | None = None,
) -> HttpResponse:
    item = fetch()
    if item is None:
        raise Http404
    form = ConfirmRemovalForm(posted(request), initial={"version": item.version})

    def write() -> None:
        try:
            remove(actor=request.user, expected_version=form.cleaned_data["version"], item=item)
        except ConcurrentEditError as error:
            raise ValidationError(STALE) from error

    done = saved(
        request, form, write, message, reverse("outcomes:framework", args=[partnership.slug])
    )
    if done is not None:
        return done
    current = fetch() if request.method == "POST" else item
    if current is not None and form.is_bound:
        # Confirming again, having now seen the current version, is accepted.
        form.data = form.data.copy()
        form.data["version"] = str(current.version)
    heading, details, warning = describe(current or item)
    return render(
        request, "outcomes/remove.html",
        {"partnership": partnership, "form": form, "heading": heading, "details": details,
         "warning": warning, "gone": current is None,
         "uses": uses(current) if uses and current is not None else []},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _first(queryset: models.QuerySet[Any], pk: int) -> Any:
    return queryset.filter(pk=pk).first()


def _benchmark(item: Benchmark) -> Details:
    return (
        _("Remove the benchmark “%(label)s” of %(indicator)s?")
        % {"label": read(item, "label"), "indicator": item.indicator.code},
        [(_("Label"), read(item, "label")), (_("Value"), item.value), (_("Source"), item.source)],
        _("The benchmark will no longer be shown beside the indicator."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = managed(request, slug)
    found = Benchmark.objects.select_related("indicator__partnership")
    return _confirm(
        request, partnership, lambda: _first(found.filter(indicator__partnership=partnership), pk),
        _benchmark,
        lambda item, **kw: framework.remove_benchmark(benchmark=item, **kw),
        _("Benchmark removed."),
    )  # fmt: skip


def _rule(item: ValidationRule) -> Details:
    return (
        _("Remove this validation rule?"),
        [(_("Rule"), item.expression), (_("Severity"), item.get_severity_display()),
         (_("Message"), read(item, "message"))],
        _("Returns will no longer be checked against this rule; values already saved stay as "
          "they are."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rule_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = managed(request, slug)
    found = ValidationRule.objects.select_related("partnership").filter(partnership=partnership)
    return _confirm(
        request, partnership, lambda: _first(found, pk), _rule,
        lambda item, **kw: framework.remove_validation_rule(rule=item, **kw),
        _("Rule removed."),
    )  # fmt: skip


def _category_set(item: CategorySet) -> Details:
    return (
        _("Remove the disaggregation “%(name)s”?") % {"name": read(item, "name")},
        [(_("Code"), item.code),
         (_("Categories"), ", ".join(c.code for c in item.categories.all()))],
        _("The disaggregation and its categories will be removed."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def category_set_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = managed(request, slug)
    found = CategorySet.objects.select_related("partnership").filter(partnership=partnership)
    return _confirm(
        request, partnership, lambda: _first(found, pk), _category_set,
        lambda item, **kw: framework.remove_category_set(category_set=item, **kw),
        _("Disaggregation removed."), framework.category_set_uses,
    )  # fmt: skip


def _marac_area(item: MaracArea) -> Details:
    return (
        _("Remove the MARAC area “%(name)s”?") % {"name": read(item, "name")},
        [(_("Code"), item.code),
         (_("Local authorities it covers"),
          ", ".join(str(read(a, "name")) for a in item.local_authorities.all()))],
        _("Measures of the MARAC area geography will no longer collect a value for it."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def marac_area_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = managed(request, slug)
    found = MaracArea.objects.select_related("partnership").filter(partnership=partnership)
    return _confirm(
        request, partnership, lambda: _first(found, pk), _marac_area,
        lambda item, **kw: framework.remove_marac_area(area=item, **kw),
        _("MARAC area removed."), framework.marac_area_uses,
    )  # fmt: skip
