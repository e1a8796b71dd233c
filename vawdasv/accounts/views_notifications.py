"""A person's notifications: the full list, marking them read, and choosing when the emails
come."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from vawdasv.accounts import notifications
from vawdasv.accounts.models import Notification, NotificationEmails, User
from vawdasv.core.form_errors import posted
from vawdasv.core.forms import GovukForm
from vawdasv.partnerships import permissions


class EmailChoiceForm(GovukForm):
    notification_emails = forms.ChoiceField(
        label=gettext_lazy("When should we email you about updates submitted for review?"),
        choices=NotificationEmails.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Returned and approved updates are always emailed straight away. Everything is also "
            "listed on your home page."
        ),
    )


def _person(request: HttpRequest) -> User:
    """The signed-in person as stored (the request's lazy wrapper is not a model to audit)."""
    pk = request.user.pk
    assert pk is not None  # login_required
    return User.objects.get(pk=pk)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    form = EmailChoiceForm(
        posted(request), initial={"notification_emails": user.notification_emails}
    )
    if request.method == "POST" and form.is_valid():
        notifications.choose_emails(
            actor=user, user=user, choice=form.cleaned_data["notification_emails"]
        )
        messages.success(request, _("Your notification emails have been saved"))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/notification_preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page the button was on (the home page or a page of the list), never off
    the site."""
    to = request.POST.get("next", "")
    if to and url_has_allowed_host_and_scheme(
        to, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(to)
    return redirect("core:home")


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """All of the person's own notifications, newest first, a page at a time."""
    page, rows = notifications.page_of(request.user, request.GET.get("page"))
    return render(
        request,
        "accounts/notification_list.html",
        {
            "page": page,
            "notifications": rows,
            "unread_notifications": notifications.unread_count(request.user),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk)
    if not permissions.can_mark_notification_read(request.user, notification):
        raise Http404  # someone else's notification: not even its existence is told
    notifications.mark_read(actor=_person(request), notification=notification)
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def mark_all_read(request: HttpRequest) -> HttpResponse:
    """Marking everything read cannot be undone (there is no "mark as unread"), so the buttons
    lead to this page, which asks first; the POST marks them."""
    if request.method == "POST":
        notifications.mark_all_read(actor=_person(request))
        messages.success(request, _("All your notifications are marked as read"))
        return redirect("core:home")
    return render(
        request,
        "accounts/notifications_mark_all_read.html",
        {"unread_notifications": notifications.unread_count(request.user)},
    )
