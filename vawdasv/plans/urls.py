from django.urls import path

from vawdasv.plans.views import browse, edit, export, people

app_name = "plans"
urlpatterns = [
    path("new/<slug:partnership_slug>/", edit.strategy_create, name="strategy-create"),
    path("<slug:slug>/", browse.strategy_detail, name="strategy"),
    path("<slug:slug>/edit/", edit.strategy_edit, name="strategy-edit"),
    path("<slug:slug>/export.<str:extension>", export.download, name="export"),
    path("<slug:slug>/download/", export.request_download, name="download"),
    path("<slug:slug>/actions/", browse.action_list, name="actions"),
    path("<slug:slug>/themes/new/", edit.theme_create, name="theme-create"),
    path("themes/<int:pk>/edit/", edit.theme_edit, name="theme-edit"),
    path(
        "themes/<int:theme_pk>/commitments/new/", edit.commitment_create, name="commitment-create"
    ),
    path("commitments/<int:pk>/edit/", edit.commitment_edit, name="commitment-edit"),
    path("commitments/<int:commitment_pk>/actions/new/", edit.action_create, name="action-create"),
    path("actions/<int:pk>/", browse.action_detail, name="action"),
    path("actions/<int:pk>/edit/", edit.action_edit, name="action-edit"),
    path("<str:kind>/<int:pk>/delete/", edit.delete, name="delete"),
    # Who does the plan's work: lead organisations nobody can update for; direct edits undone.
    path(
        "partnership/<slug:slug>/without-lead-officer/",
        people.without_lead_officer,
        name="without-lead-officer",
    ),
    path("direct-edits/<int:pk>/revert/", people.revert_direct_edit, name="revert-direct-edit"),
]
