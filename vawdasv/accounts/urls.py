from django.urls import path

from vawdasv.accounts import (
    sso,
    views,
    views_notifications,
    views_password,
    views_profile,
    views_two_factor,
)

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("sign-in/problem/", sso.problem, name="sso-problem"),
    path("profile/", views.profile, name="profile"),
    path(
        "profile/notifications/",
        views_notifications.preferences,
        name="notification-preferences",
    ),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", views_notifications.mark_read, name="notification-read"),
    path("notifications/read/", views_notifications.mark_all_read, name="notifications-read"),
    path("profile/api-tokens/", views.api_tokens, name="api-tokens"),
    path("profile/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
]

# Forgotten passwords (Django's views, GOV.UK templates) and changing one's own details.
urlpatterns += [
    path("password-reset/", views_password.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/",
        views_password.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views_password.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views_password.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("profile/details/", views_profile.edit_details, name="edit-details"),
    path("profile/password/", views_profile.PasswordChangeView.as_view(), name="password-change"),
]

# Two-factor authentication (ADR 0019).
urlpatterns += [
    path("two-factor/", views_two_factor.manage, name="two-factor"),
    path("two-factor/set-up/", views_two_factor.setup, name="two-factor-setup"),
    path("two-factor/verify/", views_two_factor.verify, name="two-factor-verify"),
    path(
        "two-factor/recovery-codes/",
        views_two_factor.recovery_codes,
        name="two-factor-recovery-codes",
    ),
    path("two-factor/turn-off/", views_two_factor.turn_off, name="two-factor-off"),
]
