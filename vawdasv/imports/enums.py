from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    """Where a plan import is: being read in the background, refused, read and waiting for a
    decision, written, or given up."""

    READING = "reading", _("Being read")
    REFUSED = "refused", _("Could not be read")
    PREVIEWED = "previewed", _("Ready to check")
    IMPORTED = "imported", _("Imported")
    ABANDONED = "abandoned", _("Abandoned")
