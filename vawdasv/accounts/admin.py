from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from vawdasv.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("Partnership work"),
            {"fields": ("organisation", "job_title", "preferred_language", "national_observer")},
        ),
    )
    list_display = ["username", "first_name", "last_name", "organisation", "national_observer"]
    list_filter = ["national_observer", "is_superuser", "organisation"]
