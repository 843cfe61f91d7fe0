from django.core.management.base import BaseCommand
from django.db import transaction

from cities import gazetteer
from cities.models import GazetteerPlace


class Command(BaseCommand):
    help = (
        "Make the gazetteer table hold exactly cities/data/places.json.gz (after `manage.py build_gazetteer` "
        "refreshed it). Safe to run again: only the differences are written."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            result = gazetteer.load(GazetteerPlace)
        self.stdout.write(
            f"Gazetteer: {result.added} places added, {result.updated} corrected, {result.removed} removed, "
            f"{GazetteerPlace.objects.count()} in all."
        )
