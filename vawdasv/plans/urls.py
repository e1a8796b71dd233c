from django.urls import path

from vawdasv.plans.views import browse, edit, export

app_name = "plans"
urlpatterns = [
    path("new/<slug:partnership_slug>/", edit.strategy_create, name="strategy-create"),
    path("<slug:slug>/", browse.strategy_detail, name="strategy"),
    path("<slug:slug>/edit/", edit.strategy_edit, name="strategy-edit"),
    path("<slug:slug>/export.<str:extension>", export.download, name="export"),
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
]
