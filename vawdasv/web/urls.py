from django.urls import path

from vawdasv.core import views as shell_views
from vawdasv.web import exports, views

# The namespace stays "core" (templates everywhere link to core:home); the pages moved here
# from core when core became the ground-level shell.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("needs-attention/", views.attention, name="attention"),
    path("accessibility/", shell_views.accessibility, name="accessibility"),
    # Downloads made by a worker (ops.exports): the job's page, its status and its file.
    path("downloads/<uuid:token>/", exports.export_job, name="export"),
    path("downloads/<uuid:token>/status/", exports.export_job_status, name="export-status"),
    path("downloads/<uuid:token>/file/", exports.export_job_file, name="export-file"),
]
