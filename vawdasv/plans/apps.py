from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "vawdasv.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        # Welsh saved on plan content records what English it translated (core/translation_state).
        from vawdasv.core import translation_state
        from vawdasv.plans.models import Action, Commitment, Strategy, Theme

        for model in (Strategy, Theme, Commitment, Action):
            translation_state.track(model)
