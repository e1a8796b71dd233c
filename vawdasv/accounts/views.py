"""Signing in and out, and the personal page with the API token."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.accounts import services
from vawdasv.accounts.forms import SignInForm
from vawdasv.accounts.models import User
from vawdasv.core.landing import landing_url
from vawdasv.partnerships.models import Membership


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """With no page to return to, each person lands where their work is."""
        return landing_url(self.request.user)


class SignOutView(auth_views.LogoutView):
    pass


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    memberships = Membership.objects.filter(user=user).select_related("partnership")
    new_token = request.session.pop("new_api_token", None)
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "new_token": new_token,
            "has_token": services.has_api_token(request.user),
        },
    )


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    request.session["new_api_token"] = services.replace_api_token(request.user)
    messages.success(request, _("Your new API token is shown below. Copy it now."))
    return redirect("accounts:profile")


@login_required
@require_POST
def revoke_token(request: HttpRequest) -> HttpResponse:
    services.revoke_api_token(request.user)
    messages.success(request, _("Your API token has been revoked."))
    return redirect("accounts:profile")
