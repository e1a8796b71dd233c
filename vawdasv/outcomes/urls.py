"""Outcomes pages, under /outcomes/ (and /cy/outcomes/)."""

from django.urls import path

from vawdasv.outcomes.views import pages

app_name = "outcomes"
urlpatterns = [
    path("<slug:slug>/", pages.framework, name="framework"),
    path("returns/<int:pk>/", pages.data_return, name="return"),
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
