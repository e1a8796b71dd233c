"""The alias list page: how the partnership's plans write its organisations' names.

Only the partnership's administrators (and superusers) see these pages; anyone else who can
see the partnership gets 403, anyone who cannot gets 404 so its existence is not leaked.
Forms validate the input; `partnerships.aliases` writes and audits.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from vawdasv.core.form_errors import add_validation_errors
from vawdasv.core.forms import GovukForm
from vawdasv.partnerships import aliases as alias_services
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Organisation, OrganisationAlias, Partnership


class OrganisationChoiceField(forms.ModelChoiceField):
    """Member organisations by name in the reader's language, with the short name if any."""

    def label_from_instance(self, obj: Organisation) -> str:
        name = (obj.name_cy if get_language() == "cy" else "") or obj.name_en
        return f"{name} ({obj.short_name})" if obj.short_name else name


class AliasForm(GovukForm):
    alias = forms.CharField(
        label=gettext_lazy("Name as written in plans"),
        help_text=gettext_lazy("For example SWP, VoG or HSG team."),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the name as plans write it, such as SWP")},
    )
    organisation = OrganisationChoiceField(
        label=gettext_lazy("Organisation it stands for"),
        queryset=Organisation.objects.none(),
        empty_label=gettext_lazy("Select an organisation"),
        error_messages={
            "required": gettext_lazy("Select the organisation the name stands for"),
            "invalid_choice": gettext_lazy("Select one of the partnership’s member organisations"),
        },
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = partnership.organisations.order_by("name_en")
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ConfirmAliasDeleteForm(GovukForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, remove this name from the alias list"),
        error_messages={"required": gettext_lazy("Tick the box to confirm you want to remove it")},
    )


def _partnership_for_admin(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(permissions.visible_partnerships(request.user), slug=slug)
    if permissions.admin_page_refusal(request.user, partnership.pk) is not None:
        raise PermissionDenied  # the partnership is visible, so refusing leaks nothing
    return partnership


@login_required
def alias_list(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership_for_admin(request, slug)
    return render(
        request,
        "partnerships/aliases.html",
        {"partnership": partnership, "aliases": alias_services.aliases_of(partnership)},
    )


@login_required
def alias_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership_for_admin(request, slug)
    form = AliasForm(request.POST if request.method == "POST" else None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            entry = alias_services.add_alias(
                actor=request.user,
                partnership=partnership,
                alias=form.cleaned_data["alias"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(alias)s” now stands for %(organisation)s")
                % {"alias": entry.alias, "organisation": entry.organisation.name_en},
            )
            return redirect("partnerships:aliases", slug=partnership.slug)
    return render(
        request,
        "partnerships/aliases_form.html",
        {"partnership": partnership, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def alias_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _partnership_for_admin(request, slug)
    entry = get_object_or_404(
        OrganisationAlias.objects.select_related("organisation"), pk=pk, partnership=partnership
    )
    form = ConfirmAliasDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        alias_services.delete_alias(actor=request.user, alias_entry=entry)
        messages.success(request, _("“%(alias)s” was removed") % {"alias": entry.alias})
        return redirect("partnerships:aliases", slug=partnership.slug)
    return render(
        request,
        "partnerships/aliases_confirm_delete.html",
        {"partnership": partnership, "entry": entry, "form": form},
        status=400 if form.errors else 200,
    )
