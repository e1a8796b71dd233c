from django.urls import path

from vawdasv.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/api-token/", views.create_token, name="create-token"),
    path("profile/api-token/revoke/", views.revoke_token, name="revoke-token"),
]
