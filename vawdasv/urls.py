"""Top-level URLs. Pages are under i18n_patterns: English at /, Welsh under /cy/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from vawdasv.accounts import sso
from vawdasv.ops import views as ops_views

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("api/", include("vawdasv.api.urls")),
    path("admin/", admin.site.urls),
    # Single sign-on, outside the language prefix: the provider knows one callback address.
    path("oidc/authenticate/", sso.authenticate, name="oidc_authentication_init"),
    path("oidc/callback/", sso.callback, name="oidc_authentication_callback"),
]
urlpatterns += i18n_patterns(
    path("", include("vawdasv.web.urls")),
    path("accounts/", include("vawdasv.accounts.urls")),
    path("partnerships/", include("vawdasv.partnerships.urls")),
    path("strategies/", include("vawdasv.plans.urls")),
    path("progress/", include("vawdasv.progress.urls")),
    path("imports/", include("vawdasv.imports.urls")),
    path("governance/", include("vawdasv.governance.urls")),
    path("governance/", include("vawdasv.web.governance_evidence")),
    path("all-wales/", include("vawdasv.national.urls")),
    path("public/", include("vawdasv.national.public_urls")),
    path("outcomes/", include("vawdasv.outcomes.urls")),
    path("reviews/", include("vawdasv.reviews.urls")),
    prefix_default_language=False,
)

handler403 = "vawdasv.core.views.permission_denied"
handler404 = "vawdasv.core.views.page_not_found"
handler500 = "vawdasv.core.views.server_error"
