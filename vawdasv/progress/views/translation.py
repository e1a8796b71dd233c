"""The translation page: a plan's translation state, the translator's .xlsx, and the Welsh back in.

Upload → preview (what each text becomes, every problem by row) → confirm. The preview keeps
what it showed in the session, and the confirmation saves exactly that, checked again.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vawdasv.core.translation_state import State
from vawdasv.lib.tabular import XLSX_CONTENT_TYPE
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy
from vawdasv.progress import selectors
from vawdasv.progress.translation import export
from vawdasv.progress.translation.importing import (
    Change,
    TranslationFileRefused,
    check_size,
    read_translation_file,
)
from vawdasv.progress.translation.services import TranslationConflict, apply_translations
from vawdasv.progress.translation.strings import counts, strategy_strings

SESSION_PREFIX = "translation-import-"
SHOWN = 200  # texts listed on the page; the spreadsheet has them all


def _strategy(request: HttpRequest, slug: str) -> Strategy:
    """The plan, for its regional team; refused to others, as the report's text page is."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    if not permissions.can_translate_strategy(request.user, strategy.partnership_id):
        raise PermissionDenied
    return strategy


def _page(request: HttpRequest, strategy: Strategy, refusal: str = "") -> HttpResponse:
    strings = strategy_strings(strategy)
    waiting = [s for s in strings if s.state != State.TRANSLATED]
    context = {
        "strategy": strategy,
        "counts": counts(strings),
        "waiting": waiting[:SHOWN],
        "more": max(0, len(waiting) - SHOWN),
        "refusal": refusal,
    }
    return render(
        request, "progress/translation/page.html", context, status=400 if refusal else 200
    )


@login_required
def translation_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _strategy(request, slug))


@login_required
def translation_export(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(request, slug)
    response = HttpResponse(export.export_xlsx(strategy), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export.export_filename(strategy)}"'
    return response


@login_required
@require_POST
def translation_import(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(request, slug)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, strategy, _("Choose the translated .xlsx file to upload."))
    name = upload.name or "translation.xlsx"
    try:
        check_size(name, upload.size or 0)
        data = upload.read()
        plan = read_translation_file(name, data, strategy)
    except TranslationFileRefused as refused:
        return _page(request, strategy, str(refused))
    token = ""
    if plan.can_save:
        # One preview at a time: an earlier one never confirmed is forgotten.
        for key in [k for k, _value in request.session.items() if k.startswith(SESSION_PREFIX)]:
            del request.session[key]
        token = secrets.token_urlsafe(16)
        request.session[SESSION_PREFIX + token] = {
            "strategy": strategy.pk,
            "file_name": name[:150],
            "sha256": hashlib.sha256(data).hexdigest(),
            "changes": [change.as_data() for change in plan.changes],
        }
    context = {
        "strategy": strategy,
        "plan": plan,
        "token": token,
        "file_name": name,
        "conflict": _conflict_text(plan.conflict_rows),
    }
    return render(request, "progress/translation/preview.html", context)


def _conflict_text(rows: list[int]) -> str:
    if not rows:
        return ""
    return ngettext(
        "Someone else saved Welsh for row %(rows)s since this file was exported, so nothing "
        "can be imported from it. Export the file again.",
        "Someone else saved Welsh for rows %(rows)s since this file was exported, so nothing "
        "can be imported from it. Export the file again.",
        len(rows),
    ) % {"rows": ", ".join(str(row) for row in rows)}


@login_required
@require_POST
def translation_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(request, slug)
    stored = request.session.pop(SESSION_PREFIX + request.POST.get("token", ""), None)
    if not stored or stored.get("strategy") != strategy.pk:
        return _page(
            request,
            strategy,
            _("This preview has already been used or has expired. Upload the file again."),
        )
    changes = [Change.from_data(data) for data in stored["changes"]]
    try:
        saved = apply_translations(
            actor=request.user,
            strategy=strategy,
            changes=changes,
            file_name=stored["file_name"],
            sha256=stored["sha256"],
        )
    except TranslationConflict as conflict:
        return _page(request, strategy, str(conflict))
    messages.success(
        request,
        ngettext("%(count)s Welsh text was saved.", "%(count)s Welsh texts were saved.", saved)
        % {"count": saved},
    )
    return redirect(reverse("progress:translation", kwargs={"slug": slug}))
