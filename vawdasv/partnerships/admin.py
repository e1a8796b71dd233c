"""Platform administrators set up partnerships, organisations and who holds which role."""

from django.contrib import admin

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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "short_name", "organisation_type"]
    list_filter = ["organisation_type"]
    search_fields = ["name_en", "name_cy", "short_name"]
    prepopulated_fields = {"slug": ["name_en"]}
