from django.urls import path

from vawdasv.imports.views import listing, review, revise, upload

app_name = "imports"
urlpatterns = [
    path("new/<slug:partnership_slug>/", upload.upload, name="upload"),
    path("partnership/<slug:partnership_slug>/", listing.import_list, name="list"),
    path("<int:pk>/", review.preview, name="preview"),
    path("<int:pk>/mapping/", review.change_mapping, name="mapping"),
    path("<int:pk>/commit/", review.commit, name="commit"),
    path("<int:pk>/abandon/", review.abandon, name="abandon"),
]

# Updating an existing strategy from a revised plan document.
urlpatterns += [
    path("revise/<slug:strategy_slug>/", revise.revise_upload, name="revise"),
    path("revise/<slug:strategy_slug>/<int:pk>/", revise.revise_preview, name="revise-preview"),
]

# Correcting single actions on the preview (timescale, leads, merge, split).
_ACTION = "<int:pk>/actions/<int:theme>/<int:commitment>/<int:action>"
urlpatterns += [
    path(f"{_ACTION}/correct/", review.correct_action, name="correct-action"),
    path(f"{_ACTION}/undo/", review.undo_correction, name="undo-correction"),
]
