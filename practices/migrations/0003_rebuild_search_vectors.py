"""Rebuild every practice's search vector with the accent-insensitive configuration of migration 0002."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations


def rebuild(apps, schema_editor):
    Practice = apps.get_model("practices", "Practice")
    config = "library_english"
    Practice.objects.update(
        search_vector=SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_unaccented_search"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
