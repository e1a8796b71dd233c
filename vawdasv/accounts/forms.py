from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm, GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
        "inactive": _("This account is inactive. Ask your regional team to restore it."),
    }


class DateInput(forms.DateInput):
    input_type = "date"


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, so you can tell your tokens apart."),
    )
    expires_on = forms.DateField(
        label=_("Expires on (optional)"),
        required=False,
        widget=DateInput(attrs={"class": "govuk-input--width-10"}),
        help_text=_("The token stops working after this day. Leave blank for no expiry."),
    )

    writes_progress = forms.BooleanField(
        label=_("Also allow this token to save and submit your progress updates"),
        required=False,
        help_text=_(
            "Only for a system that sends your updates for you. It can do no more than you can."
        ),
    )

    def clean_expires_on(self) -> datetime.date | None:
        expires_on: datetime.date | None = self.cleaned_data.get("expires_on")
        if expires_on is not None and expires_on <= timezone.localdate():
            raise forms.ValidationError(_("The expiry date must be in the future."))
        return expires_on
