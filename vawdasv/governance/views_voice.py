""" "You said, we did": the register (members read, the regional team writes) and the public
page, which shows only items with consent to publish and a published response."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.form_errors import add_validation_errors
from vawdasv.governance import public, services
from vawdasv.governance.forms import VoiceItemForm
from vawdasv.governance.models import VoiceItem
from vawdasv.governance.views import _partnership
from vawdasv.governance.views_edit import STALE_MESSAGE, conflict_rows, delete_page
from vawdasv.partnerships import permissions


def public_page(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(permissions.visible_partnerships(request.user), slug=slug)
    items = public.published_voice(partnership.pk).order_by("-heard_on", "-pk")
    return render(
        request, "governance/voice_public.html", {"partnership": partnership, "items": items}
    )


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    return render(
        request,
        "governance/voice_register.html",
        {
            "partnership": partnership,
            "items": VoiceItem.objects.filter(partnership=partnership),
            "can_manage": permissions.can_manage_governance(request.user, partnership.pk),
        },
    )


@login_required
def edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    partnership = _partnership(request, slug, manage=True)
    item = get_object_or_404(VoiceItem, pk=pk, partnership=partnership) if pk else None
    initial = {}
    if item is not None:
        initial = {name: getattr(item, name) for name in services.VOICE_FIELDS}
        initial |= {"actions": item.actions.all(), "decisions": item.decisions.all(),
                    "version": item.version}  # fmt: skip
    form = VoiceItemForm(request.POST or None, partnership=partnership, initial=initial)
    findings: list[Any] = []
    conflict: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.save_voice_item(
                actor=request.user, partnership=partnership, data=form.item_data(),
                actions=form.cleaned_data["actions"], decisions=form.cleaned_data["decisions"],
                item=item, confirmed_anonymous=form.cleaned_data["confirm_anonymous"],
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
        except ConcurrentEditError as stale:
            conflict = conflict_rows(stale.current, form.item_data(), services.VOICE_FIELDS)
            posted = form.data.copy()
            posted["version"] = str(stale.current.version)  # type: ignore[attr-defined]
            form.data = posted
            form.add_error(None, str(STALE_MESSAGE))
        except services.PossiblyIdentifying as warning:
            findings = warning.findings
            form.add_error("confirm_anonymous", warning.messages)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Saved"))
            return redirect("governance:voice-register", slug=partnership.slug)
    return render(
        request,
        "governance/voice_form.html",
        {
            "partnership": partnership,
            "form": form,
            "findings": findings,
            "item": item,
            "conflict": conflict,
        },
        status=400 if form.errors else 200,
    )


@login_required
def remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _partnership(request, slug, manage=True)
    item = get_object_or_404(VoiceItem, pk=pk, partnership=partnership)
    register_url = reverse("governance:voice-register", args=[partnership.slug])
    return delete_page(
        request,
        delete=lambda version: services.delete_voice_item(
            actor=request.user, item=item, expected_version=version
        ),
        version=item.version, title=_("Remove this item from the register?"),
        caption=partnership.text("name").text,
        warning=_("It will also leave the public “You said, we did” page if it is published."),
        button=_("Remove the item"), cancel=register_url, done=register_url,
        message=_("Item removed from the register"),
    )  # fmt: skip
