"""Signing in and out, the personal page, and the page of personal API tokens."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vawdasv.accounts import services
from vawdasv.accounts.forms import ApiTokenForm, SignInForm
from vawdasv.accounts.models import ApiToken, User
from vawdasv.core.form_errors import add_validation_errors, posted


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """With no page to return to, each person lands where their work is (the site's
        landing address decides, as it knows every app)."""
        return reverse("core:landing")


class SignOutView(auth_views.LogoutView):
    pass


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    # Through the reverse relation: accounts sits below partnerships and does not import it.
    memberships = user.memberships.select_related("partnership")
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships, "has_token": services.has_api_token(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The person's own API tokens: create one (shown once) and revoke any."""
    form = ApiTokenForm(posted(request))
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.create_api_token(
                actor=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            # Shown on this response only, never stored and never put in the session.
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": services.active_api_tokens(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:api-tokens")
