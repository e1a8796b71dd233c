"""Forgotten passwords: Django's reset views, GOV.UK-styled, rate limited, in both languages.

Django's views already never say whether an address has an account (the same "check your
email" page follows every request). We add a limit per address and per network address, and
send the email in the person's own preferred language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.core.forms import GovukFormMixin
from vawdasv.lib.bilingual import LANGUAGE_CODES

RESETS_PER_HOUR = 5


def _count(key: str) -> int:
    """Add one to an hourly counter and return it (the cache forgets it after an hour)."""
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return 1


class ResetRequestForm(GovukFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter your email address"),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.org"
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        language = getattr(context.get("user"), "preferred_language", "en")
        with translation.override(language if language in LANGUAGE_CODES else "en"):
            super().send_mail(
                subject_template_name, email_template_name, context, from_email, to_email,
                html_email_template_name,
            )  # fmt: skip


class NewPasswordForm(GovukFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        address = self.request.META.get("REMOTE_ADDR", "")
        email = form.cleaned_data["email"].lower()
        too_many = (
            _count(f"password-reset:ip:{address}") > RESETS_PER_HOUR * 4
            or _count(f"password-reset:email:{email}") > RESETS_PER_HOUR
        )
        if too_many:
            form.add_error(None, _("Too many requests to reset a password. Try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
