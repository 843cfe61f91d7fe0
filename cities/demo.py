"""The demo network's cities: a dozen members with representatives and police agencies, and applications in every
state. Everything goes through the services, as it would in the browser; running it again adds nothing."""

import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from cities import challenges, services
from cities.models import AgencyLevel, ApplicationStatus, City, CityChallenge, MembershipApplication, Representative
from network.accounts.models import AffiliationKind, User
from network.accounts.system import SYSTEM

# geonames id, lead's handle, office, agencies (name, level, oversight body, mayor controls it).
MEMBERS = [
    (611717, "tbilisi_office", "Tbilisi City Hall", [("Patrol Police Department of Georgia", "national", "", False)]),
    (2648579, None, "Glasgow City Council", [("Police Scotland", "national", "Scottish Police Authority", False)]),
    (
        2988507,
        "paris_office",
        "Mairie de Paris",
        [
            ("Préfecture de police de Paris", "national", "", False),
            ("Police municipale de Paris", "municipal", "", True),
        ],
    ),
    (
        3128760,
        "barcelona_office",
        "Ajuntament de Barcelona",
        [("Guàrdia Urbana de Barcelona", "municipal", "", True), ("Mossos d'Esquadra", "regional", "", False)],
    ),
    (
        2314302,
        "kinshasa_office",
        "Hôtel de Ville de Kinshasa",
        [("Police nationale congolaise", "national", "", False)],
    ),
    (232422, "kampala_office", "Kampala Capital City Authority", [("Uganda Police Force", "national", "", False)]),
    (
        1850147,
        "tokyo_office",
        "Tokyo Metropolitan Government",
        [("Tokyo Metropolitan Police Department", "regional", "Tokyo Metropolitan Public Safety Commission", False)],
    ),
    (
        5037649,
        "minneapolis_office",
        "Office of the Mayor of Minneapolis",
        [("Minneapolis Police Department", "municipal", "Community Commission on Police Oversight", True)],
    ),
    (
        4887398,
        "chicago_office",
        "Office of the Mayor of Chicago",
        [("Chicago Police Department", "municipal", "Civilian Office of Police Accountability", True)],
    ),
    (
        5378538,
        "oakland_office",
        "Office of the Mayor of Oakland",
        [("Oakland Police Department", "municipal", "Oakland Police Commission", True)],
    ),
    (4501018, "camden_office", "City of Camden", [("Camden County Police Department", "regional", "", False)]),
    (
        5725846,
        "eugene_office",
        "Office of the Mayor of Eugene",
        [("Eugene Police Department", "municipal", "Eugene Civilian Review Board", True)],
    ),
]
# Applications still on their way: geonames id, applicant's handle, the state to leave it in.
APPLICATIONS = [
    (3688689, "bogota_office", ApplicationStatus.SUBMITTED),
    (184745, "nairobi_office", ApplicationStatus.MORE_INFO_REQUESTED),
    (3369157, "cape_town_office", ApplicationStatus.DRAFT),
    (1701668, "manila_office", ApplicationStatus.DECLINED),
]
COLLEAGUES = [(611717, "tbilisi_deputy"), (2648579, "glasgow_policy_unit")]
COMMITMENTS = {
    "commits_use_of_force_policy": True,
    "commits_consult_communities": True,
    "commits_vet_exchanges": True,
    "commits_report_honestly": True,
}
# The smallest well-formed PDF: one empty page.
DEMO_LETTER = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _person(handle: str, password_hash: str) -> User:
    email = f"{handle.replace('_', '.')}@demo.example"
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create(
            email=email, password=password_hash, handle=handle, affiliation_kind=AffiliationKind.PUBLIC_OFFICIAL
        )
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def _application(*, applicant: User, geonames_id: int, office: str, submit: bool) -> MembershipApplication:
    application = services.application_create(actor=applicant, geonames_id=geonames_id)
    city = application.city
    domain = f"{city.slug}.demo.example"
    application = services.application_update(
        actor=applicant,
        application=application,
        letter=ContentFile(DEMO_LETTER, name="letter.pdf"),
        office_name=office,
        office_address=f"{office}\n{city.name}",
        office_website=f"https://www.{domain}/",
        applicant_position="Chief of staff",
        official_email=f"{applicant.handle.replace('_', '.')}@{domain}",
        **COMMITMENTS,
    )
    if submit:
        application = services.application_submit(actor=applicant, application=application)
    return application


def seed_cities(*, staff: User, glasgow_lead: User, password: str) -> tuple[int, int]:
    """Return (member cities added, applications added)."""
    # Hashing is slow on purpose: hash the shared demo password once, not once per person.
    password_hash = make_password(password)
    members_added = applications_added = 0
    for geonames_id, handle, office, agencies in MEMBERS:
        if City.objects.filter(geonames_id=geonames_id, membership_status="member").exists():
            continue
        lead = glasgow_lead if handle is None else _person(handle, password_hash)
        application = _application(applicant=lead, geonames_id=geonames_id, office=office, submit=True)
        services.application_approve(actor=staff, application=application, reason="Demo network")
        for name, level, oversight, mayor_controls in agencies:
            services.agency_create(
                actor=lead,
                city=application.city,
                name=name,
                level=AgencyLevel(level),
                headcount=None,
                oversight_body=oversight,
                mayor_controls=mayor_controls,
            )
        members_added += 1
    for geonames_id, handle in COLLEAGUES:
        city = City.objects.get(geonames_id=geonames_id)
        colleague = _person(handle, password_hash)
        if not Representative.objects.filter(city=city, user=colleague).exists():
            services.representative_add(actor=SYSTEM, city=city, user=colleague, is_lead=False)
    for geonames_id, handle, state in APPLICATIONS:
        applicant = _person(handle, password_hash)
        if MembershipApplication.objects.filter(applicant=applicant, city__geonames_id=geonames_id).exists():
            continue
        application = _application(
            applicant=applicant,
            geonames_id=geonames_id,
            office=f"Office of the Mayor ({handle.removesuffix('_office').replace('_', ' ').title()})",
            submit=state != ApplicationStatus.DRAFT,
        )
        if state == ApplicationStatus.MORE_INFO_REQUESTED:
            services.application_request_info(
                actor=staff,
                application=application,
                reason="Please attach a letter signed by the mayor rather than by the chief of staff.",
            )
        elif state == ApplicationStatus.DECLINED:
            services.application_decline(
                actor=staff, application=application, reason="The office could not be confirmed."
            )
        applications_added += 1
    return members_added, applications_added


DEMO_CHALLENGES = Path(__file__).parent / "data" / "demo_challenges.json"


def seed_challenges() -> int:
    """Some member cities' legal systems and challenges, from the data file; returns the challenges added."""
    added = 0
    for entry in json.loads(DEMO_CHALLENGES.read_text(encoding="utf-8")):
        city = City.objects.filter(geonames_id=entry["geonames_id"], membership_status="member").first()
        lead = Representative.objects.filter(city=city, is_lead=True).select_related("user").first()
        if city is None or lead is None:
            continue
        if city.legal_system != entry["legal_system"]:
            challenges.legal_system_set(actor=lead.user, city=city, legal_system=entry["legal_system"])
        for challenge in entry["challenges"]:
            if CityChallenge.objects.filter(city=city, kind=challenge["kind"]).exists():
                continue
            challenges.challenge_create(actor=lead.user, city=city, **challenge)
            added += 1
    return added


def seed_demo_cities(context) -> list[str]:
    """`seed_demo`'s share of the member cities."""
    members, applications = seed_cities(
        staff=context.account("staff@demo.example"),
        glasgow_lead=context.account("mayor.office@demo.example"),
        password=context.password,
    )
    added = seed_challenges()
    return [
        f"Demo cities: {members} member cities and {applications} applications added.",
        f"Demo challenges: {added} added.",
        "Each member city's lead signs in as <city>.office@demo.example (tbilisi.office@demo.example …).",
    ]
