"""Forms of the people and organisations pages (validation only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Organisation, Partnership

LANGUAGE_CHOICES = [("en", "English"), ("cy", "Cymraeg")]


class InviteForm(GovukForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter an email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Choose an organisation"),
            "invalid_choice": _("Choose one of the partnership’s member organisations."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role")},
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation email"),
        choices=LANGUAGE_CHOICES,
        initial="en",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every organisation is offered so that one outside the partnership gets a clear
        # message from the service rather than a silent "not a valid choice".
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.order_by("name_en")  # type: ignore[attr-defined]
        field.choices = [  # type: ignore[attr-defined]
            ("", _("Choose an organisation")),
            *((o.pk, o.name_en) for o in partnership.organisations.order_by("name_en")),
        ]


class RoleForm(GovukForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role")},
    )


class EndMembershipForm(GovukForm):
    confirm = forms.BooleanField(
        label=_("Yes, end this person’s membership"),
        error_messages={"required": _("Tick the box to confirm you want to end the membership")},
    )


class OrganisationSearchForm(GovukForm):
    q = forms.CharField(
        label=_("Search the organisations across Wales"),
        help_text=_("Part of the name in English or Welsh, or its short name such as SWP."),
        required=False,
        max_length=200,
    )


class NewOrganisationForm(GovukForm):
    name_en = forms.CharField(
        label=_("Name (English)"),
        max_length=200,
        error_messages={"required": _("Enter the organisation’s name")},
    )
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200, required=False)
    short_name = forms.CharField(
        label=_("Short name"), max_length=50, required=False, help_text=_("For example SWP.")
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", _("Choose a type")), *OrganisationType.choices],
        error_messages={"required": _("Choose a type of organisation")},
    )


class AcceptInvitationForm(GovukForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 8 characters. Not a common password, not only numbers and not like "
            "your name or email address."
        ),
        error_messages={"required": _("Enter a password")},
    )
    password2 = forms.CharField(
        label=_("Enter the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter the password again")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("password1")
            and data.get("password2")
            and (data["password1"] != data["password2"])
        ):
            self.add_error("password2", _("The two passwords do not match"))
        return data
