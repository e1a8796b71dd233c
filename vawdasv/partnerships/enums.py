from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    HEALTH_BOARD = "health_board", _("Health board")
    NHS_TRUST = "nhs_trust", _("NHS trust")
    POLICE_FORCE = "police_force", _("Police force")
    POLICE_CRIME_COMMISSIONER = "pcc", _("Police and crime commissioner")
    FIRE_AND_RESCUE = "fire_and_rescue", _("Fire and rescue service")
    PROBATION = "probation", _("Probation service")
    WELSH_GOVERNMENT = "welsh_government", _("Welsh Government")
    EDUCATION = "education", _("Education")
    SPECIALIST_PROVIDER = "specialist_provider", _("Specialist third-sector provider")
    PARTNERSHIP_TEAM = "partnership_team", _("Regional team")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """What a person may do within one partnership."""

    ADMINISTRATOR = "administrator", _("Administrator (regional team)")
    LEAD_OFFICER = "lead_officer", _("Lead officer")
    BOARD_MEMBER = "board_member", _("Board member")
