"""Checking an import before it is written: the preview, the column mapping, commit, abandon.

Every page reads the kept document again with the import's current column mapping, so what is
shown is always exactly what a commit would write.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vawdasv.core.forms import GovukForm
from vawdasv.imports import corrections, uploads
from vawdasv.imports.baseline import status_words
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.forms import (
    FIELD_LABELS,
    BaselineForm,
    ColumnMappingForm,
    StrategyDetailsForm,
)
from vawdasv.imports.model import ParsedAction
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
    mapping_form: ColumnMappingForm | None = None,
    baseline_form: BaselineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "plan_import": plan_import,
        "partnership": plan_import.partnership,
        "large": plan_import.size > LARGE_DOCUMENT_BYTES,
        "field_labels": FIELD_LABELS,
    }
    try:
        applied = uploads.corrected_plan(plan_import)
    except (UnreadableDocument, OSError) as problem:
        # The kept document no longer reads (a mapping that leaves no plan, or a lost file).
        context["problem"] = str(problem)
        parsed = None
    else:
        parsed = applied.plan
        context["preview"] = build_preview(
            parsed,
            uploads.aliases_for(plan_import.partnership),
            origins=applied.origins,
            notes=applied.notes,
            removed=applied.removed,
        )
        context["counts"] = parsed.counts()
    if plan_import.is_waiting:
        headers = mapped_headers(parsed, plan_import.column_mapping) if parsed else []
        if not headers:
            headers = list(plan_import.column_mapping.items())
        context["mapping_form"] = mapping_form or ColumnMappingForm(headers=headers)
        context["form"] = details_form or StrategyDetailsForm(initial=_details_initial(plan_import))
        words = status_words(parsed.actions()) if parsed else []
        if words:
            context["status_words"] = words
            context["baseline_form"] = baseline_form or BaselineForm(words=words)
    return render(request, "imports/preview.html", context, status=status)


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    plan_import = import_for_admin(request, pk)
    if plan_import.is_reading or plan_import.is_refused:
        # Not read yet, or refused: the job page says so ("Check again" / "Try again").
        context = {"plan_import": plan_import, "partnership": plan_import.partnership}
        return render(request, "imports/reading.html", context)
    return _render(request, plan_import)


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
            return _render(request, plan_import, mapping_form=form, status=400)
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
    baseline_form = _baseline_form(request, plan_import)
    baseline_valid = baseline_form is None or baseline_form.is_valid()
    if form.is_valid() and baseline_valid:
        try:
            strategy, created = uploads.commit_import(
                actor=request.user,
                plan_import=plan_import,
                details=form.details(),
                baseline=baseline_form.choice() if baseline_form else None,
            )
        except ValidationError as problem:
            if hasattr(problem, "error_dict"):
                for field, errors in problem.message_dict.items():
                    if baseline_form is not None and field.startswith("baseline"):
                        name = field if field in baseline_form.fields else None
                        baseline_form.add_error(name, errors)
                        continue
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
    return _render(request, plan_import, details_form=form, baseline_form=baseline_form, status=400)


def _baseline_form(request: HttpRequest, plan_import: PlanImport) -> BaselineForm | None:
    """The baseline questions sent with the commit, when the document has statuses."""
    try:
        parsed = uploads.corrected_plan(plan_import).plan
    except (UnreadableDocument, OSError):
        return None  # the commit says why the document does not read
    words = status_words(parsed.actions())
    return BaselineForm(request.POST, words=words) if words else None


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


KEEP, MERGE, SPLIT = "", corrections.MERGE_UP, corrections.SPLIT
DELETE, SKIP_TABLE = corrections.DELETE, corrections.SKIP_TABLE


ROW_CHANGES: list[tuple[str, Any]] = [
    (KEEP, gettext_lazy("Keep this action as one row")),
    (MERGE, gettext_lazy("Merge with the action above")),
    (SPLIT, gettext_lazy("Split into two actions at the text below")),
    (DELETE, gettext_lazy("Delete this row: it is not an action")),
    (
        corrections.COMMITMENT_HEADING,
        gettext_lazy("Make this row a commitment heading for the actions after it"),
    ),
    (
        corrections.THEME_HEADING,
        gettext_lazy("Make this row a theme heading for the rows after it"),
    ),
    (
        SKIP_TABLE,
        gettext_lazy("Skip the whole table this row is in (statistics, funding or contacts)"),
    ),
]


class CorrectActionForm(GovukForm):
    """One action's corrections: its timescale, its leads, and merging or splitting it."""

    timescale = forms.CharField(
        label=gettext_lazy("Timescale"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("For example Mar 2027, 2025/26, Quarterly or Ongoing."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    leads = forms.CharField(
        label=gettext_lazy("Lead organisations"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Separate names with commas or slashes, for example SWP, Regional Team."
        ),
    )
    change = forms.ChoiceField(
        label=gettext_lazy("Rows"),
        required=False,
        widget=forms.RadioSelect,
        choices=ROW_CHANGES,
    )
    split_at = forms.CharField(
        label=gettext_lazy("Split at"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Copy the words where the second action starts."),
    )

    def __init__(self, *args: Any, action: ParsedAction, first: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.first = first
        if action.table is None:  # read from prose: there is no table to skip
            change = self.fields["change"]
            assert isinstance(change, forms.ChoiceField)
            change.choices = [c for c in ROW_CHANGES if c[0] != SKIP_TABLE]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        change = data.get("change") or KEEP
        if change == MERGE and self.first:
            self.add_error(
                "change",
                _("This is the first action of its commitment, so there is no action above it"),
            )
        if change == SPLIT:
            at = data.get("split_at") or ""
            if not at.strip():
                self.add_error("split_at", _("Enter the words where the second action starts"))
            elif corrections.split_point(self.action.text, at) is None:
                self.add_error(
                    "split_at",
                    _(
                        "Enter words from the action, after its start, where the second "
                        "action starts"
                    ),
                )
        return data

    def records(self, key: corrections.Key) -> list[dict[str, Any]]:
        """What differs from the reading, as correction records."""
        made, original = [], self.action.text
        timescale = " ".join((self.cleaned_data.get("timescale") or "").split())
        if timescale != (self.action.timescale or ""):
            made.append(
                corrections.make_record(key, original, corrections.TIMESCALE, text=timescale)
            )
        leads = corrections.split_leads(self.cleaned_data.get("leads") or "")
        if leads != list(self.action.leads):
            made.append(corrections.make_record(key, original, corrections.LEADS, leads=leads))
        change = self.cleaned_data.get("change") or KEEP
        if change == MERGE:
            made.append(corrections.make_record(key, original, corrections.MERGE_UP))
        elif change == SPLIT:
            at = " ".join(self.cleaned_data["split_at"].split())
            made.append(corrections.make_record(key, original, corrections.SPLIT, at=at))
        elif change == SKIP_TABLE:
            table = self.action.table
            made.append(corrections.make_record(key, original, SKIP_TABLE, table=table))
        elif change in (DELETE, *corrections.HEADINGS):
            made.append(corrections.make_record(key, original, change))
        return made


def _initial(action: ParsedAction, records: list[dict[str, Any]]) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "timescale": action.timescale or "",
        "leads": ", ".join(action.leads),
        "change": KEEP,
    }
    for record in records:
        kind = record.get("kind")
        if kind == corrections.TIMESCALE:
            initial["timescale"] = record.get("text") or ""
        elif kind == corrections.LEADS:
            initial["leads"] = ", ".join(record.get("leads") or [])
        elif kind in corrections.REWORKS:
            initial["change"] = kind
            initial["split_at"] = record.get("at") or ""
    return initial


def _preview_at(plan_import: PlanImport, key: corrections.Key) -> str:
    return "{}#action-{}-{}-{}".format(
        reverse("imports:preview", kwargs={"pk": plan_import.pk}), *key
    )


def _waiting_action(
    request: HttpRequest, pk: int, key: corrections.Key
) -> tuple[PlanImport, ParsedAction]:
    """The import and its action as read (before corrections); 404 when there is no such action."""
    plan_import = import_for_admin(request, pk)
    if not plan_import.is_waiting:
        raise Http404
    try:
        parsed = uploads.stored_plan(plan_import)
    except (UnreadableDocument, OSError) as problem:
        raise Http404 from problem
    action = corrections.action_at(parsed, key)
    if action is None:
        raise Http404
    return plan_import, action


@login_required
def correct_action(
    request: HttpRequest, pk: int, theme: int, commitment: int, action: int
) -> HttpResponse:
    """Correct one action: its timescale, its leads, or merge or split its row."""
    key = (theme, commitment, action)
    plan_import, found = _waiting_action(request, pk, key)
    existing = corrections.records_for(plan_import.corrections, key, found.text)
    form = CorrectActionForm(
        request.POST if request.method == "POST" else None,
        action=found,
        first=action == 0,
        initial=_initial(found, existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            uploads.correct_action(
                actor=request.user, plan_import=plan_import, key=key, records=form.records(key)
            )
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(request, _("Your correction has been applied to the preview."))
        return redirect(_preview_at(plan_import, key))
    return render(
        request,
        "imports/correct_action.html",
        {
            "form": form,
            "plan_import": plan_import,
            "partnership": plan_import.partnership,
            "action": found,
            "corrected": bool(existing),
            "back_url": _preview_at(plan_import, key),
            "key": key,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def undo_correction(
    request: HttpRequest, pk: int, theme: int, commitment: int, action: int
) -> HttpResponse:
    key = (theme, commitment, action)
    plan_import = import_for_admin(request, pk)
    try:
        uploads.correct_action(actor=request.user, plan_import=plan_import, key=key, records=[])
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("The correction has been undone."))
    return redirect(_preview_at(plan_import, key))
