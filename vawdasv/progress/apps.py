from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "vawdasv.progress"
    label = "progress"
    verbose_name = _("Progress rounds")

    def ready(self) -> None:
        # Connects the receivers (deleting evidence files when their rows go, among others).
        from vawdasv.plans import progress_summary
        from vawdasv.progress import notices, signals, summary  # noqa: F401

        # The plan pages show each action's latest approved progress (plans cannot import us).
        progress_summary.register(summary)
