from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "vawdasv.imports"
    label = "imports"
    verbose_name = _("Plan imports")

    def ready(self) -> None:
        # Connects the receiver that refuses an import whose reading task failed for good.
        from vawdasv.imports import signals  # noqa: F401
