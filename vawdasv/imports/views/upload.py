"""The upload page: a document or pasted text, read at once so problems show straight away."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vawdasv.imports import uploads
from vawdasv.imports.document import UnreadableDocument
from vawdasv.imports.forms import UploadForm
from vawdasv.imports.views.access import partnership_for_admin


@login_required
def upload(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    partnership = partnership_for_admin(request, partnership_slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename, data, field = form.submitted(uploads.PASTED_NAME)
        try:
            plan_import = uploads.create_import(
                actor=request.user, partnership=partnership, filename=filename, data=data
            )
        except UnreadableDocument as problem:
            form.add_error(field, str(problem))
        else:
            return redirect(plan_import.get_absolute_url())
    return render(
        request,
        "imports/upload.html",
        {"form": form, "partnership": partnership},
        status=400 if form.errors else 200,
    )
