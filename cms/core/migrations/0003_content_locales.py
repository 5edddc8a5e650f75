from django.db import migrations

# The source language first, then partner-city and community languages (CONTENT.md).
LOCALES = [
    "en", "fr", "nl", "de", "lb", "it", "sv", "ar", "fa", "prs",
    "uk", "es", "pt", "el", "tr", "ti", "so",
]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LOCALES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_city_toolbox_and_locales"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
