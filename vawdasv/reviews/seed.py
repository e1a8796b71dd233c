"""The codebook's starting themes, from those published analyses of domestic homicide and
safeguarding reviews use. Data only (no models): the seed migration writes it, and
`vawdasv themes evaluate` uses its keywords without touching the database.

(code, parent code, English name, Welsh name, keywords)
"""

from __future__ import annotations

from typing import Any

SEED_THEMES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("practice", "", "Professional practice", "Ymarfer proffesiynol", ()),
    ("abuse", "", "Forms of abuse", "Mathau o gam-drin", ()),
    ("people", "", "People and circumstances", "Pobl ac amgylchiadau", ()),
    ("risk-assessment", "practice", "Risk assessment", "Asesu risg",
     ("risk assessment", "dash", "risk identification", "marac", "high risk", "risk")),
    ("information-sharing", "practice", "Information sharing", "Rhannu gwybodaeth",
     ("information sharing", "shared information", "not shared", "share information",
      "records", "referral")),
    ("professional-curiosity", "practice", "Professional curiosity", "Chwilfrydedd proffesiynol",
     ("professional curiosity", "curiosity", "did not ask", "ask directly", "routine enquiry",
      "explore")),
    ("agency-training", "practice", "Agency training", "Hyfforddiant asiantaethau",
     ("training", "awareness", "e-learning", "national training framework")),
    ("multi-agency-working", "practice", "Multi-agency working", "Gweithio amlasiantaethol",
     ("multi-agency", "partnership working", "joint working", "strategy meeting", "agencies")),
    ("coercive-control", "abuse", "Coercive control", "Rheolaeth drwy orfodaeth",
     ("coercive control", "controlling behaviour", "coercive", "isolated", "isolation",
      "monitoring")),
    ("economic-abuse", "abuse", "Economic abuse", "Cam-drin economaidd",
     ("economic abuse", "financial abuse", "money", "debt", "benefits", "finances")),
    ("stalking", "abuse", "Stalking", "Stelcian",
     ("stalking", "harassment", "followed", "unwanted contact", "messages")),
    ("mental-health", "people", "Mental health", "Iechyd meddwl",
     ("mental health", "depression", "anxiety", "self-harm", "suicide", "crisis team")),
    ("substance-use", "people", "Substance use", "Camddefnyddio sylweddau",
     ("alcohol", "drug", "substance", "substance misuse", "drinking")),
    ("older-victims", "people", "Older victims", "Dioddefwyr hŷn",
     ("older", "elderly", "carer", "dementia", "aged")),
    ("children-in-household", "people", "Children in the household",
     "Plant ar yr aelwyd",
     ("children", "child", "school", "safeguarding children", "young people")),
    ("barriers-to-disclosure", "people", "Barriers to disclosure", "Rhwystrau rhag datgelu",
     ("disclose", "disclosure", "fear", "did not report", "barrier", "language barrier")),
)  # fmt: skip


def seed_codebook(apps: Any) -> None:
    """Put the seed themes in the codebook (those missing; the data migration and a demo
    rebuilt on a database emptied since both call it)."""
    theme_model = apps.get_model("reviews", "CodebookTheme")
    made: dict[str, Any] = {}
    for code, parent, name_en, name_cy, keywords in SEED_THEMES:
        made[code], _ = theme_model.objects.get_or_create(
            code=code,
            defaults={
                "parent": made.get(parent),
                "name_en": name_en,
                "name_cy": name_cy,
                "keywords": "\n".join(keywords),
            },
        )
