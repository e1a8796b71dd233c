from django.db import migrations

from vawdasv.reference.loading import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_initial"),
        ("partnerships", "0002_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
