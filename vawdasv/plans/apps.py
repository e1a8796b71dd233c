from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "vawdasv.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from vawdasv.plans.downloads import register_plan_downloads

        register_plan_downloads()
