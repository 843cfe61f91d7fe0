"""A city's challenge matched to practices and to the member cities that adopted them, ranked as the README's
"Shared challenges" says, on a hand-built set of cities; the challenge's page and the matches API, with their
query counts and the one-click actions from a match."""

import pytest

from cities import services as city_services
from cities.challenges import challenge_create, legal_system_set
from cities.models import City
from network.forums.models import Access, Forum
from practices import services
from practices.matching import matches_for, size_band
from tests.cities.conftest import GLASGOW, KAMPALA, KINSHASA, SAO_PAULO, TBILISI
from tests.factories import UserFactory

# name → (gazetteer id, population, legal system, agencies as (name, level, the mayor controls it))
CITIES = {
    "kampala": (KAMPALA, 1_680_000, "common_law", [("Uganda Police Force", "national", False)]),
    "kinshasa": (KINSHASA, 16_000_000, "civil_law", [("Police nationale congolaise", "national", False)]),
    "tbilisi": (TBILISI, 1_050_000, "civil_law", [("Patrol Police", "national", False)]),
    "glasgow": (GLASGOW, 626_000, "mixed", [("Police Scotland", "regional", False)]),
    "sao_paulo": (
        SAO_PAULO,
        12_400_000,
        "civil_law",
        [("Guarda Civil Metropolitana", "municipal", True), ("Polícia Militar", "regional", False)],
    ),
}


@pytest.fixture
def network(member_city, publish, staff_member, city_rep):
    """Five member cities with their contexts, crisis-response practices, and who adopted which."""
    cities, leads = {}, {}
    for key, (geonames_id, population, legal_system, agencies) in CITIES.items():
        lead = UserFactory(handle=f"{key}_lead")
        city = member_city(lead, geonames_id)
        City.objects.filter(pk=city.pk).update(population=population)
        city.refresh_from_db()
        legal_system_set(actor=lead, city=city, legal_system=legal_system)
        for name, level, mayor_controls in agencies:
            city_services.agency_create(actor=lead, city=city, name=name, level=level, mayor_controls=mayor_controls)
        cities[key], leads[key] = city, lead

    def practice(title, rating, **fields):
        return publish(title=title, themes=["crisis_response"], rating=rating, study_count=2, **fields)

    practices = {
        "city_hall_teams": practice("Crisis teams under City Hall", "effective", transfer_mayoral_control="required"),
        "mobile_unit": practice("Mobile crisis unit", "promising"),
        "co_responder": practice("Co-responder model", "effective"),
        "triage": practice("Crisis line triage", "inconclusive", transfer_police_levels=["municipal"]),
        "harmful": practice("Armed welfare checks", "harmful"),
        "peer_support": practice("Peer crisis support", "inconclusive"),
        "other_theme": publish(title="Duty to intervene", themes=["use_of_force"], rating="effective"),
    }

    def adopted(city, practice, verified=True):
        actor = staff_member if verified else leads[city]
        services.adoption_record(actor=actor, city=cities[city], practice=practices[practice], status="adopted")

    adopted("sao_paulo", "city_hall_teams")
    for city in ("kinshasa", "tbilisi", "glasgow"):
        adopted(city, "mobile_unit")
    adopted("sao_paulo", "mobile_unit", verified=False)
    adopted("glasgow", "co_responder")
    adopted("kinshasa", "harmful")
    adopted("glasgow", "other_theme")
    challenges = {
        key: challenge_create(
            actor=leads[key], city=cities[key], kind="armed_crisis_response", description="Armed officers answer."
        )
        for key in ("kampala", "kinshasa", "sao_paulo")
    }
    return {"cities": cities, "leads": leads, "practices": practices, "challenges": challenges}


def _matches(challenge):
    from cities.selectors import challenge_by_id

    return matches_for(challenge_by_id(challenge.pk))


def test_the_size_bands():
    assert [size_band(n) for n in (249_999, 250_000, 999_999, 1_000_000, 4_999_999, 5_000_000)] == [0, 1, 1, 2, 2, 3]


def test_it_ranks_practices_by_rating_plus_the_closest_adopter(network):
    matches = _matches(network["challenges"]["kampala"])
    ranked = [(match.practice.title, match.score) for match in matches.practices]
    # Mobile crisis unit: promising 2 + Kinshasa's closeness 5; Co-responder: effective 3 + Glasgow's 2;
    # Peer crisis support: inconclusive 1, no adopter.
    assert ranked == [("Mobile crisis unit", 7), ("Co-responder model", 5), ("Peer crisis support", 1)]


def test_it_ranks_adopting_cities_by_closeness_then_name(network):
    mobile = _matches(network["challenges"]["kampala"]).practices[0]
    # Kinshasa: national police 2, no mayoral control in either 2, Africa 1 = 5; Tbilisi: 2 + 2 + the same size
    # band 1 = 5; Glasgow: no mayoral control in either 2. São Paulo's adoption is only self-reported: not shown.
    assert [(match.city.name, match.closeness) for match in mobile.cities] == [
        ("Kinshasa", 5),
        ("Tbilisi", 5),
        ("Glasgow", 2),
    ]
    kinshasa = mobile.cities[0]
    assert "Kinshasa adopted it; staff verified the record." in kinshasa.reasons
    assert "Same level of police: National police." in kinshasa.reasons
    assert "In neither city does the mayor control the police." in kinshasa.reasons
    assert "Same region: Africa." in kinshasa.reasons
    assert not any("legal system" in reason for reason in kinshasa.reasons)
    assert "Same size: one to five million people." in mobile.cities[1].reasons


def test_a_national_police_city_is_not_offered_a_practice_that_needs_mayoral_control(network):
    matches = _matches(network["challenges"]["kampala"])
    titles = {match.practice.title for match in matches.practices}
    assert "Crisis teams under City Hall" not in titles
    left_out = {item.practice.title: item.reason for item in matches.left_out}
    assert left_out == {
        "Crisis line triage": "It works only with municipal police, and Kampala has none.",
        "Crisis teams under City Hall": "It needs a police force the mayor controls, and Kampala has recorded none.",
    }


def test_a_city_whose_mayor_controls_a_police_force_is_offered_it(network):
    matches = _matches(network["challenges"]["sao_paulo"])
    titles = [match.practice.title for match in matches.practices]
    assert "Crisis teams under City Hall" in titles and "Crisis line triage" in titles
    assert not matches.left_out
    teams = next(match for match in matches.practices if match.practice.title == "Crisis teams under City Hall")
    # Its only adopter is São Paulo itself: a city is not matched to itself.
    assert teams.cities == [] and teams.score == 3
    assert "It needs a police force the mayor controls, which São Paulo has." in teams.reasons


def test_harmful_unpublished_and_other_theme_practices_are_never_offered(network):
    matches = _matches(network["challenges"]["kampala"])
    titles = {match.practice.title for match in matches.practices} | {item.practice.title for item in matches.left_out}
    assert not titles & {"Armed welfare checks", "Duty to intervene"}


def test_the_same_legal_system_counts(network):
    legal_system_set(actor=network["leads"]["kampala"], city=network["cities"]["kampala"], legal_system="civil_law")
    mobile = _matches(network["challenges"]["kampala"]).practices[0]
    assert [(match.city.name, match.closeness) for match in mobile.cities][:2] == [("Kinshasa", 6), ("Tbilisi", 6)]
    assert "Same legal system: Civil law." in mobile.cities[0].reasons


def test_cities_with_the_same_challenge_find_each_other(network):
    matches = _matches(network["challenges"]["kampala"])
    assert [other.city.name for other in matches.same_challenge] == ["Kinshasa", "São Paulo"]


def test_the_challenge_page_shows_matches_reasons_and_actions(client, network, django_assert_num_queries):
    challenge = network["challenges"]["kampala"]
    # the challenge with its city, the city's agencies, the candidate practices, the verified adoptions with their
    # cities, those cities' agencies, the cities with the same challenge
    with django_assert_num_queries(6):
        response = client.get(challenge.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert text.index("Mobile crisis unit") < text.index("Co-responder model") < text.index("Peer crisis support")
    assert "Why this match" in text and "It needs a police force the mayor controls" in text
    assert "Discuss with" not in text and "Propose a study visit" not in text


def test_a_representative_gets_the_discuss_and_study_visit_links(client, network, django_assert_num_queries):
    forum = Forum.objects.create(slug="crisis", name="Crisis response", access=Access.PUBLIC, theme="crisis_response")
    lead = network["leads"]["kampala"]
    client.force_login(lead)
    challenge = network["challenges"]["kampala"]
    # + user, header (groups, unread count), the viewer's representations, the forum to discuss in, the
    # viewer's sanctions
    with django_assert_num_queries(12):
        response = client.get(challenge.get_absolute_url())
    kinshasa = network["cities"]["kinshasa"]
    discuss = f"/forums/{forum.slug}/new/?city={kinshasa.slug}&amp;practice=mobile-crisis-unit"
    visit = (
        f"/exchanges/propose/{network['cities']['kampala'].slug}/?practice=mobile-crisis-unit&amp;host={kinshasa.slug}"
    )
    assert discuss in response.text and visit in response.text
    # The topic form opens attached to the city and the practice.
    form = client.get(discuss.replace("&amp;", "&"))
    assert form.status_code == 200 and form.context["city"] == kinshasa
    proposal = client.get(visit.replace("&amp;", "&"))
    assert proposal.status_code == 200
    assert proposal.context["form"].initial["exchange_type"] == "study_visit"


def test_a_participant_may_discuss_but_not_propose_a_visit(client, network, participant):
    Forum.objects.create(slug="crisis", name="Crisis response", access=Access.PUBLIC, theme="crisis_response")
    client.force_login(participant)
    text = client.get(network["challenges"]["kampala"].get_absolute_url()).text
    assert "Discuss with Kinshasa" in text and "Propose a study visit" not in text


def test_the_matches_api(client, network, django_assert_num_queries):
    challenge = network["challenges"]["kampala"]
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/challenges/{challenge.pk}/matches/")
    assert response.status_code == 200
    body = response.json()
    assert [row["slug"] for row in body["practices"]] == [
        "mobile-crisis-unit",
        "co-responder-model",
        "peer-crisis-support",
    ]
    assert [(row["name"], row["closeness"]) for row in body["practices"][0]["cities"]] == [
        ("Kinshasa", 5),
        ("Tbilisi", 5),
        ("Glasgow", 2),
    ]
    assert [row["slug"] for row in body["left_out"]] == ["crisis-line-triage", "crisis-teams-under-city-hall"]
    assert [row["city_name"] for row in body["same_challenge"]] == ["Kinshasa", "São Paulo"]
    assert client.get("/api/v1/challenges/999999/matches/").status_code == 404
    assert client.post(f"/api/v1/challenges/{challenge.pk}/matches/").status_code == 405


def test_the_city_page_lists_its_challenges(client, network):
    city = network["cities"]["kampala"]
    text = client.get(city.get_absolute_url()).text
    assert "Crisis calls answered by armed officers" in text and "Common law" in text
