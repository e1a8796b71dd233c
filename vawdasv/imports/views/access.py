"""Who may reach the import pages: the partnership's administrators (the regional team)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from vawdasv.imports.models import PlanImport
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership


def partnership_for_admin(request: HttpRequest, slug: str) -> Partnership:
    # A partnership the user may not see is a 404, as on its own page, so it is not leaked.
    partnership = get_object_or_404(permissions.visible_partnerships(request.user), slug=slug)
    if permissions.admin_page_refusal(request.user, partnership.pk) is not None:
        raise PermissionDenied  # the partnership is visible, so refusing leaks nothing
    return partnership


def refuse(request: HttpRequest, partnership_id: int) -> None:
    """Answer as `permissions.admin_page_refusal` says: 403 to members, 404 to outsiders."""
    refusal = permissions.admin_page_refusal(request.user, partnership_id)
    if refusal == 403:
        raise PermissionDenied
    if refusal == 404:
        raise Http404


def import_for_admin(request: HttpRequest, pk: int) -> PlanImport:
    """An import of a partnership the user manages; 404 to anyone outside the partnership."""
    plan_import = get_object_or_404(PlanImport.objects.select_related("partnership"), pk=pk)
    refuse(request, plan_import.partnership_id)
    return plan_import
