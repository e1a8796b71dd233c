from django.urls import path

from vawdasv.accounts import sso, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("sign-in/problem/", sso.problem, name="sso-problem"),
    path("profile/", views.profile, name="profile"),
    path("profile/api-tokens/", views.api_tokens, name="api-tokens"),
    path("profile/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
]
