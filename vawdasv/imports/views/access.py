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
    if not permissions.can_manage_plans(request.user, partnership.pk):
        raise PermissionDenied
    return partnership


def import_for_admin(request: HttpRequest, pk: int) -> PlanImport:
    """An import of a partnership the user manages; 404 to anyone outside the partnership."""
    plan_import = get_object_or_404(PlanImport.objects.select_related("partnership"), pk=pk)
    partnership_id = plan_import.partnership_id
    if permissions.can_manage_plans(request.user, partnership_id):
        return plan_import
    if permissions.is_member(request.user, partnership_id):
        raise PermissionDenied
    raise Http404
