"""Post search, on the page and through the API: only what the viewer may read is found, counted or quoted; each
post is read in its own language's dictionary; a title counts above a body; snippets are escaped before the
highlights go in; filters by forum, practice, city, author and period; a pseudonymous post is never found by its
author's handle; and a constant number of queries."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from cities.models import City
from network.accounts.services import api_token_rotate
from network.forums import services
from network.forums.models import Post
from network.forums.search import search_posts
from tests.practices.conftest import publish, second_curator  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    # The API's own throttles are tested apart; the forums' rate limit is not a throttle and stays on.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})


def token_client(user) -> APIClient:
    _token, key = api_token_rotate(actor=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def found(api, **query) -> dict:
    response = api.get("/api/v1/forums/search/", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_working_groups_posts_are_found_by_its_members_only(
    client, public_forum, group_forum, group_moderator, group_member, member, participant, start_topic, reply
):
    start_topic(public_forum, member, title="Koban posts in our city", body="The koban works well here.")
    secret = start_topic(group_forum, group_moderator, title="Budget", body="The koban budget is confidential.")
    reply(secret, group_member, body="Koban figures stay between us: 4.2 million.")
    for api in (APIClient(), token_client(participant)):
        answer = found(api, q="koban")
        assert answer["count"] == 1 and len(answer["results"]) == 1
        assert "confidential" not in str(answer) and "4.2 million" not in str(answer)
        assert found(api, q="koban", forum=group_forum.slug)["count"] == 0
        assert found(api, q="confidential")["count"] == 0
    page = client.get("/forums/search/", {"q": "koban"})
    assert page.status_code == 200 and "1 post found" in page.text
    assert "confidential" not in page.text and "4.2 million" not in page.text and "Budget" not in page.text
    inside = found(token_client(group_member), q="koban")
    assert inside["count"] == 3
    assert {row["forum"] for row in inside["results"]} == {public_forum.slug, group_forum.slug}


def test_hidden_and_deleted_posts_are_not_found_except_hidden_ones_by_moderators(
    group_forum, group_moderator, group_member, start_topic, reply
):
    topic = start_topic(group_forum, group_moderator, title="Meeting notes", body="Agenda for Tuesday.")
    hidden = reply(topic, group_member, body="A tangerine remark.")
    deleted = reply(topic, group_member, body="A tangerine afterthought.")
    services.post_hide(actor=group_moderator, post=hidden, reason="Off topic")
    services.post_delete(actor=group_member, post=deleted)
    assert found(token_client(group_member), q="tangerine")["count"] == 0
    moderator = APIClient()
    moderator.force_login(group_moderator)
    assert [row["id"] for row in found(moderator, q="tangerine")["results"]] == [hidden.pk]


def test_each_post_is_read_in_its_own_languages_dictionary(public_forum, member, start_topic):
    french = start_topic(public_forum, member, title="Patrouilles", body="Les policiers patrouillaient.", language="fr")
    english = start_topic(public_forum, member, title="Words", body="They wrote patrouillaient.", language="en")
    spanish = start_topic(public_forum, member, title="Barrios", body="Las organizaciones vecinales.", language="es")
    api = APIClient()
    # French stemming: "patrouiller" and "patrouillaient" share a stem in French, not in English.
    assert [row["topic"] for row in found(api, q="patrouiller")["results"]] == [french.pk]
    assert english.pk in [row["topic"] for row in found(api, q="patrouillaient")["results"]]
    assert [row["topic"] for row in found(api, q="organización")["results"]] == [spanish.pk]
    # English stop words are not words in French: an English post is not found by them.
    assert found(api, q="the")["count"] == 0


def test_a_title_counts_above_a_body(public_forum, member, other_member, start_topic, reply):
    body_only = start_topic(public_forum, member, title="General questions", body="Mediation came up again.")
    reply(body_only, other_member, body="Mediation, mediation and more mediation.")
    titled = start_topic(public_forum, member, title="Mediation teams", body="Who funds them?")
    results = found(APIClient(), q="mediation")["results"]
    assert results[0]["topic"] == titled.pk and results[0]["number"] == 1
    assert [row["rank"] for row in results] == sorted((row["rank"] for row in results), reverse=True)
    newest = found(APIClient(), q="mediation", sort="newest")["results"]
    assert [row["id"] for row in newest] == sorted((row["id"] for row in newest), reverse=True)


def test_snippets_are_escaped_before_the_highlights_go_in(client, public_forum, member, start_topic):
    start_topic(
        public_forum,
        member,
        title="<b>Ombudsman</b> & <i>friends</i>",
        body="<script>alert('x')</script> The ombudsman said \"<img src=x onerror=alert(1)>\" & left.",
    )
    row = found(APIClient(), q="ombudsman")["results"][0]
    assert "<mark>ombudsman</mark>" in row["snippet"].lower()
    assert "<script" not in row["snippet"] and "<img" not in row["snippet"]
    assert "&lt;/script&gt;" in row["snippet"] and "&lt;img" in row["snippet"]
    assert row["title_snippet"].startswith("&lt;b&gt;<mark>Ombudsman</mark>&lt;/b&gt; &amp; &lt;i&gt;")
    page = client.get("/forums/search/", {"q": "ombudsman"}).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Ombudsman" not in page
    assert "<mark>Ombudsman</mark>" in page and "&lt;/script&gt;" in page
    # Without words (an author's posts), the start of the body and the title, escaped the same way.
    row = found(APIClient(), author=member.handle)["results"][0]
    assert row["snippet"].startswith("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; The ombudsman said &quot;")
    assert row["title_snippet"] == "&lt;b&gt;Ombudsman&lt;/b&gt; &amp; &lt;i&gt;friends&lt;/i&gt;"


def test_it_filters_by_forum_practice_city_author_and_period(
    publish,  # noqa: F811
    public_forum,
    members_forum,
    member,
    other_member,
    participant,
    start_topic,
    reply,
):
    practice = publish(slug="koban", title="Koban")
    city = City.objects.create(
        name="Kinshasa",
        slug="kinshasa-cd",
        search_name="kinshasa",
        country_code="CD",
        region="africa",
        population=17_000_000,
        latitude=-4.3,
        longitude=15.3,
    )
    on_practice = start_topic(public_forum, member, title="Walnut practice", body="walnut", practice=practice)
    on_city = start_topic(members_forum, other_member, title="Walnut city", body="walnut", city=city)
    answer = reply(on_practice, other_member, body="A walnut reply.")
    api = token_client(participant)
    assert found(api, q="walnut")["count"] == 3
    assert {row["id"] for row in found(api, q="walnut", forum=members_forum.slug)["results"]} == {
        on_city.posts.get().pk
    }
    assert {row["topic"] for row in found(api, q="walnut", practice="koban")["results"]} == {on_practice.pk}
    assert {row["topic"] for row in found(api, q="walnut", city="kinshasa-cd")["results"]} == {on_city.pk}
    assert {row["id"] for row in found(api, q="walnut", author="luis_r")["results"]} == {
        answer.pk,
        on_city.posts.get().pk,
    }
    Post.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()
    assert found(api, q="walnut", since=today.isoformat())["count"] == 2
    assert [row["id"] for row in found(api, q="walnut", until=(today - timedelta(days=5)).isoformat())["results"]] == [
        answer.pk
    ]
    assert found(api, q="walnut", since=today.isoformat(), until=(today - timedelta(days=1)).isoformat())["count"] == 0
    # Filters alone list the newest posts that pass them.
    assert found(api, author="amara_k")["count"] == 1


def test_a_pseudonymous_post_is_never_found_by_its_authors_handle(public_forum, member, start_topic):
    topic = start_topic(public_forum, member, title="Hazelnut", body="I saw hazelnut trees.", pseudonymous=True)
    pseudonym = topic.posts.get().pseudonym
    start_topic(public_forum, member, title="Signed hazelnut", body="hazelnut again")
    api = APIClient()
    by_handle = found(api, q="hazelnut", author=member.handle)
    assert [row["topic"] for row in by_handle["results"]] != [] and topic.pk not in [
        row["topic"] for row in by_handle["results"]
    ]
    assert by_handle["count"] == 1
    by_pseudonym = found(api, q="hazelnut", author=pseudonym)
    assert [row["topic"] for row in by_pseudonym["results"]] == [topic.pk]
    assert by_pseudonym["results"][0]["author"] == pseudonym and member.handle not in str(by_pseudonym)
    assert search_posts(AnonymousUser(), author=member.handle).filter(topic=topic).count() == 0


def test_it_answers_bad_input_with_field_errors(client, public_forum):
    api = APIClient()
    for query, field in (
        ({"since": "yesterday"}, "since"),
        ({"forum": "not a slug"}, "forum"),
        ({"practice": "<script>"}, "practice"),
        ({"sort": "loudest"}, "sort"),
        ({"q": "x" * 201}, "q"),
    ):
        response = api.get("/api/v1/forums/search/", query)
        assert response.status_code == 400 and field in response.json(), query
    page = client.get("/forums/search/", {"since": "yesterday", "q": "kept words"})
    assert page.status_code == 400 and "There is a problem" in page.text and 'value="kept words"' in page.text
    assert api.get("/api/v1/forums/search/", {"q": "koban", "cursor": "!!"}).status_code == 404


def test_search_results_are_keyset_pages(public_forum, member, start_topic, monkeypatch):
    from network.forums import api as forums_api

    monkeypatch.setattr(forums_api, "SEARCH_RESULTS_PER_PAGE", 2)
    for number in range(5):
        start_topic(public_forum, member, title=f"Chestnut {number}", body="chestnut " * (number + 1))
    api, url, seen = APIClient(), "/api/v1/forums/search/?q=chestnut", []
    while url:
        page = api.get(url).json()
        assert page["count"] == 5
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert len(seen) == 5 and len(set(seen)) == 5


def test_counting_stops_past_the_limit_and_says_so(
    client, public_forum, members_forum, member, start_topic, monkeypatch
):
    from network.forums import api as forums_api
    from network.forums import search

    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 2)
    monkeypatch.setattr(forums_api, "SEARCH_RESULTS_PER_PAGE", 2)
    for number in range(5):
        start_topic(public_forum, member, title=f"Hazel {number}", body="hazel")
    # A private forum's matches are never counted, not even as "more".
    start_topic(members_forum, member, title="Hazel kept", body="hazel")
    # The count reads one post past the limit, never every match.
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/forums/search/", {"q": "hazel"})
    assert page.status_code == 200
    counts = [query["sql"] for query in captured if "COUNT(" in query["sql"] and "forums_post" in query["sql"]]
    assert len(counts) == 1 and "LIMIT 4) found)" in counts[0], counts
    text = page.text
    assert "More than 3 posts found: the first 3 are listed." in text and "posts found</p>" not in text
    # Numbered pages end at the limit: two pages of two for three posts.
    assert "Page 1 of 2" in text
    assert client.get("/forums/search/", {"q": "hazel", "page": 9}).text.count('class="practice-card"') == 1
    # The API says the same, and its cursor still reaches every post.
    answer, seen = found(APIClient(), q="hazel"), []
    assert answer["count"] == 3 and answer["more_than_count"] is True
    url = "/api/v1/forums/search/?q=hazel"
    while url:
        answer = APIClient().get(url).json()
        seen += [row["id"] for row in answer["results"]]
        url = answer["next"]
    assert len(set(seen)) == 5
    # At the limit exactly, the count is exact and nothing says "more".
    monkeypatch.setattr(search, "COUNT_LIMIT", 5)
    assert found(APIClient(), q="hazel")["more_than_count"] is False
    assert "5 posts found" in client.get("/forums/search/", {"q": "hazel"}).text


def test_a_broad_search_ranks_the_most_recent_posts_and_a_narrow_one_every_post(
    client, public_forum, member, start_topic, reply, monkeypatch
):
    from network.forums import api as forums_api
    from network.forums import search

    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 2)
    monkeypatch.setattr(forums_api, "SEARCH_RESULTS_PER_PAGE", 2)
    monkeypatch.setattr(search, "_newest_seen", None)
    # Older posts with the word in their titles (ranked high), then newer replies with it in their bodies only.
    older = [start_topic(public_forum, member, title=f"Chestnut {n}", body="chestnut") for n in range(3)]
    newer = [reply(older[0], member, body=f"A chestnut, {n}.") for n in range(3)]
    newer_ids = {post.pk for post in newer}
    everything = found(APIClient(), q="chestnut")
    # The first search knows no newest post yet: it ranks every match, titles first.
    assert everything["more_than_count"] is True and everything["recent_only"] is False
    assert everything["results"][0]["topic"] in {topic.pk for topic in older}
    monkeypatch.setattr(search, "RECENT_POSTS", 3)
    answer = found(APIClient(), q="chestnut")
    assert answer["recent_only"] is True and answer["more_than_count"] is True and answer["count"] == 3
    seen, url = [], "/api/v1/forums/search/?q=chestnut"
    while url:
        page = APIClient().get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert set(seen) == newer_ids
    text = client.get("/forums/search/", {"q": "chestnut"}).text
    assert "listed here are the best matches among the most recent posts" in text and "Page 1 of 2" in text
    # Newest first lists every match, as does a search that finds no more than the limit.
    assert found(APIClient(), q="chestnut", sort="newest")["recent_only"] is False
    monkeypatch.setattr(search, "COUNT_LIMIT", 6)
    narrow = found(APIClient(), q="chestnut")
    assert narrow["recent_only"] is False and narrow["count"] == 6
    assert narrow["results"][0]["topic"] in {topic.pk for topic in older}
    # Fewer than a page of matches among the most recent: every match is ranked.
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search, "RECENT_POSTS", 1)
    assert found(APIClient(), q="chestnut")["recent_only"] is False


def test_the_counts_look_up_each_found_posts_topic_and_join_no_topic_table(
    client, public_forum, member, start_topic, reply, monkeypatch
):
    """Joined, Postgres read every topic of the network into a hash to count a thousand matches: the count grew with
    the forums. Looked up by the topic's key for each post counted, it reads what it counts."""
    from network.forums import search

    monkeypatch.setattr(search, "_newest_seen", 10**9)
    topic = start_topic(public_forum, member, title="Walnut", body="walnut")
    reply(topic, member, body="A walnut.")
    with CaptureQueriesContext(connection) as queries:
        assert "2 posts found" in client.get("/forums/search/", {"q": "walnut"}).text
    counts = [query["sql"] for query in queries.captured_queries if "SELECT COUNT(*)" in query["sql"]]
    searched = [sql for sql in counts if "search_vector" in sql]
    assert len(searched) == 1 and searched[0].count("SELECT COUNT(*)") == 2
    assert 'JOIN "forums_topic"' not in searched[0] and '"U0"."id" = ("forums_post"."topic_id")' in searched[0]


def test_the_search_reads_with_a_constant_number_of_queries(
    client, public_forum, members_forum, member, other_member, start_topic, reply, django_assert_num_queries
):
    for number in range(3):
        topic = start_topic(public_forum, member, title=f"Almond {number}", body="almond", pseudonymous=number == 1)
        reply(topic, other_member, body="almond too")
    api = token_client(other_member)
    api.get("/api/v1/forums/search/?q=almond")
    # token, memberships, the form's forums, count, results
    with django_assert_num_queries(5):
        assert found(api, q="almond")["count"] == 6
    client.force_login(other_member)
    client.get("/forums/search/?q=almond")
    # user, memberships, the form's forums, count, results, and the page's shared parts
    with django_assert_num_queries(7) as captured:
        assert "6 posts found" in client.get("/forums/search/?q=almond").text
    baseline = len(captured)
    for number in range(3, 6):
        topic = start_topic(members_forum, member, title=f"Almond {number}", body="almond")
        reply(topic, other_member, body="almond again")
    with django_assert_num_queries(5):
        assert found(api, q="almond")["count"] == 12
    with django_assert_num_queries(baseline):
        assert "12 posts found" in client.get("/forums/search/?q=almond").text


def test_it_ignores_accents_in_the_words_typed_and_in_the_posts(public_forum, member, start_topic):
    koban = start_topic(public_forum, member, title="Police boxes", body="The kōban of Tokyo.", language="en")
    medellin = start_topic(public_forum, member, title="Desde Colombia", body="En Medellín, la mesa.", language="es")
    paris = start_topic(public_forum, member, title="Médiation", body="La médiation à Créteil.", language="fr")
    plain = start_topic(public_forum, member, title="Koban", body="A koban in Bogotá.", language="en")
    api = APIClient()
    assert {row["topic"] for row in found(api, q="koban")["results"]} == {koban.pk, plain.pk}
    assert {row["topic"] for row in found(api, q="kōban")["results"]} == {koban.pk, plain.pk}
    assert [row["topic"] for row in found(api, q="Medellin")["results"]] == [medellin.pk]
    assert [row["topic"] for row in found(api, q="Medellín")["results"]] == [medellin.pk]
    assert [row["topic"] for row in found(api, q="mediation Creteil")["results"]] == [paris.pk]
    assert [row["topic"] for row in found(api, q="Bogota")["results"]] == [plain.pk]


def test_the_search_reads_the_posts_gin_index(public_forum, member, start_topic):
    topic = start_topic(public_forum, member, title="Police boxes", body="The kōban of Tokyo.")
    Post.objects.bulk_create(
        Post(topic=topic, number=n, author=member, body=f"Words {n} about patrols.", language="en")
        for n in range(2, 3002)
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE forums_post SET search_vector = to_tsvector('forums_english', body) WHERE number > 1")
        cursor.execute("SELECT gin_clean_pending_list('post_search'::regclass)")
        cursor.execute("ANALYZE forums_post")
        cursor.execute("SET LOCAL enable_seqscan = off")
    results = search_posts(AnonymousUser(), text="koban")
    plan = results.explain()
    assert "Bitmap Index Scan on post_search" in plan, plan
    assert len(results) == 1
