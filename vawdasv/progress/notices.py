"""What the round tells people (accounts.notifications): a lead officer when their update is
returned or approved, the partnership's administrators when an update is submitted."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from vawdasv.accounts import notifications
from vawdasv.accounts.models import User
from vawdasv.partnerships import permissions
from vawdasv.progress.models import ProgressUpdate

SUBMITTED = notifications.register(
    notifications.Kind(
        "progress.update_submitted",
        _("%(person)s submitted an update on action %(action)s for %(period)s, to review"),
        can_wait=True,
    )
)
RETURNED = notifications.register(
    notifications.Kind(
        "progress.update_returned",
        _("Your update on action %(action)s for %(period)s was returned: %(comment)s"),
    )
)
APPROVED = notifications.register(
    notifications.Kind(
        "progress.update_approved",
        _("Your update on action %(action)s for %(period)s was approved"),
    )
)

APPROVED_WITH_COMMENT = notifications.register(
    notifications.Kind(
        "progress.update_approved_with_comment",
        _("Your update on action %(action)s for %(period)s was approved: %(comment)s"),
    )
)


def _action(update: ProgressUpdate) -> dict[str, str]:
    """The action as "ref wording" in both languages (shortened: the link shows the rest)."""
    action = update.action
    named = {}
    for language in ("en", "cy"):
        wording = getattr(action, f"text_{language}") or action.text_en or action.text_cy
        named[language] = " ".join(
            part for part in (action.ref, Truncator(wording).chars(120)) if part
        )
    return named


def _english(name: str, **kwargs: Any) -> str:
    """Links are stored as the English address; each reader gets theirs (notifications.href)."""
    with translation.override("en"):
        return reverse(name, **kwargs)


def _params(update: ProgressUpdate) -> dict[str, Any]:
    return {"action": _action(update), "period": update.progress_round.period_label}


def update_submitted(actor: Any, update: ProgressUpdate) -> None:
    partnership = update.progress_round.strategy.partnership
    notifications.notify(
        actor=actor,
        recipients=User.objects.filter(permissions.submission_recipients(partnership.pk))
        .distinct()
        .order_by("pk"),
        kind=SUBMITTED,
        params={**_params(update), "person": getattr(actor, "display_name", str(actor))},
        link=_english("progress:review", kwargs={"pk": update.pk}),
        partnership=partnership,
    )


def _to_writer(actor: Any, update: ProgressUpdate, kind: notifications.Kind, **extra: str) -> None:
    writer = update.updated_by
    if writer is None:
        return
    notifications.notify(
        actor=actor,
        recipients=[writer],
        kind=kind,
        params={**_params(update), **extra},
        link=_english(
            "progress:update",
            kwargs={"pk": update.progress_round_id, "action_pk": update.action_id},
        ),
        partnership=update.progress_round.strategy.partnership,
    )


def update_returned(actor: Any, update: ProgressUpdate) -> None:
    _to_writer(actor, update, RETURNED, comment=update.review_comment)


def update_approved(actor: Any, update: ProgressUpdate) -> None:
    if update.review_comment.strip():
        _to_writer(actor, update, APPROVED_WITH_COMMENT, comment=update.review_comment.strip())
    else:
        _to_writer(actor, update, APPROVED)
