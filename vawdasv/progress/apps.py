from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "vawdasv.progress"
    label = "progress"
    verbose_name = _("Progress rounds")

    def ready(self) -> None:
        # Connects the receivers (deleting evidence files when their rows go, among others).
        from vawdasv.plans import baseline, progress_summary
        from vawdasv.progress import signals  # noqa: F401
        from vawdasv.progress.baseline import record_baseline
        from vawdasv.progress.summary import action_progress

        # The plan pages show each action's latest approved progress (plans cannot import us).
        progress_summary.register(action_progress)
        # An import records a document's statuses as the baseline (imports cannot import us).
        baseline.register(record_baseline)
