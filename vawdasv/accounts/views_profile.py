"""A person changes their own name, job title, preferred language and password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vawdasv.accounts import services
from vawdasv.accounts.models import User
from vawdasv.core.forms import GovukFormMixin, GovukModelForm


def _saved_person(request: HttpRequest) -> User:
    """The signed-in person as stored (not the request's lazy wrapper, which audit cannot use)."""
    pk = request.user.pk
    assert pk is not None  # login_required
    return User.objects.get(pk=pk)


class DetailsForm(GovukModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "job_title", "preferred_language")
        widgets = {"preferred_language": forms.RadioSelect}
        labels = {"preferred_language": gettext_lazy("Language for emails and pages")}


@login_required
def edit_details(request: HttpRequest) -> HttpResponse:
    # The form works on a copy: the service compares the person as saved with the new values.
    user = _saved_person(request)
    copy = User.objects.get(pk=user.pk)
    form = DetailsForm(request.POST if request.method == "POST" else None, instance=copy)
    if request.method == "POST" and form.is_valid():
        services.update_details(actor=user, user=user, data=form.cleaned_data)
        messages.success(request, _("Your details have been saved"))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/details_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


class GovukPasswordChangeForm(GovukFormMixin, PasswordChangeForm):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = GovukPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_change(_saved_person(self.request))
        messages.success(self.request, _("Your password has been changed"))
        return response
