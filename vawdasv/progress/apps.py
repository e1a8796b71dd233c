from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "vawdasv.progress"
    label = "progress"
    verbose_name = _("Progress rounds")

    def ready(self) -> None:
        # Connects the receivers (deleting evidence files when their rows go, among others).
        from vawdasv.core import translation_state
        from vawdasv.plans import baseline, progress_summary
        from vawdasv.progress import notices, signals, summary  # noqa: F401
        from vawdasv.progress.baseline import record_baseline
        from vawdasv.progress.downloads import register_update_downloads
        from vawdasv.progress.models import ProgressUpdate, ReportText, ThemeReportText

        # The plan pages show each action's latest approved progress (plans cannot import us).
        progress_summary.register(summary)
        # An import records a document's statuses as the baseline (imports cannot import us).
        baseline.register(record_baseline)
        register_update_downloads()
        # Welsh narratives and report text record what English they translated (ADR 0033).
        translation_state.track(ProgressUpdate, ("narrative",))
        translation_state.track(ReportText, ("introduction",))
        translation_state.track(ThemeReportText, ("narrative", "future"))
