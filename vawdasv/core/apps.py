from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vawdasv.core"
    label = "core"
    verbose_name = _("Core pages")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from vawdasv.core.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="vawdasv-start-idle-clock")
