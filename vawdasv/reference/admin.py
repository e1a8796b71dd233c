"""Platform administrators maintain reference data here, e.g. add an alignment framework."""

from django.contrib import admin

from vawdasv.reference.models import Framework, FrameworkItem, LocalAuthority, Region


class FrameworkItemInline(admin.TabularInline):
    model = FrameworkItem
    extra = 1
    fields = ["code", "title_en", "title_cy", "order", "source"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "order"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [FrameworkItemInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "gss_code", "population_2021", "region"]
    list_filter = ["region"]
