"""Creating, editing and deleting plan content. Forms validate; services write and audit."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.plans import selectors, services
from vawdasv.plans.forms import (
    ActionForm,
    CommitmentForm,
    ConfirmDeleteForm,
    StrategyForm,
    ThemeForm,
    VersionedForm,
)
from vawdasv.plans.models import Strategy


def _conflict_rows(form: VersionedForm, current: models.Model) -> list[dict[str, Any]]:
    """Each field where the saved version differs from what this editor submitted."""
    rows = []
    for name in form._meta.fields or []:
        if name not in form.cleaned_data:
            continue
        field = current._meta.get_field(name)
        theirs: Any = getattr(current, name)
        mine: Any = form.cleaned_data[name]
        if getattr(field, "many_to_many", False):
            theirs = ", ".join(sorted(str(o) for o in theirs.all()))
            mine = ", ".join(sorted(str(o) for o in mine))
        if (theirs or "") != (mine or ""):
            label = getattr(field, "verbose_name", name)
            rows.append({"label": label, "theirs": theirs, "mine": mine})
    return rows


_SUBMISSIONS = "completed_submissions"


def _completed_submission(request: HttpRequest) -> str | None:
    """Where a create form with this one-time token went, if it has already been saved.

    Create forms carry no version, so a double submit (a second click, a refresh, the back
    button) would otherwise add the same action twice. Each create form is given a random token;
    a token already saved leads to what it created instead.
    """
    token = request.POST.get("submission", "")
    return request.session.get(_SUBMISSIONS, {}).get(token) if token else None


def _remember_submission(request: HttpRequest, url: str) -> None:
    token = request.POST.get("submission", "")[:64]
    if token:
        done = {**request.session.get(_SUBMISSIONS, {}), token: url}
        request.session[_SUBMISSIONS] = dict(list(done.items())[-20:])


def _save_form(
    request: HttpRequest,
    form: VersionedForm,
    save: Callable[[dict[str, Any], int | None], models.Model],
    context: dict[str, Any],
    success: Callable[[models.Model], str],
    message: str,
) -> HttpResponse:
    """The shared POST handling: validate, call the service, report conflicts and errors."""
    creating = form.instance.pk is None
    if creating:
        if request.method == "POST" and (done := _completed_submission(request)):
            return redirect(done)  # the same create form sent twice: it is already saved
        context["submission"] = request.POST.get("submission") or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.service_data(), form.cleaned_data.get("version"))
        except services.ConcurrentEditError as conflict:
            context["conflict"] = _conflict_rows(form, conflict.current)
            if not context["conflict"]:
                # What is saved already matches what was sent (a double submit): nothing lost.
                return redirect(success(conflict.current))
            data = form.data.copy()
            data["version"] = str(conflict.current.version)  # type: ignore[attr-defined]
            form.data = data
            form.add_error(
                None,
                _(
                    "Somebody else saved a change to this while you were editing it. Compare the "
                    "two versions below, then save again to keep yours."
                ),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, message)
            if creating:
                _remember_submission(request, success(obj))
            return redirect(success(obj))
    context["form"] = form
    return render(request, "plans/edit.html", context, status=200 if not form.errors else 400)


def _partnership_for_admin(request: HttpRequest, slug: str) -> Partnership:
    # A partnership the user may not see is a 404, as on its own page, so it is not leaked.
    partnership = get_object_or_404(permissions.visible_partnerships(request.user), slug=slug)
    if not permissions.can_manage_plans(request.user, partnership.pk):
        raise PermissionDenied
    return partnership


@login_required
def strategy_create(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    partnership = _partnership_for_admin(request, partnership_slug)
    form = StrategyForm(request.POST or None)
    return _save_form(
        request, form,
        lambda data, _v: services.create_strategy(
            actor=request.user, partnership=partnership, data=data
        ),
        {"title": _("Add a strategy"), "partnership": partnership},
        lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
        _("Strategy added"),
    )  # fmt: skip


@login_required
def strategy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_user(request.user, slug)
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = StrategyForm(request.POST or None, instance=Strategy.objects.get(pk=strategy.pk))
    return _save_form(
        request, form,
        lambda data, version: services.update_strategy(
            actor=request.user, strategy=strategy, data=data, expected_version=version
        ),
        {"title": _("Edit strategy"), "strategy": strategy},
        lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
        _("Strategy saved"),
    )  # fmt: skip


@login_required
def theme_create(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_user(request.user, slug)
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = ThemeForm(request.POST or None)
    return _save_form(
        request, form,
        lambda data, _v: services.create_theme(actor=request.user, strategy=strategy, data=data),
        {"title": _("Add a theme"), "strategy": strategy},
        lambda obj: f"{strategy.get_absolute_url()}#theme-{obj.pk}",
        _("Theme added"),
    )  # fmt: skip


@login_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = selectors.get_theme_for_user(request.user, pk)
    strategy = theme.strategy
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = ThemeForm(request.POST or None, instance=theme)
    return _save_form(
        request, form,
        lambda data, version: services.update_theme(
            actor=request.user, theme=theme, data=data, expected_version=version
        ),
        {"title": _("Edit theme"), "strategy": strategy},
        lambda obj: f"{strategy.get_absolute_url()}#theme-{obj.pk}",
        _("Theme saved"),
    )  # fmt: skip


@login_required
def commitment_create(request: HttpRequest, theme_pk: int) -> HttpResponse:
    theme = selectors.get_theme_for_user(request.user, theme_pk)
    strategy = theme.strategy
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = CommitmentForm(request.POST or None)
    return _save_form(
        request, form,
        lambda data, _v: services.create_commitment(actor=request.user, theme=theme, data=data),
        {"title": _("Add a commitment"), "strategy": strategy},
        lambda obj: f"{strategy.get_absolute_url()}#commitment-{obj.pk}",
        _("Commitment added"),
    )  # fmt: skip


@login_required
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.get_commitment_for_user(request.user, pk)
    strategy = commitment.theme.strategy
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = CommitmentForm(request.POST or None, instance=commitment)
    return _save_form(
        request, form,
        lambda data, version: services.update_commitment(
            actor=request.user, commitment=commitment, data=data, expected_version=version
        ),
        {"title": _("Edit commitment"), "strategy": strategy},
        lambda obj: f"{strategy.get_absolute_url()}#commitment-{obj.pk}",
        _("Commitment saved"),
    )  # fmt: skip


@login_required
def action_create(request: HttpRequest, commitment_pk: int) -> HttpResponse:
    commitment = selectors.get_commitment_for_user(request.user, commitment_pk)
    strategy = commitment.theme.strategy
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    form = ActionForm(request.POST or None, partnership=strategy.partnership)
    return _save_form(
        request, form,
        lambda data, _v: services.create_action(
            actor=request.user, commitment=commitment, data=data
        ),
        {"title": _("Add an action"), "strategy": strategy},
        lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
        _("Action added"),
    )  # fmt: skip


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    strategy = action.commitment.theme.strategy
    if not permissions.can_edit_action(request.user, action, strategy.partnership_id):
        raise PermissionDenied
    form = ActionForm(
        request.POST or None,
        instance=action,
        partnership=strategy.partnership,
        may_change_leads=permissions.can_manage_plans(request.user, strategy.partnership_id),
    )
    return _save_form(
        request, form,
        lambda data, version: services.update_action(
            actor=request.user, action=action, data=data, expected_version=version
        ),
        {"title": _("Edit action"), "strategy": strategy, "action": action},
        lambda obj: obj.get_absolute_url(),  # type: ignore[attr-defined]
        _("Action saved"),
    )  # fmt: skip


# Deleting ---------------------------------------------------------------------------------

DELETABLE: dict[str, tuple[Callable[..., Any], Callable[..., None], Callable[[Any], Strategy]]] = {
    "theme": (selectors.get_theme_for_user, services.delete_theme, lambda o: o.strategy),
    "commitment": (
        selectors.get_commitment_for_user,
        services.delete_commitment,
        lambda o: o.theme.strategy,
    ),
    "action": (
        selectors.get_action_for_user,
        services.delete_action,
        lambda o: o.commitment.theme.strategy,
    ),
}


@login_required
def delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Ask for confirmation, then delete a theme, commitment or action (recorded in the audit)."""
    if kind not in DELETABLE:
        raise PermissionDenied
    fetch, remove, strategy_of = DELETABLE[kind]
    obj = fetch(request.user, pk)
    strategy = strategy_of(obj)
    if not permissions.can_manage_plans(request.user, strategy.partnership_id):
        raise PermissionDenied
    # Bound on every POST: a form with only an unticked box sends no fields at all.
    form = ConfirmDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        remove(**{"actor": request.user, kind: obj})
        messages.success(request, _("Deleted. The change is recorded in the history."))
        return redirect(strategy.get_absolute_url())
    return render(
        request,
        "plans/confirm_delete.html",
        {"form": form, "object": obj, "kind": kind, "strategy": strategy},
        status=400 if form.errors else 200,
    )
