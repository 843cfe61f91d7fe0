from django.core.management.base import BaseCommand

from practices.library import load_library


class Command(BaseCommand):
    help = (
        "Load the library's first records (the 8 Can't Wait policies, the Koban, Glasgow's Violence Reduction Unit, "
        "Tbilisi's patrol police reform, crisis response teams, violence interruption, mentorship, investment in "
        "public services) and their collections. Safe to run again: records already present are left as they are."
    )

    def handle(self, *args, **options):
        result = load_library()
        self.stdout.write(
            f"Library records: {result.practices_created} loaded, {result.practices_present} already present."
        )
        self.stdout.write(
            f"Collections: {result.collections_created} loaded, {result.collections_present} already present."
        )
