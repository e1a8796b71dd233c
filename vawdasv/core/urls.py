from django.urls import path

from vawdasv.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("needs-attention/", views.attention, name="attention"),
]
