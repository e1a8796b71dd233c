"""Evidence on an update: add a link, upload a file, remove one, download one.

The add forms sit on the update page and post here; when something is wrong the form is shown
again on its own page with the error summary, so everything works without JavaScript.
Downloads are always attachments with the stored type and `nosniff`, never shown inline, so an
uploaded file can never run as a page of this site.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vawdasv.core.form_errors import add_validation_errors, posted
from vawdasv.core.forms import GovukForm
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Action
from vawdasv.progress import evidence as evidence_services
from vawdasv.progress import selectors
from vawdasv.progress.enums import EvidenceKind
from vawdasv.progress.evidence_forms import EvidenceFileForm, EvidenceLinkForm
from vawdasv.progress.forms import ConfirmForm
from vawdasv.progress.models import ProgressRound, UpdateEvidence


def _update_url(progress_round: ProgressRound, action: Action) -> str:
    url = reverse("progress:update", kwargs={"pk": progress_round.pk, "action_pk": action.pk})
    return f"{url}#evidence"


def _round_and_action(
    request: HttpRequest, pk: int, action_pk: int
) -> tuple[ProgressRound, Action]:
    """The round and action, refusing anyone who may not write this action's update."""
    progress_round = selectors.get_round_for_user(request.user, pk)
    action = selectors.get_round_action(progress_round, action_pk)
    if not permissions.can_write_update(
        request.user, action, progress_round.strategy.partnership_id
    ):
        raise PermissionDenied
    return progress_round, action


def _add(
    request: HttpRequest,
    pk: int,
    action_pk: int,
    form: GovukForm,
    write: Any,
    page: dict[str, Any],
) -> HttpResponse:
    progress_round, action = _round_and_action(request, pk, action_pk)
    if request.method == "POST" and form.is_valid():
        try:
            write(request.user, progress_round, action, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Evidence added"))
            return redirect(_update_url(progress_round, action))
    return render(
        request,
        "progress/evidence_form.html",
        {
            **page,
            "round": progress_round,
            "strategy": progress_round.strategy,
            "action": action,
            "form": form,
            "back_url": _update_url(progress_round, action),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_link_add(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    def write(user: Any, progress_round: ProgressRound, action: Action, data: dict) -> None:
        evidence_services.add_evidence_link(
            actor=user, progress_round=progress_round, action=action,
            title=data["title"], url=data["url"],
        )  # fmt: skip

    form = EvidenceLinkForm(posted(request))
    page = {"heading": _("Add a link"), "button": _("Add link"), "multipart": False}
    return _add(request, pk, action_pk, form, write, page)


@login_required
@require_http_methods(["GET", "POST"])
def evidence_file_add(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    def write(user: Any, progress_round: ProgressRound, action: Action, data: dict) -> None:
        evidence_services.add_evidence_file(
            actor=user, progress_round=progress_round, action=action,
            title=data["title"], uploaded_file=data["file"],
        )  # fmt: skip

    form = EvidenceFileForm(posted(request), request.FILES if request.method == "POST" else None)
    page = {"heading": _("Upload a file"), "button": _("Upload file"), "multipart": True}
    return _add(request, pk, action_pk, form, write, page)


def _evidence_for_user(request: HttpRequest, pk: int) -> UpdateEvidence:
    """Evidence readable by this user: members of the partnership that runs the round."""
    evidence = get_object_or_404(UpdateEvidence.objects.select_related("update"), pk=pk)
    update = selectors.get_update_for_user(request.user, evidence.update_id)
    evidence.update = update
    return evidence


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Removing is destructive, so a GET only asks; the POST (with the box ticked) removes."""
    evidence = _evidence_for_user(request, pk)
    update = evidence.update
    progress_round, action = _round_and_action(request, update.progress_round_id, update.action_id)
    form = ConfirmForm(posted(request))
    # Say so before anyone ticks the box: a submitted or approved update, or a closed round,
    # keeps its evidence as it was reviewed.
    removable = permissions.can_change_update_now(
        request.user,
        action,
        progress_round.strategy.partnership_id,
        round_is_open=progress_round.is_open,
        update_state=update.state,
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence_services.remove_evidence(actor=request.user, evidence=evidence)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Evidence removed"))
            return redirect(_update_url(progress_round, action))
    return render(
        request,
        "progress/evidence_remove.html",
        {
            "round": progress_round,
            "strategy": progress_round.strategy,
            "action": action,
            "evidence": evidence,
            "form": form,
            "removable": removable,
            "update": update,
            "back_url": _update_url(progress_round, action),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file as an attachment under its cleaned name, in the type it was checked to be."""
    evidence = _evidence_for_user(request, pk)
    if evidence.kind != EvidenceKind.FILE or not evidence.file.name:
        raise Http404
    try:
        handle = default_storage.open(evidence.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        # Cleaned again on the way out: a name stored before the upload check (or written
        # straight to the database) must not carry control characters into the header.
        filename=evidence_services.clean_file_name(evidence.file_name),
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even opened directly, the file gets no scripts, no plugins and no access to this site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
