""" "You said, we did": the register (members read, the regional team writes) and the public
page, which shows only items with consent to publish and a published response."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vawdasv.core.form_errors import add_validation_errors
from vawdasv.governance import public, services
from vawdasv.governance.forms import VoiceItemForm
from vawdasv.governance.models import VoiceItem
from vawdasv.governance.views import _partnership
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
        initial |= {"actions": item.actions.all(), "decisions": item.decisions.all()}
    form = VoiceItemForm(request.POST or None, partnership=partnership, initial=initial)
    findings: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.save_voice_item(
                actor=request.user, partnership=partnership, data=form.item_data(),
                actions=form.cleaned_data["actions"], decisions=form.cleaned_data["decisions"],
                item=item, confirmed_anonymous=form.cleaned_data["confirm_anonymous"],
            )  # fmt: skip
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
        {"partnership": partnership, "form": form, "findings": findings, "item": item},
        status=400 if form.errors else 200,
    )
