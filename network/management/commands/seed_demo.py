from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from network.accounts.models import AffiliationKind, User
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.accounts.second_factor import acting_at_the_console
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM
from network.shell import DemoContext, demo_seeders

DEMO_PASSWORD = "demo-network-2026"

DEMO_ACCOUNTS = [
    {
        "email": "staff@demo.example",
        "handle": "secretariat_ana",
        "affiliation_kind": AffiliationKind.OTHER,
        "affiliation": "Network secretariat",
        "roles": [Role.STAFF],
        "note": "network staff (asked to set up an authenticator app on the first staff page)",
    },
    {
        "email": "reviewer@demo.example",
        "handle": "panel_reviewer",
        "affiliation_kind": AffiliationKind.RESEARCHER,
        "affiliation": "Vetting panel",
        "roles": [Role.REVIEWER],
        "note": "reviewer on the vetting panel",
    },
    {
        "email": "mayor.office@demo.example",
        "handle": "glasgow_mayors_office",
        "affiliation_kind": AffiliationKind.PUBLIC_OFFICIAL,
        "affiliation": "Glasgow City Council",
        "roles": [Role.CITY_REPRESENTATIVE],
        "note": "city representative",
    },
    {
        "email": "activist@demo.example",
        "handle": "river_watch",
        "affiliation_kind": AffiliationKind.ACTIVIST,
        "affiliation": "",
        "roles": [],
        "note": "participant (activist, no affiliation shown)",
    },
]


class Command(BaseCommand):
    help = (
        "Load the demo network: demo accounts for every role, then each part's share (member cities with their "
        "representatives, police agencies and applications in every state; the practice library and cities' "
        "adoption records). Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load the demo accounts even with DEBUG off (a demo server, never a real network).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "Refusing to load demo accounts with published passwords while DEBUG is off. "
                "On a demo server, pass --allow-without-debug."
            )
        created = 0
        accounts = {}
        with transaction.atomic():
            for spec in DEMO_ACCOUNTS:
                user = User.objects.filter(email__iexact=spec["email"]).first()
                if user is None:
                    user = User.objects.create_user(
                        spec["email"],
                        DEMO_PASSWORD,
                        handle=spec["handle"],
                        affiliation_kind=spec["affiliation_kind"],
                        affiliation=spec["affiliation"],
                    )
                    created += 1
                EmailAddress.objects.update_or_create(
                    user=user, email=user.email, defaults={"verified": True, "primary": True}
                )
                missing = [role for role in spec["roles"] if role not in user_roles(user)]
                for role in missing:
                    user = role_grant(actor=SYSTEM, user=user, role=role, reason="Demo network")
                # The operator seeds at the server's console: the demo's people act in person here.
                accounts[spec["email"]] = acting_at_the_console(user)
            # Each part loads its share of the demo network, in the order the parts build on one another.
            context = DemoContext(accounts=accounts, password=DEMO_PASSWORD)
            lines = [line for seeder in demo_seeders() for line in seeder.seed(context)]
        self.stdout.write(f"Demo accounts: {created} created, {len(DEMO_ACCOUNTS) - created} already present.")
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"Sign in at /accounts/login/ with password {DEMO_PASSWORD!r} as:")
        for spec in DEMO_ACCOUNTS:
            self.stdout.write(f"  {spec['email']:<28} {spec['note']}")
