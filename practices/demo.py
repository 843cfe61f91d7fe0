"""The demo library: the first records and collections, the 2016 use-of-force data set of the 100 largest US cities
when its file is at hand (`../shared/data/`), or adoption records of the demo's own otherwise, and a few records the
demo member cities reported themselves. Everything goes through the services; running it again adds nothing."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from cities.models import City, Representative
from network.accounts.models import User
from practices import pledge_services, services, shadow_services
from practices.datasets import USE_OF_FORCE_2016, data_file
from practices.importer import BUILT_IN_MAPPINGS, ColumnMapping, adoptions_import
from practices.library import load_library
from practices.models import (
    Adoption,
    Collection,
    CollectionTranslation,
    Pledge,
    Practice,
    PracticeStatus,
    PracticeTranslation,
    ShadowReport,
)

DATA_SET = data_file(USE_OF_FORCE_2016)
DATA_SET_SOURCE = "Campaign Zero, Police Use of Force Policy Analysis (2016)"

# What some demo member cities report themselves: (city slug, practice slug, status, quoted policy text).
REPORTS = [
    ("glasgow-gb", "glasgow-violence-reduction-unit", "adopted", ""),
    ("glasgow-gb", "mental-health-crisis-response-teams", "piloting", ""),
    ("tbilisi-ge", "tbilisi-patrol-police-reform", "adopted", ""),
    ("oakland-us", "mental-health-crisis-response-teams", "piloting", ""),
    ("chicago-us", "youth-mentorship", "adopted", ""),
    ("chicago-us", "violence-interruption", "adopted", ""),
    (
        "minneapolis-us",
        "duty-to-intervene",
        "adopted",
        "Officers have a duty to intervene when another officer uses force that is not reasonable.",
    ),
    ("minneapolis-us", "ban-chokeholds-and-strangleholds", "adopted", "Neck restraints and chokeholds are prohibited."),
    ("tokyo-jp", "koban", "adopted", ""),
    ("paris-fr", "koban", "considering", ""),
    ("barcelona-es", "mental-health-crisis-response-teams", "considering", ""),
]
# Without the data set: some of the demo member cities' standing on the 8 Can't Wait policies.
YES, NO = "adopted", "not_adopted"
FALLBACK = {
    "minneapolis-us": [YES, YES, YES, NO, YES, YES, YES, YES],
    "chicago-us": [YES, YES, NO, NO, YES, NO, NO, NO],
    "oakland-us": [YES, YES, YES, YES, YES, YES, YES, YES],
}


# The demo's pledges: which member city pledges what, by when, and what it reported since.
PLEDGES = Path(__file__).resolve().parent / "data" / "pledges.yaml"
# The demo's shadow reports on those pledges, one signed, one pseudonymous, one answered by the city.
SHADOW_REPORTS = Path(__file__).resolve().parent / "data" / "shadow_reports.yaml"
# Translations of demo records into the site's other languages, one YAML file per language.
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


@dataclass
class DemoResult:
    records_loaded: int
    data_set: str
    imported: int
    reported: int
    translated: int = 0
    pledged: int = 0


def load_translations(*, staff) -> int:
    """Write the translations of the data files that are not in the database yet; returns how many it wrote."""
    written = 0
    for path in sorted(TRANSLATIONS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        language = data["language"]
        for slug, words in (data.get("collections") or {}).items():
            collection = Collection.objects.filter(slug=slug).first()
            if (
                collection is None
                or CollectionTranslation.objects.filter(collection=collection, language=language).exists()
            ):
                continue
            services.collection_translation_save(actor=staff, collection=collection, language=language, **words)
            written += 1
        for slug, words in (data.get("practices") or {}).items():
            practice = Practice.objects.filter(slug=slug).first()
            if practice is None or PracticeTranslation.objects.filter(practice=practice, language=language).exists():
                continue
            services.practice_translation_save(actor=staff, practice=practice, language=language, **words)
            written += 1
    return written


def seed_pledges(*, staff) -> int:
    """Each demo city's pledge, made by its lead representative, published by staff and, where the file says, with
    a first progress report. A city that has a pledge already is left as it is."""
    made = 0
    leads = {rep.city.slug: rep for rep in Representative.objects.filter(is_lead=True).select_related("city", "user")}
    for entry in yaml.safe_load(PLEDGES.read_text(encoding="utf-8"))["pledges"]:
        lead = leads.get(entry["city"])
        if lead is None or Pledge.objects.filter(city=lead.city).exists():
            continue
        collection = Collection.objects.filter(slug=entry["collection"]).first() if entry.get("collection") else None
        practices = list(Practice.objects.filter(slug__in=entry.get("practices", []), status=PracticeStatus.PUBLISHED))
        if collection is None and not practices:
            continue
        pledge = pledge_services.pledge_create(
            actor=lead.user,
            city=lead.city,
            target_date=timezone.localdate() + timedelta(days=30 * entry["months"]),
            steps=entry["steps"],
            practices=practices,
            collection=collection,
        )
        pledge_services.pledge_submit(actor=lead.user, pledge=pledge)
        pledge = pledge_services.pledge_publish(actor=staff, pledge=pledge)
        if entry.get("report"):
            pledge_services.pledge_report_create(
                actor=lead.user,
                pledge=pledge,
                reported_on=timezone.localdate(),
                text=entry["report"],
                statuses={item.pk: "considering" for item in pledge.items.all()},
            )
        made += 1
    return made


def seed_library_demo(*, staff) -> DemoResult:
    loaded = load_library()
    collection = Collection.objects.get(slug="8-cant-wait")
    imported, data_set = 0, "absent"
    if DATA_SET.exists():
        result = adoptions_import(
            collection=collection,
            mapping=ColumnMapping.from_dict(BUILT_IN_MAPPINGS["8-cant-wait"]),
            data=DATA_SET.read_bytes(),
            source_note=DATA_SET_SOURCE,
        )
        imported, data_set = result.records_created, "imported"
    else:
        practices = [item.practice for item in collection.items.select_related("practice").order_by("position")]
        for city in City.objects.filter(slug__in=FALLBACK):
            for practice, status in zip(practices, FALLBACK[city.slug], strict=True):
                if not Adoption.objects.filter(city=city, practice=practice).exists():
                    services.adoption_record(actor=staff, city=city, practice=practice, status=status)
                    imported += 1
    reported = 0
    leads = dict(Representative.objects.filter(is_lead=True).values_list("city__slug", "user_id"))
    people = {rep.user_id: rep.user for rep in Representative.objects.filter(is_lead=True).select_related("user")}
    practices = {p.slug: p for p in Practice.objects.filter(status=PracticeStatus.PUBLISHED)}
    cities = {city.slug: city for city in City.objects.filter(slug__in={slug for slug, *_ in REPORTS})}
    for city_slug, practice_slug, status, text in REPORTS:
        city, practice = cities.get(city_slug), practices.get(practice_slug)
        if city is None or practice is None or city_slug not in leads:
            continue
        existing = Adoption.objects.filter(city=city, practice=practice).first()
        if existing is not None and existing.source != "imported":
            continue
        services.adoption_record(
            actor=people[leads[city_slug]], city=city, practice=practice, status=status, policy_text=text
        )
        reported += 1
    translated = load_translations(staff=staff)
    pledged = seed_pledges(staff=staff)
    return DemoResult(
        records_loaded=loaded.practices_created,
        data_set=data_set,
        imported=imported,
        reported=reported,
        translated=translated,
        pledged=pledged,
    )


def seed_demo_library(context) -> list[str]:
    """`seed_demo`'s share of the library: the records, the adoption records, what demo cities reported and the
    translations of the data files."""
    library = seed_library_demo(staff=context.account("staff@demo.example"))
    origin = (
        "imported from the 2016 use-of-force data set"
        if library.data_set == "imported"
        else "of the demo's own (the 2016 data set is not at ../shared/data/)"
    )
    return [
        f"Library: {library.records_loaded} records loaded; adoption records: {library.imported} {origin}, "
        f"{library.reported} reported by demo cities; {library.translated} translations added; "
        f"{library.pledged} pledges published."
    ]


def seed_shadow_reports() -> int:
    """The demo's shadow reports, each filed by its author on the city's published pledge, and the city's answer
    where the file gives one. A report its author already filed on that pledge is left as it is; one whose author or
    pledge the demo network lacks is skipped."""
    entries = yaml.safe_load(SHADOW_REPORTS.read_text(encoding="utf-8"))["shadow_reports"]
    people = {user.handle: user for user in User.objects.filter(handle__in={entry["author"] for entry in entries})}
    leads = {
        rep.city.slug: rep.user for rep in Representative.objects.filter(is_lead=True).select_related("city", "user")
    }
    filed = 0
    for entry in entries:
        author = people.get(entry["author"])
        pledge = (
            Pledge.objects.filter(city__slug=entry["pledge"], status__in=shadow_services.ASSESSABLE_STATUSES)
            .order_by("id")
            .first()
        )
        if author is None or pledge is None or ShadowReport.objects.filter(pledge=pledge, author=author).exists():
            continue
        report = shadow_services.shadow_report_file(
            actor=author,
            pledge=pledge,
            verdict=entry["verdict"],
            statement=entry["statement"],
            evidence=entry["evidence"],
            language=entry["language"],
            pseudonymous=entry["pseudonymous"],
        )
        if entry.get("answer") and entry["pledge"] in leads:
            shadow_services.shadow_answer_create(actor=leads[entry["pledge"]], report=report, text=entry["answer"])
        filed += 1
    return filed


def seed_demo_shadow_reports(context) -> list[str]:
    """`seed_demo`'s shadow reports: after the forums' share, which adds the participants who file them."""
    return [f"Shadow reports: {seed_shadow_reports()} filed on the demo pledges."]
