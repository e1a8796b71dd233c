from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "vawdasv.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from vawdasv.core import translation_state
        from vawdasv.plans.downloads import register_plan_downloads
        from vawdasv.plans.models import Action, Commitment, Strategy, Theme

        register_plan_downloads()
        # Welsh saved on plan content records what English it translated (core/translation_state).
        for model in (Strategy, Theme, Commitment, Action):
            translation_state.track(model)
