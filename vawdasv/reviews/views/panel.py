"""The safeguarding learning panel of a partnership: its administrators put people of the
partnership on it and take them off (after a confirmation); the panel reads every review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vawdasv.core.form_errors import add_validation_errors, posted
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.reviews import services
from vawdasv.reviews.forms import PanelSeatForm
from vawdasv.reviews.models import LearningPanelMember


def _seating(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not permissions.can_seat_learning_panel(request.user, partnership.pk):
        raise PermissionDenied
    return partnership


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _seating(request, slug)
    seats = (
        LearningPanelMember.objects.filter(partnership=partnership)
        .select_related("user__organisation")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    people = (
        get_user_model()
        .objects.filter(memberships__partnership=partnership, memberships__active=True)
        .exclude(learning_panels__partnership=partnership)
        .select_related("organisation")
        .order_by("first_name", "last_name", "username")
    )
    form = PanelSeatForm(posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        try:
            services.seat_panel_member(actor=request.user, partnership=partnership, user=person)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is on the learning panel") % {"name": person.display_name}
            )
            return redirect("reviews:panel", slug=partnership.slug)
    return render(
        request, "reviews/panel.html",
        {"partnership": partnership, "seats": seats, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def panel_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _seating(request, slug)
    seat = get_object_or_404(
        LearningPanelMember.objects.select_related("user", "partnership"),
        pk=pk,
        partnership=partnership,
    )
    if request.method == "POST":
        services.unseat_panel_member(actor=request.user, seat=seat)
        messages.success(
            request,
            _("%(name)s is no longer on the learning panel") % {"name": seat.user.display_name},
        )
        return redirect("reviews:panel", slug=partnership.slug)
    return render(
        request, "reviews/panel_confirm_remove.html", {"partnership": partnership, "seat": seat}
    )
