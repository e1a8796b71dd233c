"""Progress pages, under /progress/ (and /cy/progress/)."""

from django.urls import path

from vawdasv.progress.views import report, rounds, updates

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
    path("<slug:slug>/report/", report.report_page, name="report"),
    path(
        "<slug:slug>/report/download/<str:format_name>/",
        report.report_download,
        name="report-download",
    ),
]

# The plan dashboard and the downloads of every update (views/dashboard.py, views/exports.py).
from vawdasv.progress.views import dashboard, exports  # noqa: E402

urlpatterns += [
    path("strategies/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path(
        "strategies/<slug:slug>/updates.<str:extension>",
        exports.updates_export,
        name="updates-export",
    ),
]
