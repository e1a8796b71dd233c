from django.urls import path

from vawdasv.national import views

app_name = "national"
urlpatterns = [
    path("", views.all_wales, name="all-wales"),
    path("<int:item_pk>/<slug:partnership_slug>/", views.drill_down, name="drill-down"),
    path("align/<slug:slug>/", views.align, name="align"),
    path("marks/<int:pk>/", views.marks, name="marks"),
    path("report/", views.national_report, name="report"),
    path("report/<int:pk>/download/", views.national_report_download, name="report-download"),
]
