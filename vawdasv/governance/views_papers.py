"""Meeting papers and terms-of-reference documents: add, download, remove (after confirming).

Downloads are always attachments under the cleaned name, in the type the file was checked to
be, with `nosniff` and a sandboxing policy, never shown inline, so an uploaded file cannot run
as part of this site.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vawdasv.core.form_errors import posted, saved
from vawdasv.governance import papers
from vawdasv.governance.forms import ConfirmForm, PaperForm, TermsDocumentForm
from vawdasv.governance.models import MeetingPaper, StoredFile, TermsDocument
from vawdasv.governance.views import _check, _form_page, _group, _meeting, _meeting_caption
from vawdasv.lib import filecheck


def confirm_page(
    request: HttpRequest, form: ConfirmForm, *, title: str, caption: str, warning: str,
    button: str, cancel: str,
) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "governance/confirm.html",
        {"form": form, "title": title, "caption": caption, "warning": warning,
         "button": button, "cancel": cancel},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _download(stored: StoredFile) -> FileResponse:
    try:
        handle = default_storage.open(stored.file.name, "rb")  # type: ignore[attr-defined]
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        # Cleaned again on the way out, whatever reached the database.
        filename=filecheck.clean_file_name(stored.file_name, fallback="paper"),
        content_type=stored.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, manage=True)
    form = PaperForm(request.POST or None, request.FILES or None)
    done = saved(
        request, form,
        lambda: papers.add_paper(
            actor=request.user, meeting=meeting, data=form.cleaned_data,
            uploaded_file=form.cleaned_data["file"],
        ),
        _("Paper added"), meeting.get_absolute_url() + "#papers",
    )  # fmt: skip
    return done or _form_page(
        request, form, title=_("Add a paper"), caption=_meeting_caption(meeting),
        cancel=meeting.get_absolute_url(),
    )  # fmt: skip


def _paper(request: HttpRequest, pk: int, *, manage: bool = False) -> MeetingPaper:
    paper = get_object_or_404(
        MeetingPaper.objects.select_related("meeting__group__partnership"), pk=pk
    )
    _check(request, paper.meeting.group.partnership_id, manage=manage)
    return paper


@login_required
@require_GET
def paper_file(request: HttpRequest, pk: int) -> FileResponse:
    return _download(_paper(request, pk))


@login_required
def paper_remove(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(request, pk, manage=True)
    meeting = paper.meeting
    form = ConfirmForm(posted(request))
    done = saved(
        request, form, lambda: papers.remove_paper(actor=request.user, paper=paper),
        _("Paper removed"), meeting.get_absolute_url() + "#papers",
    )  # fmt: skip
    return done or confirm_page(
        request, form, title=_("Remove this paper?"), caption=_meeting_caption(meeting),
        warning=_("“%(title)s” (%(name)s) will be removed from the meeting and its file deleted.")
        % {"title": paper.text("title").text, "name": paper.file_name},
        button=_("Remove the paper"), cancel=meeting.get_absolute_url(),
    )  # fmt: skip


@login_required
def terms_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk, manage=True)
    form = TermsDocumentForm(request.POST or None, request.FILES or None)
    done = saved(
        request, form,
        lambda: papers.set_terms_document(
            actor=request.user, group=group, uploaded_file=form.cleaned_data["file"]
        ),
        _("Terms of reference document saved"), group,
    )  # fmt: skip
    return done or _form_page(
        request, form, title=_("Add the terms of reference document"),
        caption=group.text("name").text, cancel=group.get_absolute_url(),
    )  # fmt: skip


def _terms(request: HttpRequest, pk: int, *, manage: bool = False) -> TermsDocument:
    group = _group(request, pk, manage=manage)
    document = TermsDocument.objects.filter(group=group).select_related("group").first()
    if document is None:
        raise Http404
    return document


@login_required
@require_GET
def terms_file(request: HttpRequest, pk: int) -> FileResponse:
    return _download(_terms(request, pk))


@login_required
def terms_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = _terms(request, pk, manage=True)
    group = document.group
    form = ConfirmForm(posted(request))
    done = saved(
        request, form, lambda: papers.remove_terms_document(actor=request.user, document=document),
        _("Terms of reference document removed"), group,
    )  # fmt: skip
    return done or confirm_page(
        request, form, title=_("Remove the terms of reference document?"),
        caption=group.text("name").text,
        warning=_("“%(name)s” will be removed from the group and its file deleted.")
        % {"name": document.file_name},
        button=_("Remove the document"), cancel=group.get_absolute_url(),
    )  # fmt: skip
