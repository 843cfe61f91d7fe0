"""The library's first records: loaded by `seed_library`, safe to repeat, each citing its sources."""

from django.core.management import call_command

from practices.models import Collection, Practice, PracticeStatus, Revision


def test_seed_library_loads_the_records_and_collections_once(db, capsys):
    call_command("seed_library")
    out = capsys.readouterr().out
    assert "Library records: 16 loaded, 0 already present." in out
    collection = Collection.objects.get(slug="8-cant-wait")
    assert [item.practice.slug for item in collection.items.select_related("practice")] == [
        "require-de-escalation",
        "use-of-force-continuum",
        "ban-chokeholds-and-strangleholds",
        "require-warning-before-shooting",
        "exhaust-alternatives-before-shooting",
        "duty-to-intervene",
        "ban-shooting-at-moving-vehicles",
        "require-comprehensive-reporting",
    ]
    for slug in ("koban", "glasgow-violence-reduction-unit", "tbilisi-patrol-police-reform",
                 "mental-health-crisis-response-teams", "violence-interruption", "youth-mentorship",
                 "investment-in-public-services"):  # fmt: skip
        practice = Practice.objects.get(slug=slug)
        assert practice.status == PracticeStatus.PUBLISHED and practice.rating != "not_rated"
    # Staff edit a record; loading again leaves it (and everything else) as it is.
    Practice.objects.filter(slug="koban").update(title="Koban (edited)")
    call_command("seed_library")
    assert "16 already present" in capsys.readouterr().out
    assert Practice.objects.get(slug="koban").title == "Koban (edited)"
    assert Practice.objects.count() == 16 and Collection.objects.count() == 2


def test_every_record_cites_its_sources_and_is_searchable(db, client):
    call_command("seed_library")
    for practice in Practice.objects.prefetch_related("sources"):
        assert practice.sources.all(), practice.slug
        assert all(source.url.startswith("https://") for source in practice.sources.all()), practice.slug
        assert practice.emmie_effect and practice.body_html and "<script" not in practice.body_html
        assert Revision.objects.filter(practice=practice, action="publish").exists()
    response = client.get("/api/v1/practices/", {"q": "koban"})
    assert response.json()["results"][0]["slug"] == "koban"
    response = client.get("/practices/collections/8-cant-wait/")
    assert response.status_code == 200 and "Duty to intervene" in response.text
