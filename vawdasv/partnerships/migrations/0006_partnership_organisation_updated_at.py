import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """A last-changed time on partnerships and organisations, for the API's `modified_since`.

    Existing rows take the time of the migration: a caller syncing from before it fetches them
    once more, which is the safe side.
    """

    dependencies = [
        ("partnerships", "0005_partnership_requires_two_factor"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="last changed"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="partnership",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="last changed"
            ),
            preserve_default=False,
        ),
    ]
