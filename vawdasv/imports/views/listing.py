"""A partnership's plan imports, newest first, so an unfinished one can be picked up again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vawdasv.imports.models import PlanImport
from vawdasv.imports.views.access import partnership_for_admin


@login_required
def import_list(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    partnership = partnership_for_admin(request, partnership_slug)
    imports = PlanImport.objects.filter(partnership=partnership).select_related(
        "uploaded_by", "strategy"
    )
    return render(request, "imports/list.html", {"partnership": partnership, "imports": imports})
