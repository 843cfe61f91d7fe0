"""The forums' API by role: what each may read and write, the answers to bad input (400), to moves the state
forbids (409), to refusals (403), to what is not theirs to read (404), the limits of the pages applied to the API,
the moderators' moves refused to tokens, keyset pages and constant query counts."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from network.accounts.services import api_token_rotate
from network.forums import api as forums_api
from network.forums import services
from network.forums.models import Access, MemberRole, Post, Report, Topic
from tests.forums.conftest import seasoned
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


def session_client(user) -> APIClient:
    api = APIClient()
    api.force_login(user)
    return api


@pytest.fixture
def conversation(public_forum, member, other_member, start_topic, reply):
    topic = start_topic(public_forum, member, title="Duty to intervene in practice", body="How did you **write** it?")
    reply(topic, other_member, body="Into the general orders.")
    reply(topic, member, body="Thanks, and the training?")
    return topic


# --- Reading --------------------------------------------------------------------------------------------------


def test_it_lists_the_forums_with_a_listed_groups_content_withheld(
    public_forum, members_forum, group_forum, group_topic, participant
):
    visitor = APIClient().get("/api/v1/forums/").json()
    slugs = {row["slug"]: row for row in visitor["results"]}
    assert set(slugs) == {public_forum.slug, group_forum.slug}
    group = slugs[group_forum.slug]
    assert group["readable"] is False and group["topic_count"] is None and group["post_count"] is None
    assert group["last_post_at"] is None and group["feed"] is None
    assert slugs[public_forum.slug]["feed"].endswith(f"/forums/{public_forum.slug}/feed.atom")
    signed_in = token_client(participant).get("/api/v1/forums/").json()
    assert {row["slug"] for row in signed_in["results"]} == {public_forum.slug, members_forum.slug, group_forum.slug}
    assert visitor["next"] is None


def test_a_visitor_reads_a_public_topic_and_its_posts(conversation, member):
    api = APIClient()
    topics = api.get(f"/api/v1/forums/{conversation.forum.slug}/topics/").json()
    assert [row["title"] for row in topics["results"]] == ["Duty to intervene in practice"]
    row = topics["results"][0]
    assert row["author"] == member.handle and row["reply_count"] == 2 and row["unread"] is None
    detail = api.get(f"/api/v1/forums/topics/{conversation.pk}/").json()
    assert detail["last_post_number"] == 3 and detail["feed"].endswith(f"/forums/topics/{conversation.pk}/feed.atom")
    posts = api.get(f"/api/v1/forums/topics/{conversation.pk}/posts/").json()
    assert [post["number"] for post in posts["results"]] == [1, 2, 3]
    assert posts["results"][0]["body_html"] == "<p>How did you <strong>write</strong> it?</p>"
    assert posts["results"][1]["author"] == "luis_r"
    assert posts["next"] is None


def test_no_answer_names_an_author_by_id_or_email(conversation, member):
    api = APIClient()
    for url in (
        f"/api/v1/forums/{conversation.forum.slug}/topics/",
        f"/api/v1/forums/topics/{conversation.pk}/",
        f"/api/v1/forums/topics/{conversation.pk}/posts/",
        f"/api/v1/forums/posts/{conversation.posts.get(number=1).pk}/",
    ):
        text = api.get(url).content.decode()
        assert member.email not in text and '"author_id"' not in text and '"user' not in text


def test_a_pseudonymous_topic_names_its_author_by_pseudonym_only(public_forum, member, start_topic):
    topic = start_topic(public_forum, member, pseudonymous=True, body="I am at risk in my city.")
    pseudonym = topic.posts.get().pseudonym
    assert pseudonym
    api = APIClient()
    for url in (
        f"/api/v1/forums/{public_forum.slug}/topics/",
        f"/api/v1/forums/topics/{topic.pk}/",
        f"/api/v1/forums/topics/{topic.pk}/posts/",
        f"/api/v1/forums/posts/{topic.posts.get().pk}/",
        "/api/v1/forums/search/?q=risk",
    ):
        text = api.get(url).content.decode()
        assert pseudonym in text, url
        assert member.handle not in text and member.email not in text, url


def test_a_working_groups_content_is_refused_to_outsiders_and_read_by_its_members(
    group_forum, group_topic, group_member, participant, staff_member, login_with_second_factor, client
):
    slug = group_forum.slug
    for api in (APIClient(), token_client(participant)):
        assert api.get(f"/api/v1/forums/{slug}/").status_code == 200  # listed: its existence is public
        assert api.get(f"/api/v1/forums/{slug}/topics/").status_code == 403
        assert api.get(f"/api/v1/forums/topics/{group_topic.pk}/").status_code == 404
        assert api.get(f"/api/v1/forums/topics/{group_topic.pk}/posts/").status_code == 404
        assert api.get(f"/api/v1/forums/posts/{group_topic.posts.get().pk}/").status_code == 404
    member_api = token_client(group_member)
    assert member_api.get(f"/api/v1/forums/{slug}/topics/").json()["results"][0]["title"] == "Our budget talks"
    assert member_api.get(f"/api/v1/forums/topics/{group_topic.pk}/posts/").status_code == 200
    # Staff read every forum in a session that passed the second factor, not with a token.
    assert token_client(staff_member).get(f"/api/v1/forums/topics/{group_topic.pk}/").status_code == 404
    login_with_second_factor(staff_member)
    assert client.get(f"/api/v1/forums/topics/{group_topic.pk}/").status_code == 200


def test_an_unlisted_group_does_not_exist_for_outsiders(group_forum, participant):
    group_forum.listed = False
    group_forum.save(update_fields=["listed"])
    api = token_client(participant)
    assert api.get(f"/api/v1/forums/{group_forum.slug}/").status_code == 404
    assert api.get(f"/api/v1/forums/{group_forum.slug}/topics/").status_code == 404
    assert group_forum.slug not in api.get("/api/v1/forums/").content.decode()


def test_a_members_forum_is_read_by_participants_only(members_forum, member, start_topic, participant, city_rep):
    topic = start_topic(members_forum, member)
    assert APIClient().get(f"/api/v1/forums/topics/{topic.pk}/").status_code == 404
    assert token_client(participant).get(f"/api/v1/forums/topics/{topic.pk}/").status_code == 200
    assert token_client(city_rep).get(f"/api/v1/forums/topics/{topic.pk}/posts/").status_code == 200


def test_a_hidden_post_keeps_its_place_with_no_body_except_for_moderators(
    group_forum, group_topic, group_moderator, group_member, reply
):
    post = reply(group_topic, group_member, body="Something that breaks the rules.")
    services.post_hide(actor=group_moderator, post=post, reason="Off topic")
    other = seasoned("wg_other")
    services.member_add(actor=services.SYSTEM, forum=group_topic.forum, user=other, role=MemberRole.MEMBER)
    seen = token_client(other).get(f"/api/v1/forums/topics/{group_topic.pk}/posts/").json()["results"][1]
    assert seen["hidden"] is True and seen["body"] == "" and seen["body_html"] == ""
    # Its author still reads what they wrote, marked hidden.
    own = token_client(group_member).get(f"/api/v1/forums/topics/{group_topic.pk}/posts/").json()["results"][1]
    assert own["hidden"] is True and own["body"] == "Something that breaks the rules."
    moderator = session_client(group_moderator).get(f"/api/v1/forums/posts/{post.pk}/").json()
    assert moderator["body"] == "Something that breaks the rules."


def test_topic_lists_are_keyset_pages(public_forum, member, start_topic, monkeypatch):
    monkeypatch.setattr("network.forums.selectors.TOPICS_PER_PAGE", 2)
    for number in range(5):
        start_topic(public_forum, member, title=f"Topic number {number}")
    api = APIClient()
    url, titles = f"/api/v1/forums/{public_forum.slug}/topics/", []
    while url:
        page = api.get(url).json()
        titles += [row["title"] for row in page["results"]]
        url = page["next"]
    assert titles == [f"Topic number {number}" for number in reversed(range(5))]
    assert api.get(f"/api/v1/forums/{public_forum.slug}/topics/?cursor=nonsense").status_code == 404


def test_post_lists_are_pages_of_numbers(conversation, monkeypatch):
    monkeypatch.setattr("network.forums.selectors.POSTS_PER_PAGE", 2)
    api = APIClient()
    first = api.get(f"/api/v1/forums/topics/{conversation.pk}/posts/").json()
    assert [post["number"] for post in first["results"]] == [1, 2]
    second = api.get(first["next"]).json()
    assert [post["number"] for post in second["results"]] == [3] and second["next"] is None
    assert api.get(f"/api/v1/forums/topics/{conversation.pk}/posts/?from=4").status_code == 404
    assert api.get(f"/api/v1/forums/topics/{conversation.pk}/posts/?from=zero").status_code == 400


# --- Writing --------------------------------------------------------------------------------------------------


def test_a_participant_starts_a_topic_and_replies_with_a_token(public_forum, member, other_member, publish):  # noqa: F811
    practice = publish(slug="duty-to-intervene", title="Duty to intervene")
    api = token_client(member)
    response = api.post(
        f"/api/v1/forums/{public_forum.slug}/topics/",
        {"title": "Writing a duty to intervene", "body": "Where to start?", "practice": practice.slug},
        format="json",
    )
    assert response.status_code == 201, response.content
    topic = response.json()
    assert topic["practice"] == practice.slug and topic["author"] == member.handle and topic["language"] == "en"
    opening = Post.objects.get(topic_id=topic["id"], number=1)
    other = token_client(other_member)
    response = other.post(
        f"/api/v1/forums/topics/{topic['id']}/posts/",
        {"body": "With the union.", "language": "fr", "quote_of": opening.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 2 and response.json()["quote_author"] == member.handle
    assert Post.objects.get(number=2, topic_id=topic["id"]).ip_hash != ""


def test_a_visitor_may_not_write(conversation):
    api = APIClient()
    assert api.post(f"/api/v1/forums/{conversation.forum.slug}/topics/", {}, format="json").status_code == 401
    assert api.post(f"/api/v1/forums/topics/{conversation.pk}/posts/", {}, format="json").status_code == 401


def test_an_outsider_may_not_post_in_a_working_group(group_forum, group_topic, participant):
    api = token_client(participant)
    response = api.post(
        f"/api/v1/forums/{group_forum.slug}/topics/", {"title": "Let me in please", "body": "Hello"}, format="json"
    )
    assert response.status_code == 403
    reply = api.post(f"/api/v1/forums/topics/{group_topic.pk}/posts/", {"body": "Hello"}, format="json")
    assert reply.status_code == 404
    assert Topic.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("topics", {"body": "No title"}, "title"),
        ("topics", {"title": "A fine title", "body": ""}, "body"),
        ("topics", {"title": "A fine title", "body": "Words", "language": "xx"}, "language"),
        ("topics", {"title": "A fine title", "body": "Words", "practice": "no-such-practice"}, "practice"),
        ("topics", {"title": "A fine title", "body": "Words", "city": "no-such-city"}, "city"),
        ("topics", {"title": "A fine title", "body": "x" * 20_001}, "body"),
        ("reply", {"body": ""}, "body"),
        ("reply", {"body": "Words", "quote_of": 999999}, "quote_of"),
        ("reply", {"body": "Words", "pseudonymous": "perhaps"}, "pseudonymous"),
        ("edit", {"body": ""}, "body"),
        ("reaction", {"kind": "<script>alert(1)</script>"}, "kind"),
        ("report", {"reason": "dislike"}, "reason"),
        ("report", {"reason": "spam", "note": "n" * 2001}, "note"),
        ("read", {"number": 0}, "number"),
    ],
)
def test_it_answers_bad_input_with_field_errors(conversation, member, other_member, path, body, field):
    opening = conversation.posts.get(number=1)
    urls = {
        "topics": ("post", f"/api/v1/forums/{conversation.forum.slug}/topics/"),
        "reply": ("post", f"/api/v1/forums/topics/{conversation.pk}/posts/"),
        "edit": ("patch", f"/api/v1/forums/posts/{opening.pk}/"),
        "reaction": ("post", f"/api/v1/forums/posts/{opening.pk}/reactions/"),
        "report": ("post", f"/api/v1/forums/posts/{opening.pk}/report/"),
        "read": ("post", f"/api/v1/forums/topics/{conversation.pk}/read/"),
    }
    method, url = urls[path]
    api = token_client(other_member if path == "report" else member)
    response = getattr(api, method)(url, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()


def test_a_quote_must_come_from_the_same_topic(public_forum, conversation, member, start_topic):
    elsewhere = start_topic(public_forum, member, title="Another topic entirely").posts.get()
    response = token_client(member).post(
        f"/api/v1/forums/topics/{conversation.pk}/posts/", {"body": "Words", "quote_of": elsewhere.pk}, format="json"
    )
    assert response.status_code == 400 and "quote_of" in response.json()


def test_an_author_edits_and_deletes_their_post_and_no_one_else_does(conversation, member, other_member):
    opening = conversation.posts.get(number=1)
    assert (
        token_client(other_member)
        .patch(f"/api/v1/forums/posts/{opening.pk}/", {"body": "Hijacked"}, format="json")
        .status_code
        == 403
    )
    api = token_client(member)
    edited = api.patch(f"/api/v1/forums/posts/{opening.pk}/", {"body": "Better words"}, format="json")
    assert edited.status_code == 200 and edited.json()["body"] == "Better words" and edited.json()["edit_count"] == 1
    assert token_client(other_member).delete(f"/api/v1/forums/posts/{opening.pk}/").status_code == 403
    own_reply = conversation.posts.get(number=3)
    assert api.delete(f"/api/v1/forums/posts/{own_reply.pk}/").status_code == 204
    gone = APIClient().get(f"/api/v1/forums/topics/{conversation.pk}/posts/").json()["results"][2]
    assert gone["deleted"] is True and gone["body"] == "" and gone["number"] == 3


def test_reactions_are_counted_and_toggled(conversation, other_member, third_member):
    opening = conversation.posts.get(number=1)
    url = f"/api/v1/forums/posts/{opening.pk}/reactions/"
    first = token_client(other_member).post(url, {"kind": "thanks"}, format="json").json()
    assert first["reactions"]["thanks"] == 1 and first["my_reactions"] == ["thanks"]
    third = token_client(third_member)
    assert third.post(url, {"kind": "thanks"}, format="json").json()["reactions"]["thanks"] == 2
    undone = third.post(url, {"kind": "thanks"}, format="json").json()
    assert undone["reactions"]["thanks"] == 1 and undone["my_reactions"] == []
    listed = APIClient().get(url).json()
    assert listed == {"reactions": {"thanks": 1, "agree": 0, "insightful": 0, "support": 0}, "my_reactions": []}


def test_reports_go_once_per_person_and_three_hide_the_post(conversation, other_member, third_member, participant):
    post = conversation.posts.get(number=2)
    url = f"/api/v1/forums/posts/{post.pk}/report/"
    for person in (participant, conversation.author, third_member):
        response = token_client(person).post(url, {"reason": "abuse", "note": "Insults."}, format="json")
        assert response.status_code == 201, response.content
    again = token_client(participant).post(url, {"reason": "spam"}, format="json")
    assert again.status_code == 409 and Report.objects.filter(post=post).count() == 3
    assert token_client(other_member).post(url, {"reason": "spam"}, format="json").status_code == 403  # own post
    post.refresh_from_db()
    assert post.hidden is True


def test_a_new_accounts_first_day_and_the_rate_limit_apply_to_the_api(public_forum, settings):
    newcomer = seasoned("fresh_start")
    newcomer.date_joined = newcomer.date_joined.__class__.now(tz=newcomer.date_joined.tzinfo)
    newcomer.save(update_fields=["date_joined"])
    api = token_client(newcomer)
    url = f"/api/v1/forums/{public_forum.slug}/topics/"
    for number in range(settings.FORUMS_NEW_ACCOUNT_TOPICS):
        assert api.post(url, {"title": f"New topic {number}", "body": "Hi"}, format="json").status_code == 201
    refused = api.post(url, {"title": "One topic too many", "body": "Hi"}, format="json")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "first day" in refused.json()["detail"]
    links = api.post(
        f"/api/v1/forums/topics/{Topic.objects.first().pk}/posts/",
        {"body": "[a](https://a.example) [b](https://b.example) [c](https://c.example)"},
        format="json",
    )
    assert links.status_code == 400 and "body" in links.json()


def test_posting_too_fast_answers_429(public_forum, member, settings):
    settings.FORUMS_RATE_LIMIT_POSTS = 2
    api = token_client(member)
    url = f"/api/v1/forums/{public_forum.slug}/topics/"
    assert api.post(url, {"title": "First of many", "body": "Hi"}, format="json").status_code == 201
    assert api.post(url, {"title": "Second of many", "body": "Hi"}, format="json").status_code == 201
    refused = api.post(url, {"title": "Third of many", "body": "Hi"}, format="json")
    assert refused.status_code == 429 and "too fast" in refused.json()["detail"]
    assert Topic.objects.count() == 2


def test_read_state_moves_the_unread_count(conversation, other_member):
    api = token_client(other_member)
    assert api.post(f"/api/v1/forums/topics/{conversation.pk}/read/", {"number": 2}, format="json").status_code == 204
    row = api.get(f"/api/v1/forums/{conversation.forum.slug}/topics/").json()["results"][0]
    assert row["unread"] == 1


# --- Moderators' moves ----------------------------------------------------------------------------------------


def test_a_forum_moderator_hides_and_restores_in_a_session(
    group_forum, group_topic, group_moderator, group_member, reply
):
    post = reply(group_topic, group_member, body="Rude words.")
    api = session_client(group_moderator)
    hidden = api.post(f"/api/v1/forums/posts/{post.pk}/hide/", {"reason": "Rude"}, format="json")
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    again = api.post(f"/api/v1/forums/posts/{post.pk}/hide/", {"reason": "Rude"}, format="json")
    assert again.status_code == 409 and "already hidden" in again.json()["detail"]
    restored = api.post(f"/api/v1/forums/posts/{post.pk}/restore/", {"reason": "On reflection"}, format="json")
    assert restored.status_code == 200 and restored.json()["hidden"] is False
    assert api.post(f"/api/v1/forums/posts/{post.pk}/hide/", {}, format="json").status_code == 400  # no reason


def test_moderator_moves_are_refused_to_api_tokens(group_topic, group_moderator, group_member, reply, staff_member):
    post = reply(group_topic, group_member, body="Rude words.")
    for person in (group_moderator, staff_member):
        api = token_client(person)
        response = api.post(f"/api/v1/forums/posts/{post.pk}/hide/", {"reason": "Rude"}, format="json")
        assert response.status_code == 403 and "API token" in response.json()["detail"]
        assert (
            api.post(f"/api/v1/forums/topics/{group_topic.pk}/lock/", {"reason": "x"}, format="json").status_code == 403
        )
    post.refresh_from_db()
    assert post.hidden is False


def test_members_who_do_not_moderate_are_refused(conversation, member, other_member):
    api = session_client(other_member)
    post = conversation.posts.get(number=1)
    assert api.post(f"/api/v1/forums/posts/{post.pk}/hide/", {"reason": "x"}, format="json").status_code == 403
    assert api.post(f"/api/v1/forums/topics/{conversation.pk}/pin/", {"reason": "x"}, format="json").status_code == 403
    assert APIClient().post(f"/api/v1/forums/topics/{conversation.pk}/pin/", {}, format="json").status_code == 401


def test_staff_moderate_every_forum_with_the_second_factor(
    conversation, staff_member, login_with_second_factor, client, members_forum
):
    api = session_client(staff_member)  # signed in without the second factor: a participant's powers
    assert api.post(f"/api/v1/forums/topics/{conversation.pk}/lock/", {"reason": "Heated"}).status_code == 403
    login_with_second_factor(staff_member)
    url = f"/api/v1/forums/topics/{conversation.pk}"
    locked = client.post(f"{url}/lock/", {"reason": "Heated"}, content_type="application/json")
    assert locked.status_code == 200 and locked.json()["locked"] is True
    assert client.post(f"{url}/lock/", {"reason": "Heated"}, content_type="application/json").status_code == 409
    for move, flag in (("unlock", "locked"), ("pin", "pinned"), ("close", "closed")):
        answer = client.post(f"{url}/{move}/", {"reason": "Because"}, content_type="application/json")
        assert answer.status_code == 200 and answer.json()[flag] is (move != "unlock"), move
    assert client.post(f"{url}/close/", {"reason": "x"}, content_type="application/json").status_code == 409
    for move, flag in (("reopen", "closed"), ("unpin", "pinned")):
        answer = client.post(f"{url}/{move}/", {"reason": "Because"}, content_type="application/json")
        assert answer.status_code == 200 and answer.json()[flag] is False, move
    moved = client.post(
        f"{url}/move/", {"forum": members_forum.slug, "reason": "Members only"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["forum"] == members_forum.slug
    nowhere = client.post(f"{url}/move/", {"forum": "nowhere", "reason": "x"}, content_type="application/json")
    assert nowhere.status_code == 400 and "forum" in nowhere.json()
    post = conversation.posts.get(number=2)
    removed = client.post(
        f"/api/v1/forums/posts/{post.pk}/remove/", {"reason": "Spam"}, content_type="application/json"
    )
    assert removed.status_code == 200 and removed.json()["deleted"] is True


def test_every_move_is_an_endpoint_of_its_own():
    assert set(forums_api.POST_MOVES) == {"hide", "restore", "remove"}
    assert set(forums_api.TOPIC_MOVES) == {"lock", "unlock", "pin", "unpin", "close", "reopen", "move"}
    for move in forums_api.TOPIC_MOVES:
        assert reverse(f"api:forum_topic_{move}", args=[1]) == f"/api/v1/forums/topics/1/{move}/"


def test_the_api_root_lists_the_forums(client):
    root = client.get("/api/v1/").json()
    assert root["forums"].endswith("/api/v1/forums/") and root["forum_search"].endswith("/api/v1/forums/search/")


# --- Query counts ---------------------------------------------------------------------------------------------


def test_the_topic_list_reads_with_a_constant_number_of_queries(
    public_forum, member, other_member, start_topic, reply, django_assert_num_queries
):
    for number in range(3):
        topic = start_topic(public_forum, member, title=f"Counting topic {number}", pseudonymous=number == 1)
        reply(topic, other_member)
    api = token_client(other_member)
    url = f"/api/v1/forums/{public_forum.slug}/topics/"
    api.get(url)
    # token, forum, memberships, topics with read state, opening posts' labels
    with django_assert_num_queries(5):
        assert len(api.get(url).json()["results"]) == 3
    for number in range(3, 6):
        start_topic(public_forum, member, title=f"Counting topic {number}")
    with django_assert_num_queries(5):
        assert len(api.get(url).json()["results"]) == 6


def test_the_post_list_reads_with_a_constant_number_of_queries(
    conversation, other_member, third_member, reply, django_assert_num_queries
):
    api = token_client(third_member)
    url = f"/api/v1/forums/topics/{conversation.pk}/posts/"
    api.get(url)
    # token, topic, posts, reaction counts with the reader's own reactions, blocks
    with django_assert_num_queries(5):
        assert len(api.get(url).json()["results"]) == 3
    for _ in range(4):
        reply(conversation, other_member, body="More and more")
    with django_assert_num_queries(5):
        assert len(api.get(url).json()["results"]) == 7


def test_the_forum_list_reads_with_a_constant_number_of_queries(
    public_forum, members_forum, group_forum, member, django_assert_num_queries
):
    api = token_client(member)
    api.get("/api/v1/forums/")
    # token, memberships, forums, sanctions
    with django_assert_num_queries(4):
        assert len(api.get("/api/v1/forums/").json()["results"]) == 3
    services.forum_create(actor=services.SYSTEM, slug="another-one", name="Another one", access=Access.PUBLIC)
    with django_assert_num_queries(4):
        assert len(api.get("/api/v1/forums/").json()["results"]) == 4
