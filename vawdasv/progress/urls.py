"""Progress pages, under /progress/ (and /cy/progress/)."""

from django.urls import path

from vawdasv.progress.views import rounds, updates

app_name = "progress"
urlpatterns = [
    path("", updates.my_actions, name="my-actions"),
    path("strategies/<slug:slug>/", rounds.round_list, name="rounds"),
    path("strategies/<slug:slug>/open/", rounds.round_open, name="round-open"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round-close"),
    path("rounds/<int:pk>/reopen/", rounds.round_reopen, name="round-reopen"),
    path("rounds/<int:pk>/actions/<int:action_pk>/", updates.update_edit, name="update"),
    path("updates/<int:pk>/review/", updates.review, name="review"),
]
