import time

from django.core.management.base import BaseCommand, CommandError

from network.notifications.services import outbox_sweep


class Command(BaseCommand):
    help = (
        "Hand due notifications, emails and digests to the workers (what beat does every minute). With --every, "
        "keep doing it: `make run` uses this when there is no broker, so digests still go out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS", help="repeat every SECONDS")

    def handle(self, *args, every: int, **options):
        if every < 0:
            raise CommandError("--every must be a positive number of seconds.")
        while True:
            counts = outbox_sweep()
            if options["verbosity"] > 1 or any(counts.values()):
                self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
            if not every:
                return
            time.sleep(every)
