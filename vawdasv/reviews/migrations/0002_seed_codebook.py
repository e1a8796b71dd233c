from django.db import migrations

from vawdasv.reviews.seed import SEED_THEMES


def seed(apps, schema_editor):
    theme_model = apps.get_model("reviews", "CodebookTheme")
    made = {}
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


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_repository")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
