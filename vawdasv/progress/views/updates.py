"""A lead officer's side: My actions and the update form; the regional team's review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vawdasv.core import translation_state
from vawdasv.core.form_errors import add_validation_errors, posted
from vawdasv.partnerships import permissions
from vawdasv.progress import selectors, services
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.forms import ReviewForm, UpdateForm, fingerprints
from vawdasv.progress.models import ProgressUpdate
from vawdasv.progress.rag import rag_vocabulary
from vawdasv.progress.self_approval import wrote_update

SAVE, SUBMIT = "save", "submit"


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "progress/my_actions.html",
        {"groups": selectors.my_actions(request.user), "organisation": request.user.organisation},  # type: ignore[union-attr]
    )


def _shown(current: ProgressUpdate, name: str, value: Any) -> Any:
    """A field's value as the conflict table shows it: the partnership's RAG words, choice
    labels, Yes/No."""
    field = ProgressUpdate._meta.get_field(name)
    assert isinstance(field, models.Field)
    if name == "rag":  # in the partnership's own words for the ratings
        words = rag_vocabulary(current.progress_round.strategy.partnership)
        return words.choice_label(value) if value else ""
    if field.choices:
        return dict(field.choices).get(value, value)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def _merge_after_conflict(form: UpdateForm, current: ProgressUpdate) -> list[dict[str, Any]]:
    """Keep the other person's work: every field this person did not change takes the saved
    value; a field only this person changed keeps theirs. Only fields both changed (to
    different values) are returned, to be shown side by side; the form keeps this person's
    value for those, so saving again is a choice made with both in view, never a silent revert.
    """
    data = form.data.copy()  # type: ignore[attr-defined]
    rows = []
    for name in services.UPDATE_FIELDS:
        theirs, mine = getattr(current, name), form.cleaned_data.get(name)
        if not form.changed_by_this_person(name):
            if isinstance(theirs, bool):
                data.pop(name, None)
                if theirs:
                    data[name] = "on"
            else:
                data[name] = theirs or ""
        elif (theirs or "") != (mine or "") and form.differs_from_base(name, theirs):
            field = ProgressUpdate._meta.get_field(name)
            assert isinstance(field, models.Field)
            rows.append(
                {
                    "label": field.verbose_name,
                    "theirs": _shown(current, name, theirs),
                    "mine": _shown(current, name, mine),
                }
            )
    data["version"] = str(current.version)
    data["base"] = fingerprints({name: getattr(current, name) for name in services.UPDATE_FIELDS})
    form.data = data
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def update_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Write an action's update. Save draft and Submit are separate buttons."""
    progress_round = selectors.get_round_for_user(request.user, pk)
    action = selectors.get_round_action(progress_round, action_pk)
    strategy = progress_round.strategy
    can_write = permissions.can_write_update(request.user, action, strategy.partnership_id)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    # Someone who may not see a draft sees the page as if nobody had written anything yet.
    update = selectors.visible_update(request.user, progress_round, action)
    editable = permissions.can_change_update_now(
        request.user,
        action,
        strategy.partnership_id,
        round_is_open=progress_round.is_open,
        update_state=update.state if update else None,
    )
    instance = update or ProgressUpdate(progress_round=progress_round, action=action)
    form = None
    if editable or request.method == "POST":
        form = UpdateForm(posted(request), instance=instance)
    context: dict[str, Any] = {
        "round": progress_round,
        "strategy": strategy,
        "action": action,
        "update": update,
        "previous": selectors.latest_approved([action.pk], before=progress_round).get(action.pk),
        "can_review": permissions.can_run_rounds(request.user, strategy.partnership_id),
    }
    if form is not None and request.method == "POST" and form.is_valid():
        submitting = request.POST.get("intent") == SUBMIT
        write = services.submit_update if submitting else services.save_draft
        try:
            write(
                actor=request.user,
                progress_round=progress_round,
                action=action,
                data=form.service_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except services.ConcurrentEditError as conflict:
            rows = _merge_after_conflict(form, conflict.current)  # type: ignore[arg-type]
            context["conflict"] = rows
            form.add_error(
                None,
                _(
                    "Somebody else saved this update while you were editing it. Their changes "
                    "to the fields you had not changed are now in the form. Where you both "
                    "changed a field, the two versions are shown below and the form holds "
                    "yours. Check the form and save again."
                )
                if rows
                else _(
                    "Somebody else saved this update while you were editing it. Their changes "
                    "are now in the form alongside yours. Check the form and save again."
                ),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if submitting:
                messages.success(request, _("Update submitted for review"))
                return redirect(reverse("progress:my-actions"))
            messages.success(request, _("Draft saved"))
            return redirect(request.path)
    context["form"] = form
    return render(
        request,
        "progress/update_form.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


def _own_update_context(user: Any, update: ProgressUpdate) -> dict[str, bool]:
    """Whether the reviewer wrote the update, and if so whether someone else must approve it."""
    own = wrote_update(user, update, services.UPDATE_FIELDS)
    partnership_id = update.progress_round.strategy.partnership_id
    return {
        "own_update": own,
        "another_must_approve": own
        and permissions.must_leave_own_update_to_another(user, partnership_id),
    }


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    update = selectors.get_update_for_user(request.user, pk)
    progress_round = update.progress_round
    strategy = progress_round.strategy
    if not permissions.can_run_rounds(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = ReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ReviewForm.APPROVE:
                services.approve_update(
                    actor=request.user, update=update, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("Update approved"))
            else:
                services.return_update(
                    actor=request.user, update=update, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("Update returned to the lead officer"))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            following = selectors.next_in_queue(request.user, update)
            if following is not None:
                return redirect("progress:review", pk=following.pk)
            messages.info(request, _("No more updates are waiting for review."))
            return redirect(progress_round.get_absolute_url())
    # The reviewer sees whether the Welsh narrative is missing, written, or written for English
    # that has changed since, and the same tag as on the plan beside the action (one query).
    marks = translation_state.marks_for([update, update.action])
    return render(
        request,
        "progress/review.html",
        {
            "translation_marks": marks,
            "narrative_state": marks.state(update, "narrative"),
            "round": progress_round,
            "strategy": strategy,
            "update": update,
            "action": update.action,
            "form": form,
            "can_decide": update.state == UpdateState.SUBMITTED,
            "queue": selectors.review_queue(request.user),
            **_own_update_context(request.user, update),
            "previous": selectors.latest_approved([update.action_id], before=progress_round).get(
                update.action_id
            ),
        },
        status=400 if form.errors else 200,
    )
