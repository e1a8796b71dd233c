from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from vawdasv.accounts import services
from vawdasv.accounts.models import ApiToken, User


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
    # Roles are partnership memberships; Django's groups and permissions are not used, and a
    # grant through them would bypass the audited services.
    readonly_fields = ["groups", "user_permissions", "last_login", "date_joined"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Privilege changes (superuser, staff, active, national observer) go through the
        # audited service rather than a bare save.
        before = services.user_snapshot(User.objects.get(pk=obj.pk)) if change else None
        services.save_user_from_admin(actor=request.user, user=obj, before=before, change=change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are read-only here (their owners make them); a leaked one can be revoked."""

    list_display = [
        "name", "prefix", "user", "created_at", "expires_on", "last_used_at", "revoked_at",
    ]  # fmt: skip
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "name", "prefix"]
    actions = ["revoke"]
    exclude = ["key_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["view"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.revoke_api_token(actor=request.user, token=token)
        messages.success(request, _("The selected tokens have been revoked."))
