"""Load the reference tables from the CSV files in vawdasv/reference/data.

Used by a data migration, so it works with historical models (`apps.get_model`). Loading is
idempotent: rows are matched on their natural key and updated in place.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"

# Welsh names for framework titles we can state with confidence; the rest stay untranslated
# and show as such until an administrator adds them.
FRAMEWORK_NAMES_CY = {
    "Well-being of Future Generations (Wales) Act 2015 ways of working":
        "Pum ffordd o weithio Deddf Llesiant Cenedlaethau'r Dyfodol (Cymru) 2015",
}  # fmt: skip
ITEM_TITLES_CY = {
    ("Well-being of Future Generations (Wales) Act 2015 ways of working", "long-term"): "Hirdymor",
    ("Well-being of Future Generations (Wales) Act 2015 ways of working", "prevention"): "Atal",
    ("Well-being of Future Generations (Wales) Act 2015 ways of working", "integration"):
        "Integreiddio",
    ("Well-being of Future Generations (Wales) Act 2015 ways of working", "collaboration"):
        "Cydweithio",
    ("Well-being of Future Generations (Wales) Act 2015 ways of working", "involvement"): "Cynnwys",
}  # fmt: skip


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(apps: Any) -> None:
    Region = apps.get_model("reference", "Region")
    LocalAuthority = apps.get_model("reference", "LocalAuthority")
    Framework = apps.get_model("reference", "Framework")
    FrameworkItem = apps.get_model("reference", "FrameworkItem")
    Organisation = apps.get_model("partnerships", "Organisation")

    regions = {}
    for row in rows("regions.csv"):
        region, _ = Region.objects.update_or_create(
            slug=row["slug"], defaults={"name_en": row["name_en"], "name_cy": row["name_cy"]}
        )
        regions[row["name_en"]] = region

    organisations = {}
    for row in rows("national-organisations.csv"):
        org, _ = Organisation.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name_en": row["name_en"],
                "name_cy": row["name_cy"],
                "short_name": row["short_name"],
                "organisation_type": row["organisation_type"],
            },
        )
        organisations[row["name_en"]] = org

    for row in rows("welsh-local-authorities.csv"):
        LocalAuthority.objects.update_or_create(
            gss_code=row["gss_code"],
            defaults={
                "name_en": row["name_en"],
                "name_cy": row["name_cy"],
                "population_2021": int(row["population_2021_census"]),
                "region": regions[row["vawdasv_region"]],
                "police_force": organisations[row["police_force"]],
                "health_board": organisations[row["health_board"]],
            },
        )

    frameworks: dict[str, Any] = {}
    last_source = ""
    for index, row in enumerate(rows("national-frameworks.csv")):
        name = row["framework"]
        source = last_source if row["source"] == "as above" else row["source"]
        last_source = source
        if name not in frameworks:
            frameworks[name], _ = Framework.objects.update_or_create(
                slug=slugify(name)[:50],
                defaults={
                    "name_en": name,
                    "name_cy": FRAMEWORK_NAMES_CY.get(name, ""),
                    "source": source,
                    "order": len(frameworks),
                },
            )
        FrameworkItem.objects.update_or_create(
            framework=frameworks[name],
            code=row["code"],
            defaults={
                "title_en": row["title_en"],
                "title_cy": ITEM_TITLES_CY.get((name, row["code"]), ""),
                "source": source,
                "order": index,
            },
        )


def load_statistical_areas(apps: Any) -> None:
    """Police force area and health board codes (statistical-areas.csv), by organisation slug."""
    Organisation = apps.get_model("partnerships", "Organisation")
    StatisticalArea = apps.get_model("reference", "StatisticalArea")
    last_source = ""
    for row in rows("statistical-areas.csv"):
        source = last_source if row["source"] == "as above" else row["source"]
        last_source = source
        organisation = Organisation.objects.filter(slug=row["organisation_slug"]).first()
        if organisation is None:  # a database without the national organisations
            continue
        StatisticalArea.objects.update_or_create(
            organisation=organisation, defaults={"gss_code": row["gss_code"], "source": source}
        )
