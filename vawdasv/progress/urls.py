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
    path("rounds/<int:pk>/deadline/", rounds.round_deadline, name="round-deadline"),
    path("rounds/<int:pk>/actions/<int:action_pk>/", updates.update_edit, name="update"),
    path("updates/<int:pk>/review/", updates.review, name="review"),
    path("reviews/", rounds.review_queue, name="review-queue"),
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
    path(
        "strategies/<slug:slug>/updates/download/",
        exports.request_updates_download,
        name="updates-download",
    ),
]

# Saving a lead officer's draft in the background while they write (views/autosave.py).
from vawdasv.progress.views import autosave  # noqa: E402

urlpatterns += [
    path(
        "rounds/<int:pk>/actions/<int:action_pk>/autosave/",
        autosave.autosave,
        name="update-autosave",
    ),
]

# Progress reports made in the background, with a page that says when the file is ready
# (views/report.py, report/jobs.py).
urlpatterns += [
    path("<slug:slug>/report/jobs/", report.report_job_create, name="report-job-create"),
    path("<slug:slug>/report/jobs/<int:pk>/", report.report_job, name="report-job"),
    path(
        "<slug:slug>/report/jobs/<int:pk>/status/",
        report.report_job_status,
        name="report-job-status",
    ),
    path("<slug:slug>/report/jobs/<int:pk>/file/", report.report_job_file, name="report-job-file"),
]

# Reports issued to the board: frozen files, listed and downloadable (report/issuing.py).
urlpatterns += [
    path("<slug:slug>/report/issue/", report.report_issue, name="report-issue"),
    path(
        "<slug:slug>/report/issued/<int:pk>/",
        report.report_issued_file,
        name="report-issued-file",
    ),
    path(
        "<slug:slug>/report/issued/<int:pk>/public/",
        report.report_issued_public,
        name="report-issued-public",
    ),
    path("public/issued/<int:pk>/", report.public_issued_file, name="public-issued-file"),
]

# The report's written content, edited by the regional team (views/report_text.py).
from vawdasv.progress.views import report_text  # noqa: E402

urlpatterns += [
    path("<slug:slug>/report/text/", report_text.report_text_edit, name="report-text"),
]

# Evidence of achievement on updates: add a link or a file, remove, download (views/evidence.py).
from vawdasv.progress.views import evidence  # noqa: E402

urlpatterns += [
    path(
        "rounds/<int:pk>/actions/<int:action_pk>/evidence/link/",
        evidence.evidence_link_add,
        name="evidence-link",
    ),
    path(
        "rounds/<int:pk>/actions/<int:action_pk>/evidence/file/",
        evidence.evidence_file_add,
        name="evidence-file",
    ),
    path("evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence-remove"),
    path("evidence/<int:pk>/download/", evidence.evidence_download, name="evidence-download"),
]

# The partnership's own names for Red, Amber and Green (views/rag_labels.py; helper "labels").
from vawdasv.progress.views import rag_labels  # noqa: E402

urlpatterns += [
    path("strategies/<slug:slug>/rag-labels/", rag_labels.rag_labels, name="rag-labels"),
    path(
        "strategies/<slug:slug>/rag-labels/reset/",
        rag_labels.rag_labels_reset,
        name="rag-labels-reset",
    ),
]

# The translation workflow: state, the translator's .xlsx, upload → preview → confirm
# (views/translation.py, translation/).
from vawdasv.progress.views import translation  # noqa: E402

urlpatterns += [
    path("<slug:slug>/translation/", translation.translation_page, name="translation"),
    path(
        "<slug:slug>/translation/export.xlsx",
        translation.translation_export,
        name="translation-export",
    ),
    path(
        "<slug:slug>/translation/import/", translation.translation_import, name="translation-import"
    ),
    path(
        "<slug:slug>/translation/confirm/",
        translation.translation_confirm,
        name="translation-confirm",
    ),
]
