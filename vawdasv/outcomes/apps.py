from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "vawdasv.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self) -> None:
        # The dashboard's spreadsheet and one-page summary, made by a worker (ops.exports).
        from vawdasv.outcomes.downloads import register_dashboard_downloads

        register_dashboard_downloads()
