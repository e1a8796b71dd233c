from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from vawdasv.api import views

urlpatterns = [
    path("", views.api_docs, name="api-docs"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
