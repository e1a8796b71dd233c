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
