from django.urls import path

from vawdasv.accounts import views, views_password, views_profile

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/api-token/", views.create_token, name="create-token"),
    path("profile/api-token/revoke/", views.revoke_token, name="revoke-token"),
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
