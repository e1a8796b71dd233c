from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The site itself: the home page, which reads every app, and `vawdasv serve`."""

    name = "vawdasv.web"
    label = "web"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from vawdasv.web.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="vawdasv-start-idle-clock")

        # Governance's meeting packs show progress, which only the layer above both may join.
        from vawdasv.governance.pack import set_progress_provider
        from vawdasv.web.progress_for_governance import latest_progress

        set_progress_provider(latest_progress)

        # Agenda items and meeting packs name indicators, which belong to outcomes.
        from vawdasv.governance.indicators import set_indicator_provider
        from vawdasv.web.outcomes_for_governance import OutcomesIndicators

        set_indicator_provider(OutcomesIndicators())

        # The progress report's governance section, joined here for the same reason.
        from vawdasv.progress.report import sections
        from vawdasv.web.governance_report import governance_section

        sections.register(governance_section)

        # The reviews app's dissemination log names governance groups, joined here likewise.
        from vawdasv.reviews.groups import set_group_provider
        from vawdasv.web.groups_for_reviews import PROVIDER

        set_group_provider(PROVIDER)

        # The report's "Headline data" in each theme, from outcomes (a sibling of progress).
        from vawdasv.web.outcomes_report import headline_sections

        sections.register_theme_sections(headline_sections)
