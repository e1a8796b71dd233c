"""Saving a lead officer's draft in the background while they write (static vawdasv/js/autosave.js).

The page's own "Save draft" button does the same through the ordinary form; this endpoint only
answers in JSON so the script can tell the person, in their language, when their draft was kept.
It writes through `services.save_draft` with the version the page was loaded with, so a draft
somebody else saved meanwhile is never overwritten: the script stops and asks the person to
press "Save draft", which shows both versions side by side.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.partnerships import permissions
from vawdasv.progress import selectors, services
from vawdasv.progress.forms import UpdateForm
from vawdasv.progress.models import ProgressUpdate

OK, INVALID, FORBIDDEN, CONFLICT = 200, 400, 403, 409


def _form_messages(form: UpdateForm) -> list[str]:
    """Every error on the form as one line, with the field's label where there is one."""
    lines: list[str] = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        lines += [f"{label}: {message}" if label else str(message) for message in errors]
    return lines


def _refusal(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@login_required
@require_POST
def autosave(request: HttpRequest, pk: int, action_pk: int) -> JsonResponse:
    """Save the posted update form as a draft; answer {version, saved_at} or why not."""
    progress_round = selectors.get_round_for_user(request.user, pk)
    action = selectors.get_round_action(progress_round, action_pk)
    strategy = progress_round.strategy
    if not permissions.can_write_update(request.user, action, strategy.partnership_id):
        return JsonResponse(
            {"errors": [_("You do not have permission to change this.")]}, status=FORBIDDEN
        )
    update = ProgressUpdate.objects.filter(progress_round=progress_round, action=action).first()
    form = UpdateForm(
        request.POST,
        instance=update or ProgressUpdate(progress_round=progress_round, action=action),
    )
    if not form.is_valid():
        return JsonResponse({"errors": _form_messages(form)}, status=INVALID)
    try:
        saved = services.save_draft(
            actor=request.user,
            progress_round=progress_round,
            action=action,
            data=form.service_data(),
            expected_version=form.cleaned_data.get("version"),
        )
    except services.ConcurrentEditError:
        return JsonResponse(
            {
                "errors": [
                    _(
                        "Somebody else saved this update while you were writing, so it was not "
                        "saved automatically. Your text is still on this page: press “Save "
                        "draft” to compare the two versions and keep yours."
                    )
                ]
            },
            status=CONFLICT,
        )
    except ValidationError as error:  # a closed round, or an update already submitted
        return JsonResponse({"errors": _refusal(error)}, status=INVALID)
    return JsonResponse(_saved(saved), status=OK)


def _saved(update: ProgressUpdate) -> dict[str, Any]:
    at = time_format(timezone.localtime(update.updated_at), "H:i")
    return {
        "version": update.version,
        "saved_at": _("Draft saved at %(time)s") % {"time": at},
    }
