"""Reading a plan: the plan page, the filtered action list and an action with its history."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from vawdasv.audit.describe import describe
from vawdasv.audit.services import history_for
from vawdasv.core import translation_state
from vawdasv.lib.bilingual import BilingualModel, translation_progress
from vawdasv.partnerships import permissions
from vawdasv.plans import progress_summary, selectors
from vawdasv.plans.forms import ActionFilterForm
from vawdasv.plans.models import Action, Strategy


def strategy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_user(request.user, slug)
    themes = selectors.plan_tree(strategy)
    content: list[BilingualModel] = [strategy]
    for theme in themes:
        content.append(theme)
        for commitment in theme.commitments.all():
            content.append(commitment)
            content.extend(commitment.actions.all())
    actions = [a for t in themes for c in t.commitments.all() for a in c.actions.all()]
    show_progress = progress_summary.visible(request.user, strategy)
    _attach_progress(request, strategy, actions if show_progress else [])
    can_manage = permissions.can_manage_plans(request.user, strategy.partnership_id)
    # Editors see which Welsh was written for English that has changed since (one query).
    marks = translation_state.marks_for(content) if can_manage else None
    return render(
        request,
        "plans/strategy_detail.html",
        {
            "strategy": strategy,
            "themes": themes,
            "action_count": len(actions),
            "show_progress": show_progress,
            "no_approved_update": _("No approved update yet"),
            "progress": translation_progress(content),
            "can_manage": can_manage,
            "states": translation_state.count_states(content, marks) if marks else None,
            "translation_marks": marks,
            "action_path_prefix": _action_path_prefix(),
            "not_given": _("Not given"),
            "check_timescale": _("Check timescale"),
        },
    )


def _attach_progress(request: HttpRequest, strategy: Strategy, actions: Sequence[Action]) -> None:
    """Give each action its latest approved progress (`action.progress`, None without one), in
    a fixed number of queries however many actions the page lists."""
    found = progress_summary.summaries(request.user, strategy, actions) if actions else {}
    for action in actions:
        action.progress = found.get(action.pk)  # type: ignore[attr-defined]


def _action_path_prefix() -> str:
    """ "/strategies/actions/" in the reader's language: one reverse() for the page, not one per
    action (the plan page lists hundreds; each action's address is this prefix, its id and "/").
    """
    probe = 1
    path = reverse("plans:action", kwargs={"pk": probe})
    suffix = f"/{probe}/"
    if not path.endswith(suffix):
        raise ValueError(f"plans:action no longer ends with its id: {path}")
    return path[: -len(suffix) + 1]


def action_list(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = selectors.get_strategy_for_user(request.user, slug)
    show_progress = progress_summary.visible(request.user, strategy)
    form = ActionFilterForm(
        request.GET or None,
        strategy=strategy,
        rag_choices=progress_summary.rag_choices(strategy) if show_progress else None,
    )
    filters = selectors.ActionFilters()
    wanted = {"rag": "", "status": ""}
    if form.is_bound and form.is_valid():
        wanted = {key: form.cleaned_data.pop(key, "") or "" for key in wanted}
        filters = selectors.ActionFilters(**form.cleaned_data)
    actions = selectors.filter_actions(strategy, filters)
    if show_progress and any(wanted.values()):
        actions = actions.filter(pk__in=progress_summary.matching(request.user, strategy, **wanted))
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    _attach_progress(request, strategy, list(page.object_list) if show_progress else [])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/action_list.html",
        {
            "strategy": strategy,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "show_progress": show_progress,
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    strategy = action.commitment.theme.strategy
    # describe() reads each entry's content type: fetch them with the entries, not one by one.
    history = [describe(entry) for entry in history_for(action).select_related("content_type")]
    can_edit = permissions.can_edit_action(request.user, action, strategy.partnership_id)
    # Editors see Welsh written for English that has changed since (one query).
    marks = translation_state.marks_for([action, action.commitment]) if can_edit else None
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "strategy": strategy,
            "history": history,
            "can_edit": can_edit,
            "can_manage": permissions.can_manage_plans(request.user, strategy.partnership_id),
            "translation_marks": marks,
            "progress": progress_summary.summaries(request.user, strategy, [action]).get(action.pk),
        },
    )
