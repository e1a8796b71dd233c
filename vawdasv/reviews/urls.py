from django.urls import path

from vawdasv.reviews.views import browse, panel, thematic, work

app_name = "reviews"
urlpatterns = [
    path("", browse.review_list, name="list"),
    path("recommendations/", browse.dashboard, name="dashboard"),
    path("codebook/", browse.codebook, name="codebook"),
    path("codebook/new/", work.theme_edit, name="theme-add"),
    path("codebook/<slug:code>/edit/", work.theme_edit, name="theme-edit"),
    path("new/<slug:slug>/", work.review_create, name="create"),
    path("<int:pk>/", browse.review_detail, name="detail"),
    path("<int:pk>/edit/", work.review_edit, name="edit"),
    path("<int:pk>/upload/", work.upload, name="upload"),
    path("<int:pk>/code/", work.code, name="code"),
    path("<int:pk>/recommendations/new/", work.recommendation_add, name="recommendation-add"),
    path("files/<int:pk>/", browse.review_file, name="file"),
    path("codings/<int:pk>/decide/", work.decide, name="decide"),
    path("passages/<int:pk>/code/", work.add_code, name="add-code"),
    path("recommendations/<int:pk>/", work.recommendation_detail, name="recommendation"),
    path("thematic/<slug:slug>/", thematic.request_report, name="thematic"),
    path("dissemination/<slug:slug>/new/", work.dissemination_add, name="dissemination-add"),
    path("panel/<slug:slug>/", panel.panel, name="panel"),
    path("panel/<slug:slug>/<int:pk>/remove/", panel.panel_remove, name="panel-remove"),
    path("thematic/jobs/<int:pk>/", thematic.job_page, name="thematic-job"),
    path("thematic/jobs/<int:pk>/file/", thematic.job_file, name="thematic-file"),
]
