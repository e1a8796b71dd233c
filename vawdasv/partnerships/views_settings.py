"""The partnership's settings page, and reverting a lead officer's direct edit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.core.forms import GovukForm
from vawdasv.partnerships import permissions, services
from vawdasv.partnerships.models import Partnership


class SettingsForm(GovukForm):
    lead_officers_edit_actions = forms.BooleanField(
        required=False,
        label=gettext_lazy("Lead officers may edit their own organisation’s actions directly"),
        help_text=gettext_lazy(
            "When this is off, lead officers propose changes to wording, timescales and status "
            "in a progress update that the regional team approves. When it is on, each direct "
            "edit is emailed to the administrators, listed on their home page and can be "
            "reverted."
        ),
    )
    publish_progress = forms.BooleanField(
        required=False,
        label=gettext_lazy("Publish progress on published plans"),
        help_text=gettext_lazy(
            "When this is on, anyone reading a published plan, signed in or not, sees each "
            "action’s latest approved RAG rating and status and the period it is from. Updates "
            "that are not yet approved are never shown."
        ),
    )
    require_two_factor = forms.BooleanField(
        required=False,
        label=gettext_lazy("Every member must use two-factor authentication"),
        help_text=gettext_lazy(
            "Administrators always must. When this is on, lead officers and board members are "
            "asked to set up an authenticator app the next time they sign in."
        ),
    )


def partnership_for_settings(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(permissions.visible_partnerships(request.user), slug=slug)
    if not permissions.can_change_partnership_settings(request.user, partnership.pk):
        raise PermissionDenied  # the partnership is visible, so refusing leaks nothing
    return partnership


@login_required
def partnership_settings(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_settings(request, slug)
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "lead_officers_edit_actions": partnership.lead_officers_edit_actions,
            "require_two_factor": partnership.require_two_factor,
            "publish_progress": partnership.publish_progress,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_settings(actor=request.user, partnership=partnership, **form.cleaned_data)
        messages.success(request, _("Settings saved"))
        return redirect("partnerships:settings", slug=partnership.slug)
    return render(
        request,
        "partnerships/settings.html",
        {"partnership": partnership, "form": form},
        status=400 if form.errors else 200,
    )
