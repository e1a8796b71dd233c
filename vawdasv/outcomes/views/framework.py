"""Framework pages for administrators: add or change a measure, add a validation rule."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.form_errors import add_validation_errors
from vawdasv.outcomes import selectors
from vawdasv.outcomes.forms import MeasureForm, RuleForm
from vawdasv.outcomes.models import Measure
from vawdasv.outcomes.services import framework
from vawdasv.partnerships import permissions


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    partnership = selectors.get_partnership_for_member(request.user, slug)
    if not permissions.can_manage_outcomes(request.user, partnership.pk):
        raise PermissionDenied
    measure = get_object_or_404(Measure, pk=pk, partnership=partnership) if pk else None
    initial: dict[str, Any] = {}
    if measure is not None:
        initial = {name: getattr(measure, name) for name in framework.MEASURE_FIELDS}
        initial["category_sets"] = list(measure.category_sets.all())
        initial["version"] = measure.version
    form = MeasureForm(
        request.POST if request.method == "POST" else None, initial=initial,
        partnership=partnership,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in framework.MEASURE_FIELDS}
        try:
            framework.save_measure(
                actor=request.user, partnership=partnership, data=data, measure=measure,
                category_sets=list(form.cleaned_data["category_sets"]),
                expected_version=form.cleaned_data["version"] if measure else None,
            )  # fmt: skip
        except ConcurrentEditError:
            form.add_error(None, _("Somebody else changed this measure while you were editing "
                                   "it. Reload the page to see their version."))  # fmt: skip
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Measure saved."))
            return redirect("outcomes:framework", slug=partnership.slug)
    return render(
        request, "outcomes/form.html",
        {"partnership": partnership, "form": form,
         "heading": _("Change a measure") if measure else _("Add a measure")},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = selectors.get_partnership_for_member(request.user, slug)
    if not permissions.can_manage_outcomes(request.user, partnership.pk):
        raise PermissionDenied
    form = RuleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            framework.add_validation_rule(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Rule added."))
            return redirect("outcomes:framework", slug=partnership.slug)
    return render(
        request, "outcomes/form.html",
        {"partnership": partnership, "form": form, "heading": _("Add a validation rule")},
        status=400 if form.errors else 200,
    )  # fmt: skip
