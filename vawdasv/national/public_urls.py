from django.urls import path

from vawdasv.national import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("privacy/", public_views.privacy, name="privacy"),
    path("<slug:slug>/", public_views.partnership, name="partnership"),
    path("<slug:slug>/progress.<str:extension>", public_views.open_data, name="open-data"),
]
