"""Pages about who does the plan's work: lead organisations nobody can update for, and
taking back a lead officer's direct edit of an action (the regional team's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.audit.models import AuditEntry
from vawdasv.audit.origins import OriginKind
from vawdasv.partnerships import permissions
from vawdasv.partnerships.views_people import partnership_for_people
from vawdasv.plans import coverage, direct_edits


@login_required
def without_lead_officer(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_people(request, slug)
    return render(
        request,
        "partnerships/without_lead_officer.html",
        {"partnership": partnership, "gaps": coverage.without_lead_officer(partnership)},
    )


@login_required
@require_POST
def revert_direct_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Put back what a lead officer changed directly (administrators of its partnership)."""
    entry = get_object_or_404(AuditEntry, pk=pk, origin_kind=OriginKind.DIRECT_EDIT)
    if not permissions.can_manage_plans(request.user, entry.partnership_id or 0):
        raise PermissionDenied
    try:
        action = direct_edits.revert_direct_edit(actor=request.user, entry=entry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("core:home")
    messages.success(request, _("The change was reverted"))
    return redirect(action.get_absolute_url())
