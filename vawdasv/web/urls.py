from django.urls import path

from vawdasv.core import views as shell_views
from vawdasv.web import views

# The namespace stays "core" (templates everywhere link to core:home); the pages moved here
# from core when core became the ground-level shell.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.landing, name="landing"),
    path("needs-attention/", views.attention, name="attention"),
    path("accessibility/", shell_views.accessibility, name="accessibility"),
]
