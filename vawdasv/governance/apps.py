from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "vawdasv.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from vawdasv.governance import signals  # noqa: F401  (connects the receivers)
