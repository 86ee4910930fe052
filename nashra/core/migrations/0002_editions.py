from django.db import migrations

EDITIONS = ["ar", "en"]


def create_edition_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code in EDITIONS:
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_edition_locales, migrations.RunPython.noop)]
