"""Outcomes pages, under /outcomes/ (and /cy/outcomes/)."""

from django.urls import path

from vawdasv.outcomes.views import dashboards, framework, pages, removal

app_name = "outcomes"
urlpatterns = [
    # Before the partnership's pages: "all-wales" would otherwise read as a partnership's slug.
    path("all-wales/", dashboards.all_wales, name="all-wales"),
    path("<slug:slug>/", pages.framework, name="framework"),
    path("<slug:slug>/measures/add/", framework.measure_edit, name="measure-add"),
    path("<slug:slug>/measures/<int:pk>/", framework.measure_edit, name="measure-edit"),
    path("<slug:slug>/rules/add/", framework.rule_add, name="rule-add"),
    path("<slug:slug>/rules/<int:pk>/remove/", removal.rule_remove, name="rule-remove"),
    path("<slug:slug>/marac-areas/add/", framework.marac_area_add, name="marac-area-add"),
    path("<slug:slug>/marac-areas/<int:pk>/", framework.marac_area_edit, name="marac-area-edit"),
    path(
        "<slug:slug>/marac-areas/<int:pk>/remove/",
        removal.marac_area_remove,
        name="marac-area-remove",
    ),
    path("<slug:slug>/indicators/add/", framework.indicator_edit, name="indicator-add"),
    path("<slug:slug>/indicators/<int:pk>/", framework.indicator_edit, name="indicator-edit"),
    path(
        "<slug:slug>/indicators/<int:pk>/benchmarks/add/",
        framework.benchmark_add,
        name="benchmark-add",
    ),
    path("<slug:slug>/benchmarks/<int:pk>/", framework.benchmark_edit, name="benchmark-edit"),
    path(
        "<slug:slug>/benchmarks/<int:pk>/remove/",
        removal.benchmark_remove,
        name="benchmark-remove",
    ),
    path("<slug:slug>/indicators/<int:pk>/target/", framework.target_edit, name="target-edit"),
    path("<slug:slug>/indicators/<int:pk>/publish/", dashboards.publish, name="publish"),
    path("<slug:slug>/denominators/add/", framework.denominator_upload, name="denominator-add"),
    path("<slug:slug>/disaggregations/add/", framework.category_set_add, name="category-set-add"),
    path(
        "<slug:slug>/disaggregations/<int:pk>/rename/",
        framework.category_rename,
        name="category-rename",
    ),
    path(
        "<slug:slug>/disaggregations/<int:pk>/remove/",
        removal.category_set_remove,
        name="category-set-remove",
    ),
    path("<slug:slug>/dashboard/", dashboards.headline_data, name="dashboard"),
    path("<slug:slug>/dashboard/download/", dashboards.download_request, name="dashboard-download"),
    path("<slug:slug>/published/", dashboards.public, name="public"),
    path("returns/<int:pk>/", pages.data_return, name="return"),
    path("returns/<int:pk>/template.xlsx", pages.template_download, name="return-template"),
    path("returns/<int:pk>/upload/", pages.upload, name="return-upload"),
    *(
        path(
            f"returns/<int:pk>/{decision}/",
            pages.review,
            {"decision": decision},
            name=f"return-{decision}",
        )
        for decision in ("approve", "return", "reopen")
    ),
]
