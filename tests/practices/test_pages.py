"""The library's pages: the list, a practice, collections and the matrix (page, CSV, comparison), with exact
query counts that do not grow with the data."""

import csv
import io
import re

import pytest

from cities import services as city_services
from cities.models import City, GazetteerPlace
from network.notifications.models import Follow
from practices.models import Adoption
from tests.cities.conftest import GLASGOW

EIGHT = [
    "Require de-escalation",
    "Use-of-force continuum",
    "Ban chokeholds and strangleholds",
    "Require warning before shooting",
    "Exhaust all alternatives before shooting",
    "Duty to intervene",
    "Ban shooting at moving vehicles",
    "Require comprehensive reporting",
]


@pytest.fixture
def eight(publish, collection_of):
    practices = [
        publish(title=title, sources=[{"title": f"Source {title}", "url": "https://example.org/"}]) for title in EIGHT
    ]
    for practice in practices[1:4]:
        practice.related.add(practices[0])
    return collection_of("8-cant-wait", practices, title="8 Can't Wait"), practices


def _cities(count: int):
    ids = GazetteerPlace.objects.filter(country_code="US").order_by("-population").values_list("geonames_id", flat=True)
    return [city_services.city_for_place(geonames_id=geonames_id) for geonames_id in ids[:count]]


def _adopt(cities, practices) -> None:
    """City n adopted the first n % 9 practices and has not adopted the rest."""
    Adoption.objects.bulk_create(
        Adoption(
            city=city,
            practice=practice,
            status="adopted" if index < number % 9 else "not_adopted",
            source="imported",
            source_note="test data",
        )
        for number, city in enumerate(cities)
        for index, practice in enumerate(practices)
    )


@pytest.fixture
def matrix_of(eight):
    def make(count: int):
        collection, practices = eight
        cities = _cities(count)
        _adopt(cities, practices)
        return collection, practices, cities

    return make


def test_the_library_list_makes_a_fixed_number_of_queries(client, publish, django_assert_num_queries):
    for number in range(3):
        publish(title=f"Practice {number}")
    # count, the page of records, their collections, the collections to filter by.
    with django_assert_num_queries(4):
        response = client.get("/practices/")
    assert response.status_code == 200
    for number in range(25):
        publish(title=f"More {number:02d}")
    with django_assert_num_queries(4):
        response = client.get("/practices/", {"theme": "use_of_force", "q": "officers"})
    assert response.status_code == 200
    assert response.text.count('class="practice-card"') == 20


def test_the_library_for_a_signed_in_person_makes_a_fixed_number_of_queries(
    client, publish, participant, django_assert_num_queries
):
    for number in range(3):
        publish(title=f"Practice {number}")
    client.force_login(participant)
    # user, count, page, collections of the page, the collections to filter by, groups for the header,
    # unread count. (No permissions are read: a session without the second factor holds no staff power.)
    with django_assert_num_queries(7):
        assert client.get("/practices/").status_code == 200


def test_a_practice_page_makes_a_fixed_number_of_queries(client, eight, django_assert_num_queries, staff_member):
    _collection, practices = eight
    cities = _cities(5)
    _adopt(cities, practices)
    practice = practices[0]
    # practice, sources, related, collections, the cities by status, changes, followers, the discussions attached
    # to it (the forums' section), the decided exchanges that cite it (exchange vetting's section; none here) and
    # the public pledges that name it (none here, so their practices are not read).
    with django_assert_num_queries(10):
        response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    assert "Source Require de-escalation" in response.text
    assert "8 Can&#x27;t Wait" in response.text
    assert "Use-of-force continuum" in response.text  # related
    # More cities, sources and related records: the same number of queries.
    _adopt(_cities(40)[5:], practices)
    for other in practices[4:]:
        practice.related.add(other)
    with django_assert_num_queries(10):
        response = client.get(practice.get_absolute_url())
    statuses = Adoption.objects.filter(practice=practice).count()
    assert response.text.count('<th scope="row"><a href="/practices/require-de-escalation/cities/') == statuses


def test_the_matrix_with_91_cities_makes_a_fixed_number_of_queries(client, matrix_of, django_assert_num_queries):
    _collection, _practices, cities = matrix_of(91)
    # collection, its practices, the matrix's cities (for the country filter), count, the page of cities with their
    # score, the cells.
    with django_assert_num_queries(6):
        response = client.get("/practices/collections/8-cant-wait/")
    assert response.status_code == 200
    assert "91 cities, each scored out of 8" in response.text
    assert response.text.count('<td class="score">') == 91
    assert response.text.count('class="cell cell-adopted"') == Adoption.objects.filter(status="adopted").count()
    # Sorted by score, highest first.
    assert response.text.index(f">{cities[8].name}</a>") < response.text.index(f">{cities[9].name}</a>")


def test_the_matrix_cells_link_each_record_with_its_label_escaped_and_translated(client, matrix_of):
    _collection, practices, cities = matrix_of(2)
    city = cities[1]
    City.objects.filter(pk=city.pk).update(name="Saint <Ville> & Co")
    Adoption.objects.filter(city=city, practice=practices[1]).delete()
    response = client.get("/practices/collections/8-cant-wait/", {"sort": "name"})
    first = practices[0]
    assert (
        f'<td class="cell cell-adopted"><a href="/practices/{first.slug}/cities/{city.slug}/">Adopted'
        f'<span class="visually-hidden">: {first.title}, Saint &lt;Ville&gt; &amp; Co</span></a></td>'
    ) in response.text
    assert f'<a href="/cities/{city.slug}/">Saint &lt;Ville&gt; &amp; Co</a>' in response.text
    assert '<td class="score">1 of 8</td>' in response.text
    assert response.text.count('<td class="cell cell-none"><span class="muted">no record</span></td>') == 1
    # Every link leads to the record's page.
    assert client.get(f"/practices/{first.slug}/cities/{city.slug}/").status_code == 200
    client.cookies["django_language"] = "fr"
    french = client.get("/practices/collections/8-cant-wait/", {"sort": "name"}).text
    assert '<td class="score">1 sur 8</td>' in french
    assert f'/cities/{city.slug}/">Adoptée<span' in french and '<span class="muted">non renseigné</span>' in french


def test_the_matrix_filters_sorts_and_paginates(client, matrix_of):
    _collection, practices, cities = matrix_of(12)
    glasgow = city_services.city_for_place(geonames_id=GLASGOW)
    Adoption.objects.create(city=glasgow, practice=practices[0], status="considering", source="self_reported")
    response = client.get("/practices/collections/8-cant-wait/", {"country": "GB"})
    assert "1 city, scored out of 8" in response.text and ">Glasgow</a>" in response.text
    response = client.get("/practices/collections/8-cant-wait/", {"region": "europe"})
    assert "1 city, scored out of 8" in response.text
    response = client.get("/practices/collections/8-cant-wait/", {"status": "considering"})
    assert "1 city, scored out of 8" in response.text
    response = client.get("/practices/collections/8-cant-wait/", {"sort": "name"})
    names = sorted([city.name for city in cities] + ["Glasgow"])
    assert response.text.index(f">{names[0]}</a>") < response.text.index(f">{names[-1]}</a>")
    assert client.get("/practices/collections/8-cant-wait/", {"sort": "best"}).status_code == 400
    assert client.get("/practices/collections/8-cant-wait/", {"status": "perhaps"}).status_code == 400
    assert client.get("/practices/collections/nothing-here/").status_code == 404


def test_the_matrix_downloads_as_csv_with_the_pages_filters(client, matrix_of):
    _collection, practices, cities = matrix_of(20)
    response = client.get("/practices/collections/8-cant-wait/matrix.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="8-cant-wait-matrix.csv"' in response["Content-Disposition"]
    # A byte-order mark, so that Excel reads the file as UTF-8.
    assert response.content.startswith(b"\xef\xbb\xbfcity,")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["city", "country", "region", "score", "out_of"]
    assert rows[0][5:] == [practice.slug for practice in practices]
    assert len(rows) == 21
    by_city = {row[0]: row for row in rows[1:]}
    second = by_city[cities[3].name]
    assert second[3:5] == ["3", "8"] and second[5:] == ["adopted"] * 3 + ["not_adopted"] * 5
    filtered = client.get("/practices/collections/8-cant-wait/matrix.csv", {"sort": "name", "country": "GB"})
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 1


def test_the_matrix_offers_only_the_countries_it_holds(client, matrix_of):
    _collection, practices, _cities = matrix_of(3)
    glasgow = city_services.city_for_place(geonames_id=GLASGOW)
    Adoption.objects.create(city=glasgow, practice=practices[0], status="considering", source="self_reported")
    text = client.get("/practices/collections/8-cant-wait/").text
    country_select = text[text.index('name="country"') : text.index("</select>", text.index('name="country"'))]
    assert country_select.count("<option") == 3  # Any, United Kingdom, United States
    assert 'value="GB"' in country_select and 'value="US"' in country_select
    assert 'value="FR"' not in country_select
    assert client.get("/practices/collections/8-cant-wait/", {"country": "FR"}).status_code == 400


def test_cities_compare_side_by_side(client, matrix_of):
    _collection, practices, cities = matrix_of(5)
    Adoption.objects.filter(city=cities[2], practice=practices[0]).update(policy_text="Officers shall de-escalate.")
    response = client.get("/practices/collections/8-cant-wait/compare/", {"city": [cities[2].slug, cities[4].slug]})
    assert response.status_code == 200
    assert "Officers shall de-escalate." in response.text
    assert "2 of 8" in response.text and "4 of 8" in response.text
    for bad in ([cities[0].slug], [city.slug for city in cities], ["atlantis-us", cities[0].slug]):
        response = client.get("/practices/collections/8-cant-wait/compare/", {"city": bad})
        assert response.status_code == 400
    page = client.get("/practices/collections/8-cant-wait/compare/", {"city": [cities[2].slug, cities[4].slug]})
    # Checkboxes, not a multiple select that needs Ctrl-click.
    assert "<select multiple" not in page.text and "multiple size" not in page.text
    assert re.search(f'type="checkbox" name="city" value="{cities[2].slug}" id="[^"]+" checked', page.text)
    assert client.get("/practices/collections/8-cant-wait/compare/").status_code == 200


def test_the_collections_page_lists_collections_with_their_size(client, eight, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/practices/collections/")
    assert "8 Can&#x27;t Wait" in response.text and "8 practices" in response.text


def test_people_follow_a_practice_with_htmx_or_a_plain_form(client, eight, participant):
    practice = eight[1][0]
    assert "Sign in to follow this practice" in client.get(practice.get_absolute_url()).text
    assert client.post(f"/practices/{practice.slug}/follow/").status_code == 302  # to sign in
    client.force_login(participant)
    response = client.post(f"/practices/{practice.slug}/follow/", {"follow": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "1 follower" in response.text and "Stop following" in response.text
    assert Follow.objects.filter(user=participant, target_type="practices.practice").count() == 1
    response = client.post(f"/practices/{practice.slug}/follow/", {"follow": "0"})
    assert response.status_code == 302
    assert not Follow.objects.exists()
    assert client.get(f"/practices/{practice.slug}/follow/").status_code == 405


def test_it_lists_every_city_with_a_status_grouped_by_status(client, eight):
    _collection, practices = eight
    practice = practices[0]
    cities = _cities(4)
    for city, status in zip(cities, ["considering", "adopted", "considering", "discontinued"], strict=True):
        Adoption.objects.create(city=city, practice=practice, status=status, source="imported")
    text = client.get(practice.get_absolute_url()).text
    adopted, considering, discontinued = (
        text.index("Adopted: 1 city"),
        text.index("Considering: 2 cities"),
        text.index("Discontinued: 1 city"),
    )
    assert adopted < considering < discontinued
    # Each city sits under its own status.
    link = '<a href="/practices/require-de-escalation/cities/{}/">'
    assert adopted < text.index(link.format(cities[1].slug)) < considering
    assert considering < text.index(link.format(cities[0].slug)) < discontinued
    assert considering < text.index(link.format(cities[2].slug)) < discontinued
    assert discontinued < text.index(link.format(cities[3].slug))
    assert "Piloting:" not in text


def _summary(text: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', text, re.S)
    assert match, "an error summary at the top of the form"
    return match.group(0)


def test_a_bad_library_filter_is_summarised_with_a_link_to_its_box(client, eight):
    response = client.get("/practices/", {"rating": "excellent", "kind": "rumour"})
    assert response.status_code == 400
    summary = _summary(response.text)
    assert 'role="alert"' in summary and "data-error-summary" in summary
    assert 'href="#id_rating_0"' in summary and 'href="#id_kind"' in summary
    assert summary.count("<li>") == 2
    assert 'id="id_rating_0"' in response.text and 'id="id_kind"' in response.text  # each link has its box
    assert "data-error-summary" not in client.get("/practices/", {"rating": "effective"}).text


def test_a_bad_matrix_filter_is_summarised_with_a_link_to_its_box(client, matrix_of):
    matrix_of(3)
    response = client.get("/practices/collections/8-cant-wait/", {"country": "FR", "sort": "best"})
    assert response.status_code == 400
    summary = _summary(response.text)
    assert 'href="#id_country"' in summary and 'href="#id_sort"' in summary
    assert 'id="id_country"' in response.text and 'id="id_sort"' in response.text


def test_a_bad_comparison_is_summarised_with_a_link_to_the_first_box(client, matrix_of):
    _collection, _practices, cities = matrix_of(5)
    response = client.get("/practices/collections/8-cant-wait/compare/", {"city": [cities[0].slug]})
    assert response.status_code == 400
    summary = _summary(response.text)
    assert 'href="#id_city"' in summary and "Choose two to four cities." in summary
    first_box = re.search(r'<input type="checkbox" name="city" value="[^"]+" id="id_city"', response.text)
    assert first_box and response.text.count('id="id_city"') == 1
    assert '<label for="id_city">' in response.text
    assert "data-error-summary" not in client.get("/practices/collections/8-cant-wait/compare/").text


def test_a_bad_filter_sent_in_the_background_loads_the_whole_page_with_its_summary(client, eight):
    # htmx puts no 400 answer in the page: it is told to load the whole page, at the same address, instead.
    query = {"rating": "excellent", "q": "force"}
    response = client.get("/practices/", query, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="practice-results")
    assert response.status_code == 400 and response.content == b""
    assert response["HX-Redirect"] == "/practices/?rating=excellent&q=force"
    whole = client.get(response["HX-Redirect"])
    assert whole.status_code == 400 and 'href="#id_rating_0"' in _summary(whole.text)
    good = client.get("/practices/", {"q": "force"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="practice-results")
    assert good.status_code == 200 and "HX-Redirect" not in good
