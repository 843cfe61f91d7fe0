from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.errors import ImportRefused, MappingInvalid
from practices.importer import BUILT_IN_MAPPINGS, ColumnMapping, adoptions_import
from practices.models import Adoption, Collection

SOURCE_NOTE_LENGTH = Adoption._meta.get_field("source_note").max_length


class Command(BaseCommand):
    help = (
        "Import adoption records of a collection's practices from a CSV data set: a row per city, a column of 0 or "
        "1 per practice. Every row is checked first; a file with a single bad row imports nothing. Records that "
        "a city reported or staff verified are kept. Safe to run again: an unchanged file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", help="the CSV file (UTF-8, with or without a byte-order mark)")
        parser.add_argument("--collection", required=True, metavar="SLUG", help="the collection of the practices")
        parser.add_argument("--source", required=True, metavar="TEXT", help="the data set, as the records will cite it")
        parser.add_argument(
            "--mapping",
            metavar="FILE",
            help="a JSON file saying which columns are the city, its state and country, and which practices "
            "(built in for 8-cant-wait)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, but write nothing")

    def handle(self, *args, csv_path, collection, source, mapping, dry_run, **options):
        source = source.strip()
        if not source:
            raise CommandError("--source must say which data set the records come from.")
        if len(source) > SOURCE_NOTE_LENGTH:
            raise CommandError(f"--source is {len(source)} characters long; at most {SOURCE_NOTE_LENGTH} are kept.")
        collection_slug = collection
        collection = Collection.objects.filter(slug=collection_slug).first()
        if collection is None:
            raise CommandError(f'There is no collection "{collection_slug}".')
        column_mapping = self._mapping(mapping, collection)
        path = Path(csv_path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            result = adoptions_import(
                collection=collection, mapping=column_mapping, data=data, source_note=source, dry_run=dry_run
            )
        except MappingInvalid as error:
            raise CommandError(self._mapping_refusal(error, collection)) from None
        except ImportRefused as refused:
            for line, reason in refused.problems:
                self.stderr.write(f"line {line}: {reason}")
            raise CommandError("Nothing was imported.") from None
        self._report(result, path=path, collection=collection, source=source, practices=len(column_mapping.practices))

    def _mapping(self, mapping_path: str | None, collection: Collection) -> ColumnMapping:
        try:
            if mapping_path is None:
                if collection.slug not in BUILT_IN_MAPPINGS:
                    raise CommandError(
                        f'The collection "{collection.slug}" has no built-in column mapping: give one with --mapping.'
                    )
                return ColumnMapping.from_dict(BUILT_IN_MAPPINGS[collection.slug])
            try:
                text = Path(mapping_path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read the mapping {mapping_path}: {error}") from None
            return ColumnMapping.from_json(text)
        except MappingInvalid as error:
            raise CommandError(self._mapping_refusal(error, collection)) from None

    def _mapping_refusal(self, error: MappingInvalid, collection: Collection) -> str:
        reasons = "\n".join(f"  {problem}" for problem in error.problems)
        return f'The column mapping cannot be used for "{collection.slug}":\n{reasons}\nNothing was imported.'

    def _report(self, result, *, path: Path, collection: Collection, source: str, practices: int) -> None:
        write = self.stdout.write
        write(f'{path.name}: {result.rows} rows, {practices} practices of "{collection.title}".')
        write(f"Cities: {result.cities_matched} matched, {result.cities_created} created.")
        write(
            f"Adoption records: {result.records_created} created, {result.records_changed} changed, "
            f"{result.records_unchanged} unchanged, {result.records_kept} kept because a person recorded them."
        )
        for kept in result.kept:
            write(f"  kept (line {kept.line}): {kept.city}, {kept.practice}: {kept.source}")
        write(f"Source: {source}")
        if result.applied:
            write(self.style.SUCCESS("Imported."))
        else:
            write(self.style.WARNING("Dry run: nothing was written. The counts above are what the import would do."))
