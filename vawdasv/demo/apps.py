from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data set and `vawdasv load-demo`: the top floor, which no other app imports."""

    name = "vawdasv.demo"
    label = "demo"
    verbose_name = _("Demo data")
