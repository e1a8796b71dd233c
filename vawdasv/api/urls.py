from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from vawdasv.api import reviews, views, viewsets

router = SimpleRouter()
router.register("partnerships", viewsets.PartnershipViewSet, basename="partnership")
router.register("organisations", viewsets.OrganisationViewSet, basename="organisation")
router.register("strategies", viewsets.StrategyViewSet, basename="strategy")
router.register("themes", viewsets.ThemeViewSet, basename="theme")
router.register("commitments", viewsets.CommitmentViewSet, basename="commitment")
router.register("actions", viewsets.ActionViewSet, basename="action")
router.register("reviews", reviews.ReviewViewSet, basename="review")
router.register("review-themes", reviews.CodebookThemeViewSet, basename="review-theme")

urlpatterns = [
    path("", views.api_docs, name="api-docs"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/", include((router.urls, "api"), namespace="api-v1")),
]
