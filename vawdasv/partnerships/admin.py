"""Platform administrators set up partnerships, organisations and who holds which role."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vawdasv.audit import services as audit
from vawdasv.partnerships import services
from vawdasv.partnerships.models import Membership, Organisation, Partnership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "region"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["local_authorities", "organisations"]
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        # Roles decide what people may change: grants, changes and removals go through the
        # audited services, never a bare formset save.
        before = {
            membership.pk: audit.snapshot(membership, services.MEMBERSHIP_FIELDS)
            for membership in Membership.objects.filter(partnership=form.instance)
        }
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.delete_membership_from_admin(actor=request.user, membership=membership)
        for membership in memberships:
            services.save_membership_from_admin(
                actor=request.user, membership=membership, before=before.get(membership.pk)
            )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "short_name", "organisation_type"]
    list_filter = ["organisation_type"]
    search_fields = ["name_en", "name_cy", "short_name"]
    prepopulated_fields = {"slug": ["name_en"]}
