from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The site itself: the home page, which reads every app, and `vawdasv serve`."""

    name = "vawdasv.web"
    label = "web"
    verbose_name = _("Site")
