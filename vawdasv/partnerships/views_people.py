"""The regional team's people and organisations pages, and accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vawdasv.accounts.views import landing_url
from vawdasv.core.form_errors import add_validation_errors, posted
from vawdasv.partnerships import permissions, services
from vawdasv.partnerships.forms_people import (
    AcceptInvitationForm,
    EndMembershipForm,
    InviteForm,
    NewOrganisationForm,
    OrganisationSearchForm,
    RoleForm,
)
from vawdasv.partnerships.models import Invitation, Membership, Organisation, Partnership


def partnership_for_people(request: HttpRequest, slug: str) -> Partnership:
    """The partnership, for its administrators; other members 403, outsiders 404."""
    partnership = get_object_or_404(Partnership, slug=slug)
    refusal = permissions.admin_page_refusal(request.user, partnership.pk)
    if refusal is None:
        return partnership
    if refusal == 403 or permissions.visible_partnerships(request.user).filter(pk=partnership.pk):
        raise PermissionDenied  # the partnership is public anyway: refusing leaks nothing
    raise Http404


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_people(request, slug)
    memberships = (
        Membership.objects.filter(partnership=partnership)
        .select_related("user__organisation")
        .order_by("-active", "user__last_name", "user__first_name", "user__username")
    )
    pending = Invitation.objects.filter(
        partnership=partnership, accepted_at__isnull=True
    ).select_related("organisation")
    return render(
        request,
        "partnerships/people/list.html",
        {"partnership": partnership, "memberships": memberships, "pending": pending},
    )


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = partnership_for_people(request, slug)
    initial = {"organisation": request.GET.get("organisation", "")}
    form = InviteForm(posted(request), partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite_person(
                actor=request.user,
                partnership=partnership,
                email=data["email"],
                role=data["role"],
                organisation=data["organisation"],
                language=data["language"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s") % {"email": invitation.email}
            )
            return redirect("partnerships:people", slug=partnership.slug)
    return render(
        request,
        "partnerships/people/invite.html",
        {"partnership": partnership, "form": form, "invitation_days": settings.INVITATION_DAYS},
        status=400 if form.errors else 200,
    )


@login_required
def membership(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a member's role, or end their membership."""
    partnership = partnership_for_people(request, slug)
    member = get_object_or_404(
        Membership.objects.select_related("user__organisation"), pk=pk, partnership=partnership
    )
    intent = request.POST.get("intent") if request.method == "POST" else None
    role_form = RoleForm(
        request.POST if intent == "role" else None, initial={"role": member.role}, prefix="role"
    )
    end_form = EndMembershipForm(request.POST if intent == "end" else None, prefix="end")
    form = role_form if intent == "role" else end_form
    if intent in ("role", "end") and form.is_valid():
        try:
            if intent == "role":
                services.change_role(
                    actor=request.user, membership=member, role=role_form.cleaned_data["role"]
                )
                messages.success(request, _("Role changed"))
            else:
                services.end_membership(actor=request.user, membership=member)
                messages.success(request, _("Membership ended"))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return redirect("partnerships:people", slug=partnership.slug)
    errors = role_form.errors or end_form.errors
    return render(
        request,
        "partnerships/people/membership.html",
        {
            "partnership": partnership,
            "member": member,
            "role_form": role_form,
            "end_form": end_form,
            "form": form if errors else None,
        },
        status=400 if errors else 200,
    )


@login_required
def organisations(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the organisations across Wales, add one, or create a new one."""
    partnership = partnership_for_people(request, slug)
    search = OrganisationSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    create = NewOrganisationForm(posted(request))
    if request.method == "POST" and create.is_valid():
        try:
            organisation = services.create_member_organisation(
                actor=request.user, partnership=partnership, **create.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(create, error)
        else:
            messages.success(
                request, _("%(name)s added to the partnership") % {"name": organisation.name_en}
            )
            return redirect("partnerships:organisations", slug=partnership.slug)
    members = set(partnership.organisations.values_list("pk", flat=True))
    return render(
        request,
        "partnerships/people/organisations.html",
        {
            "partnership": partnership,
            "search": search,
            "query": query,
            "results": services.search_organisations(query),
            "members": members,
            "member_organisations": partnership.organisations.order_by("name_en"),
            "form": create,
        },
        status=400 if create.errors else 200,
    )


@login_required
@require_POST
def organisation_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = partnership_for_people(request, slug)
    organisation = get_object_or_404(Organisation, pk=pk)
    services.add_member_organisations(
        actor=request.user, partnership=partnership, organisations=[organisation]
    )
    messages.success(
        request, _("%(name)s added to the partnership") % {"name": organisation.name_en}
    )
    return redirect("partnerships:organisations", slug=partnership.slug)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Set a password from an invitation link; a used or expired link says so."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationProblem as problem:
        return render(
            request,
            "partnerships/people/invitation_problem.html",
            {"reason": problem.reason, "token": token},
            status=410 if problem.reason != "unknown" else 404,
        )
    form = AcceptInvitationForm(
        posted(request),
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token=token,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except ValidationError as error:
            form.add_error("password1", error)
        except services.InvitationProblem:
            return redirect(request.path)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect(landing_url(user))
    return render(
        request,
        "partnerships/people/accept.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def renew_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.renew_invitation(token=token, site_url=request.build_absolute_uri("/"))
    except (ValidationError, services.InvitationProblem) as error:
        message = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else _("This link cannot be renewed.")
        )
        return render(
            request,
            "partnerships/people/invitation_problem.html",
            {"reason": "not_renewed", "message": message, "token": token},
            status=400,
        )
    return render(request, "partnerships/people/invitation_problem.html", {"reason": "renewed"})
