from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from vawdasv.api import national, progress_write, reviews, views, viewsets

router = SimpleRouter()
router.register("partnerships", viewsets.PartnershipViewSet, basename="partnership")
router.register("organisations", viewsets.OrganisationViewSet, basename="organisation")
router.register("strategies", viewsets.StrategyViewSet, basename="strategy")
router.register("themes", viewsets.ThemeViewSet, basename="theme")
router.register("commitments", viewsets.CommitmentViewSet, basename="commitment")
router.register("actions", viewsets.ActionViewSet, basename="action")
router.register("progress-rounds", viewsets.ProgressRoundViewSet, basename="progress-round")
router.register("progress-updates", viewsets.ProgressUpdateViewSet, basename="progress-update")

write_urls = [
    path(
        "rounds/<int:round_id>/actions/<int:action_id>/update/",
        progress_write.SaveDraftView.as_view(),
        name="progress-update-draft",
    ),
    path("national-rollup/", national.RollUpView.as_view(), name="national-rollup"),
    path(
        "rounds/<int:round_id>/actions/<int:action_id>/update/submit/",
        progress_write.SubmitView.as_view(),
        name="progress-update-submit",
    ),
]
router.register("groups", viewsets.GroupViewSet, basename="group")
router.register("meetings", viewsets.MeetingViewSet, basename="meeting")
router.register("published-figures", viewsets.PublishedFigureViewSet, basename="published-figure")
router.register("reviews", reviews.ReviewViewSet, basename="review")
router.register("alignments", national.AlignmentViewSet, basename="alignment")
router.register("national-reports", national.NationalReportViewSet, basename="national-report")
router.register("review-themes", reviews.CodebookThemeViewSet, basename="review-theme")

urlpatterns = [
    path("", views.api_docs, name="api-docs"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/", include(([*router.urls, *write_urls], "api"), namespace="api-v1")),
]
