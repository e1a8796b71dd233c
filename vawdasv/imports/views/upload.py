"""The upload page: a document or pasted text, kept and read in the background (imports.tasks).

The form's own checks (type, size, nothing chosen) still answer at once; whether the document
holds a plan is answered on the import's page once the worker has read it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vawdasv.imports import uploads
from vawdasv.imports.forms import UploadForm
from vawdasv.imports.views.access import partnership_for_admin


@login_required
def upload(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    partnership = partnership_for_admin(request, partnership_slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, data, _field = form.submitted(uploads.PASTED_NAME)
        plan_import = uploads.receive_import(
            actor=request.user, partnership=partnership, filename=filename, data=data
        )
        return redirect(plan_import.get_absolute_url())
    return render(
        request,
        "imports/upload.html",
        {"form": form, "partnership": partnership},
        status=400 if form.errors else 200,
    )
