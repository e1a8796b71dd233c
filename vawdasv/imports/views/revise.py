"""Updating a strategy from a revised plan document: upload it, check the differences, apply.

Next year's plan rewords, adds and drops actions. Importing it as a new strategy would lose each
action's history and progress, so the revised document is compared with the strategy
(`imports.reimport`) and the regional team sees what would be added, changed and no longer be
in the plan before anything is written.

The uploaded document is kept as a `PlanImport` linked to the strategy, exactly as the upload
journey keeps it, so the comparison can be worked out again on every page and the history says
which file changed the plan. The preview carries a fingerprint of the comparison it showed:
if the strategy (or the document's reading) has changed by the time the person confirms, the
fingerprint no longer matches and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.forms import GovukForm
from vawdasv.imports import uploads
from vawdasv.imports.columns import ACTION, COMMITMENT, EVIDENCE, LEAD, TIMESCALE
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.enums import ImportStatus
from vawdasv.imports.forms import FIELD_LABELS, UploadForm
from vawdasv.imports.models import PlanImport
from vawdasv.imports.reimport import ActionPlan, ReimportPlan, apply_reimport, plan_reimport
from vawdasv.imports.views.access import refuse
from vawdasv.plans.models import Strategy

# The language revised documents are read in; the comparison writes to the `_en` fields.
DOCUMENT_LANGUAGE = "en"


# Access ------------------------------------------------------------------------------------


def strategy_for_admin(request: HttpRequest, slug: str) -> Strategy:
    """A strategy whose plans the user manages; 403 to other members, 404 to outsiders."""
    strategy = get_object_or_404(Strategy.objects.select_related("partnership"), slug=slug)
    refuse(request, strategy.partnership_id)
    return strategy


def _revision_of(strategy: Strategy, pk: int) -> PlanImport:
    """Only an import uploaded to revise this strategy; any other id is not found."""
    return get_object_or_404(PlanImport, pk=pk, strategy=strategy, partnership=strategy.partnership)


# What the preview shows --------------------------------------------------------------------

CHANGE_LABELS: dict[str, Any] = {
    f"text_{DOCUMENT_LANGUAGE}": FIELD_LABELS[ACTION],
    f"evidence_{DOCUMENT_LANGUAGE}": FIELD_LABELS[EVIDENCE],
    "timescale_text": FIELD_LABELS[TIMESCALE],
    "lead_organisations": FIELD_LABELS[LEAD],
}


@dataclass(frozen=True)
class LeadRow:
    name: str
    is_new: bool


@dataclass(frozen=True)
class AddedRow:
    theme: str
    commitment: str
    text: str
    timescale: str
    leads: list[LeadRow]


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangedRow:
    theme: str
    commitment: str
    text: str
    changes: list[ChangeRow]


def _shown(value: str | list[str]) -> str:
    return ", ".join(value) if isinstance(value, list) else value


def _leads(diff: ReimportPlan, action: ActionPlan) -> list[LeadRow]:
    matches = {diff.leads[name].key: diff.leads[name] for name in action.parsed.leads}
    return [
        LeadRow(name=match.entry.name_en, is_new=match.organisation_id is None)
        for match in matches.values()
    ]


def _added(diff: ReimportPlan) -> list[AddedRow]:
    rows = []
    for action in diff.added:
        theme, commitment = diff.place(action)
        rows.append(
            AddedRow(
                theme=theme,
                commitment=commitment,
                text=action.parsed.text,
                timescale=action.parsed.timescale or "",
                leads=_leads(diff, action),
            )
        )
    return rows


def _changed(diff: ReimportPlan) -> list[ChangedRow]:
    rows = []
    for action in diff.changed:
        theme, commitment = diff.place(action)
        changes = []
        if action.moved_from is not None:
            changes.append(ChangeRow(str(FIELD_LABELS[COMMITMENT]), action.moved_from, commitment))
        changes.extend(
            ChangeRow(
                str(CHANGE_LABELS.get(change.field, change.field)),
                _shown(change.before),
                _shown(change.after),
            )
            for change in action.changes
        )
        rows.append(ChangedRow(theme, commitment, action.parsed.text, changes))
    return rows


def fingerprint(diff: ReimportPlan) -> str:
    """Identifies exactly what a comparison found, to notice a plan changed after it was shown."""
    shown = json.dumps(diff.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()


class ConfirmRevisionForm(GovukForm):
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    checked = forms.BooleanField(
        label=gettext_lazy("I have checked the changes"),
        error_messages={"required": gettext_lazy("Confirm that you have checked the changes")},
    )
    remove_missing = forms.BooleanField(required=False)

    def __init__(self, *args: Any, missing: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if missing:
            self.fields["remove_missing"].label = ngettext(
                "Also delete the %(count)s action no longer in the document",
                "Also delete the %(count)s actions no longer in the document",
                missing,
            ) % {"count": missing}
            self.fields["remove_missing"].help_text = _(
                "Deleted actions lose their progress updates. Leave this unticked to keep them."
            )
        else:
            del self.fields["remove_missing"]


def _compare(strategy: Strategy, plan_import: PlanImport) -> ReimportPlan:
    parsed = uploads.stored_plan(plan_import)
    return plan_reimport(
        strategy,
        parsed,
        aliases=uploads.aliases_for(strategy.partnership),
        language=DOCUMENT_LANGUAGE,
    )


def _render_preview(
    request: HttpRequest,
    strategy: Strategy,
    plan_import: PlanImport,
    *,
    diff: ReimportPlan | None,
    form: ConfirmRevisionForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "strategy": strategy,
        "partnership": strategy.partnership,
        "plan_import": plan_import,
        "problem": problem,
        "diff": diff,
    }
    if diff is not None:
        context.update(
            added=_added(diff),
            changed=_changed(diff),
            missing=diff.missing,
            new_organisations=[entry.name_en for entry in diff.new_organisations],
            counts={
                "added": len(diff.added),
                "changed": len(diff.changed),
                "unchanged": len(diff.unchanged),
                "missing": len(diff.missing),
            },
        )
        if plan_import.is_waiting:
            context["form"] = form or ConfirmRevisionForm(
                initial={"fingerprint": fingerprint(diff)}, missing=len(diff.missing)
            )
    return render(request, "imports/revise_preview.html", context, status=status)


# Pages -------------------------------------------------------------------------------------


@login_required
def revise_upload(request: HttpRequest, strategy_slug: str) -> HttpResponse:
    """Upload the revised document; a worker reads it (imports.tasks), as on the upload page.

    The form's own checks (type, size, nothing chosen) answer at once; whether the document
    holds a plan is answered on the revision's page once it has been read.
    """
    strategy = strategy_for_admin(request, strategy_slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, data, _field = form.submitted(uploads.PASTED_NAME)
        plan_import = uploads.receive_import(
            actor=request.user,
            partnership=strategy.partnership,
            filename=filename,
            data=data,
            strategy=strategy,
        )
        return redirect("imports:revise-preview", strategy_slug=strategy.slug, pk=plan_import.pk)
    return render(
        request,
        "imports/revise_upload.html",
        {"form": form, "strategy": strategy, "partnership": strategy.partnership},
        status=400 if form.errors else 200,
    )


@login_required
def revise_preview(request: HttpRequest, strategy_slug: str, pk: int) -> HttpResponse:
    """GET: the differences to check. POST: write them, all or nothing, once."""
    strategy = strategy_for_admin(request, strategy_slug)
    plan_import = _revision_of(strategy, pk)
    if plan_import.is_reading or plan_import.is_refused:
        # Not read yet, or refused: the same page as a new import's ("Check again" / "Try again").
        context = {
            "plan_import": plan_import,
            "partnership": strategy.partnership,
            "try_again_url": reverse("imports:revise", kwargs={"strategy_slug": strategy.slug}),
        }
        return render(request, "imports/reading.html", context)
    if request.method == "POST" and plan_import.status == ImportStatus.IMPORTED:
        # Sent again (a second click, the back button): the update is already in the plan.
        messages.success(request, _("These changes have already been applied."))
        return redirect(strategy.get_absolute_url())
    try:
        diff = _compare(strategy, plan_import)
    except (UnreadableDocument, OSError) as problem:
        return _render_preview(request, strategy, plan_import, diff=None, problem=str(problem))
    if request.method != "POST":
        return _render_preview(request, strategy, plan_import, diff=diff)
    if not plan_import.is_waiting:
        messages.error(request, _("This update was abandoned; nothing was written."))
        return redirect("imports:revise-preview", strategy_slug=strategy.slug, pk=plan_import.pk)
    form = ConfirmRevisionForm(request.POST, missing=len(diff.missing))
    if not form.is_valid():
        return _render_preview(request, strategy, plan_import, diff=diff, form=form, status=400)
    if form.cleaned_data["fingerprint"] != fingerprint(diff):
        return _stale(request, strategy, plan_import, diff)
    remove_missing = bool(form.cleaned_data.get("remove_missing"))
    return _apply(request, strategy, plan_import, diff, remove_missing)


def _stale(
    request: HttpRequest, strategy: Strategy, plan_import: PlanImport, diff: ReimportPlan
) -> HttpResponse:
    """The plan changed after the comparison was shown: show the new one, write nothing."""
    form = ConfirmRevisionForm(
        initial={"fingerprint": fingerprint(diff)}, missing=len(diff.missing)
    )
    form.cleaned_data = {}
    form.add_error(
        None,
        _(
            "The strategy was changed by someone else after these changes were worked out, so "
            "nothing was written. Check the changes below again."
        ),
    )
    return _render_preview(request, strategy, plan_import, diff=diff, form=form, status=409)


def _apply(
    request: HttpRequest,
    strategy: Strategy,
    plan_import: PlanImport,
    diff: ReimportPlan,
    remove_missing: bool,
) -> HttpResponse:
    try:
        result = uploads.apply_revision(
            actor=request.user,
            strategy=strategy,
            plan_import=plan_import,
            apply=lambda origin: apply_reimport(
                request.user, strategy, diff, remove_missing=remove_missing, source=origin
            ),
        )
        if result is None:
            messages.success(request, _("These changes have already been applied."))
            return redirect(strategy.get_absolute_url())
    except ConcurrentEditError:
        return _stale(request, strategy, plan_import, _compare(strategy, plan_import))
    except ValidationError as problem:
        return _render_preview(
            request,
            strategy,
            plan_import,
            diff=diff,
            problem=_("The plan was not updated: %(problems)s")
            % {"problems": "; ".join(problem.messages)},
            status=400,
        )
    messages.success(
        request,
        _(
            "The strategy has been updated from “%(file)s”: %(added)s added, %(changed)s "
            "changed, %(removed)s deleted, %(kept)s no longer in the document kept."
        )
        % {
            "file": plan_import.original_filename,
            "added": result.added,
            "changed": result.changed,
            "removed": result.removed,
            "kept": result.kept_missing,
        },
    )
    return redirect(strategy.get_absolute_url())
