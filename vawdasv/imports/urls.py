from django.urls import path

from vawdasv.imports.views import listing, review, upload

app_name = "imports"
urlpatterns = [
    path("new/<slug:partnership_slug>/", upload.upload, name="upload"),
    path("partnership/<slug:partnership_slug>/", listing.import_list, name="list"),
    path("<int:pk>/", review.preview, name="preview"),
    path("<int:pk>/mapping/", review.change_mapping, name="mapping"),
    path("<int:pk>/commit/", review.commit, name="commit"),
    path("<int:pk>/abandon/", review.abandon, name="abandon"),
]
