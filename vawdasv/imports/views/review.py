"""Checking an import before it is written: the preview, the column mapping, commit, abandon.

Every page reads the kept document again with the import's current column mapping, so what is
shown is always exactly what a commit would write.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.imports import uploads
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.forms import FIELD_LABELS, ColumnMappingForm, StrategyDetailsForm
from vawdasv.imports.models import PlanImport
from vawdasv.imports.preview import LARGE_DOCUMENT_BYTES, build_preview, mapped_headers
from vawdasv.imports.views.access import import_for_admin


def _details_initial(plan_import: PlanImport) -> dict[str, Any]:
    return {name: getattr(plan_import, name) for name in uploads.DETAIL_FIELDS}


def _render(
    request: HttpRequest,
    plan_import: PlanImport,
    *,
    details_form: StrategyDetailsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "plan_import": plan_import,
        "partnership": plan_import.partnership,
        "large": plan_import.size > LARGE_DOCUMENT_BYTES,
        "field_labels": FIELD_LABELS,
    }
    try:
        parsed = uploads.stored_plan(plan_import)
    except (UnreadableDocument, OSError) as problem:
        # The kept document no longer reads (a mapping that leaves no plan, or a lost file).
        context["problem"] = str(problem)
        parsed = None
    if parsed is not None:
        context["preview"] = build_preview(parsed, uploads.aliases_for(plan_import.partnership))
        context["counts"] = parsed.counts()
    if plan_import.is_waiting:
        headers = mapped_headers(parsed, plan_import.column_mapping) if parsed else []
        if not headers:
            headers = list(plan_import.column_mapping.items())
        context["mapping_form"] = ColumnMappingForm(headers=headers)
        context["form"] = details_form or StrategyDetailsForm(initial=_details_initial(plan_import))
    return render(request, "imports/preview.html", context, status=status)


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, import_for_admin(request, pk))


@login_required
@require_POST
def change_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-run the preview with the columns read as the person chose."""
    plan_import = import_for_admin(request, pk)
    if "reset" in request.POST:
        chosen: dict[str, str] = {}
    else:
        try:
            parsed = uploads.stored_plan(plan_import)
            headers = mapped_headers(parsed, plan_import.column_mapping)
        except (UnreadableDocument, OSError):
            headers = list(plan_import.column_mapping.items())
        form = ColumnMappingForm(request.POST, headers=headers)
        if not form.is_valid():
            return _render(request, plan_import, status=400)
        chosen = form.override(plan_import.column_mapping)
    try:
        uploads.update_import(actor=request.user, plan_import=plan_import, column_mapping=chosen)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("The preview has been read again with your column choices."))
    return redirect(plan_import.get_absolute_url())


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the plan, all or nothing, and go to the new strategy."""
    plan_import = import_for_admin(request, pk)
    if plan_import.strategy is not None:
        # Sent again after it was imported (a second click, the back button): nothing to do.
        messages.success(request, _("This document has already been imported."))
        return redirect(plan_import.strategy.get_absolute_url())
    if not plan_import.is_waiting:
        messages.error(request, _("This import was abandoned; nothing was written."))
        return redirect(plan_import.get_absolute_url())
    form = StrategyDetailsForm(request.POST)
    if form.is_valid():
        try:
            strategy, created = uploads.commit_import(
                actor=request.user, plan_import=plan_import, details=form.details()
            )
        except ValidationError as problem:
            if hasattr(problem, "error_dict"):
                for field, errors in problem.message_dict.items():
                    name = {"title_en": "title", "status": "strategy_status"}.get(field, field)
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                _("The plan has been imported.")
                if created
                else _("This document has already been imported."),
            )
            return redirect(strategy.get_absolute_url())
    plan_import.refresh_from_db()
    return _render(request, plan_import, details_form=form, status=400)


@login_required
@require_POST
def abandon(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = import_for_admin(request, pk)
    try:
        uploads.abandon_import(actor=request.user, plan_import=plan_import)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("The import has been abandoned; nothing was written."))
    return redirect("imports:list", partnership_slug=plan_import.partnership.slug)
