"""The pages of two-factor authentication: set up, the second step, and managing it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vawdasv.accounts import two_factor
from vawdasv.core.forms import GovukForm
from vawdasv.partnerships import permissions


class CodeForm(GovukForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": gettext_lazy("Enter the code")},
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with a code from the app."""
    user: Any = request.user
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    form.fields["code"].label = _("Code from your authenticator app")
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(user, device, form.cleaned_data["code"])
        if codes is None:
            form.add_error("code", _("That code is not right. Enter the code your app shows now"))
        else:
            two_factor.verify_device(request, device)
            two_factor.forget_not_needed(request)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next(request)},
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
            "next": _next(request),
            "required": permissions.must_use_two_factor(user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step after the password: a code from the app or a recovery code."""
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", _("That code is not right. Enter the code your app shows now"))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/two_factor_manage.html",
        {
            "enabled": two_factor.has_two_factor(request.user),
            "required": permissions.must_use_two_factor(request.user),
        },
    )


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two-factor-setup")
    codes = two_factor.new_recovery_codes(request.user)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": "/"})


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    if two_factor.remove(request.user):
        two_factor.forget_not_needed(request)
        messages.success(request, _("Two-factor authentication is off"))
    else:
        messages.error(request, _("Your role requires two-factor authentication."))
    return redirect("accounts:two-factor")
