"""Loads the library's first records and collections (`practices/content.py`) into the database.

Safe to repeat: a record or collection already present (by slug) is left as staff have made it, so their edits
are never overwritten. The records are published by the network itself (no person), with their revision history
saying so; their re-review falls due two years after loading, like any published record.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cities.geography import region_of
from network.accounts.system import SYSTEM
from network.audit.services import audit_record
from network.markdown import render
from practices import content
from practices.models import (
    REVIEW_INTERVAL_DAYS,
    Collection,
    CollectionItem,
    Practice,
    PracticeStatus,
    Revision,
    Source,
    search_vector_expression,
)
from practices.services import CONTENT_FIELDS, RATING_FIELDS, _jsonable


@dataclass
class LoadResult:
    practices_created: int = 0
    practices_present: int = 0
    collections_created: int = 0
    collections_present: int = 0


def _practice_fields(entry: dict) -> dict:
    emmie = entry.get("emmie", {})
    transfer = entry.get("transfer", {})
    country = (entry.get("origin_country") or "").upper()
    return {
        "title": entry["title"],
        "kind": entry["kind"],
        "themes": list(entry.get("themes", [])),
        "problem": entry.get("problem", ""),
        "population": entry.get("population", ""),
        "origin_place": entry.get("origin_place", ""),
        "origin_country": country,
        "origin_region": region_of(country) if country else "",
        "origin_year": entry.get("origin_year"),
        "summary": entry["summary"],
        "body": entry.get("body", ""),
        "body_html": render(entry.get("body", "")),
        "rating": entry["rating"],
        "study_count": entry.get("study_count", 0),
        "study_design": entry.get("study_design", ""),
        "single_study": entry.get("single_study", False),
        "emmie_effect": emmie.get("effect", ""),
        "emmie_mechanism": emmie.get("mechanism", ""),
        "emmie_moderators": emmie.get("moderators", ""),
        "emmie_implementation": emmie.get("implementation", ""),
        "emmie_economic_cost": emmie.get("economic_cost", ""),
        "transfer_police_levels": list(transfer.get("police_levels", [])),
        "transfer_mayoral_control": transfer.get("mayoral_control", "not_needed"),
        "transfer_legal_system": transfer.get("legal_system", ""),
    }


@transaction.atomic
def load_library(*, practices: list[dict] | None = None, collections: list[dict] | None = None) -> LoadResult:
    practices = content.PRACTICES if practices is None else practices
    collections = content.COLLECTIONS if collections is None else collections
    result = LoadResult()
    now = timezone.now()
    today = timezone.localdate()
    existing = set(
        Practice.objects.filter(slug__in=[entry["slug"] for entry in practices]).values_list("slug", flat=True)
    )
    created: list[Practice] = []
    for entry in practices:
        if entry["slug"] in existing:
            result.practices_present += 1
            continue
        practice = Practice(
            slug=entry["slug"],
            status=PracticeStatus.PUBLISHED,
            published_at=now,
            rated_on=today,
            last_reviewed_on=today,
            review_due_on=today + timedelta(days=REVIEW_INTERVAL_DAYS),
            **_practice_fields(entry),
        )
        practice.full_clean(exclude=["search_vector", "related"])
        practice.save()
        Source.objects.bulk_create(
            Source(practice=practice, position=position, **source)
            for position, source in enumerate(entry.get("sources", []))
        )
        snapshot = {field: _jsonable(getattr(practice, field)) for field in CONTENT_FIELDS + RATING_FIELDS}
        Revision.objects.bulk_create(
            [
                Revision(practice=practice, action="create", fields=list(snapshot), after=snapshot),
                Revision(
                    practice=practice,
                    action="publish",
                    fields=["status"],
                    before={"status": PracticeStatus.DRAFT},
                    after={"status": PracticeStatus.PUBLISHED},
                ),
            ]
        )
        audit_record(actor=SYSTEM, action="practices.practice.load", target=practice, after={"status": practice.status})
        created.append(practice)
        result.practices_created += 1
    if created:
        Practice.objects.filter(pk__in=[practice.pk for practice in created]).update(
            search_vector=search_vector_expression()
        )
        by_slug = dict(Practice.objects.values_list("slug", "pk"))
        entries = {entry["slug"]: entry for entry in practices}
        for practice in created:
            related = [by_slug[slug] for slug in entries[practice.slug].get("related", []) if slug in by_slug]
            practice.related.add(*related)
    for position, spec in enumerate(collections):
        collection = Collection.objects.filter(slug=spec["slug"]).first()
        if collection is not None:
            result.collections_present += 1
            continue
        collection = Collection.objects.create(
            slug=spec["slug"], title=spec["title"], description=spec.get("description", ""), position=position
        )
        by_slug = dict(Practice.objects.filter(slug__in=spec["practices"]).values_list("slug", "pk"))
        labels = spec.get("labels") or [""] * len(spec["practices"])
        CollectionItem.objects.bulk_create(
            CollectionItem(collection=collection, practice_id=by_slug[slug], position=index, label=label)
            for index, (slug, label) in enumerate(zip(spec["practices"], labels, strict=True))
            if slug in by_slug
        )
        audit_record(actor=SYSTEM, action="practices.collection.load", target=collection)
        result.collections_created += 1
    return result
