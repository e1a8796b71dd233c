from django.db import migrations

from vawdasv.reviews.seed import seed_codebook


def seed(apps, schema_editor):
    seed_codebook(apps)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_repository")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
