import html
import re

import pytest
from django.utils import timezone

from network.notifications.models import EmailSchedule, Event, Notification, Preference
from network.notifications.services import notify
from tests.notifications.conftest import UPDATE, other_kinds_at_their_defaults


def news_from(outsider, headline: str, *, to, target_url: str = "/accounts/profile/") -> None:
    """A notification for `to`, from the outsider, about the outsider's profile."""
    notify(
        kind=UPDATE,
        recipients=[to],
        actor=outsider,
        target=outsider,
        target_url=target_url,
        data={"headline": headline},
    )


@pytest.fixture
def inbox(participant, outsider, update_kind):
    """Three notifications for the participant, from the outsider, about the outsider's profile."""
    for headline in ["first", "second", "third"]:
        news_from(outsider, headline, to=participant)
    return list(Notification.objects.filter(recipient=participant).order_by("created_at", "id"))


def test_the_bell_shows_the_unread_count_on_every_page_without_javascript(client, participant, inbox):
    client.force_login(participant)
    response = client.get("/")
    assert 'class="bell-count" aria-hidden="true">3</span>' in response.text
    assert "Notifications: 3 unread" in response.text
    assert 'hx-get="/notifications/bell/"' in response.text


def test_the_bell_fragment_refreshes_the_count(client, participant, inbox):
    client.force_login(participant)
    Notification.objects.filter(pk=inbox[0].pk).update(read_at=timezone.now())
    response = client.get("/notifications/bell/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.startswith('<a id="notification-bell"') and ">2</span>" in response.text


def test_the_bell_fragment_reads_only_the_person_and_their_count(client, participant, inbox, django_assert_num_queries):
    """No roles: the fragment shows no header, so the staff link's lookup is never made (the session is in Redis)."""
    client.force_login(participant)
    client.get("/notifications/bell/")
    with django_assert_num_queries(2):
        assert ">3</span>" in client.get("/notifications/bell/", headers={"HX-Request": "true"}).text


def test_the_bell_caps_the_count(client, participant, update_kind):
    events = Event.objects.bulk_create([Event(kind=UPDATE) for _ in range(120)])
    Notification.objects.bulk_create([Notification(event=event, recipient=participant) for event in events])
    client.force_login(participant)
    response = client.get("/notifications/bell/")
    assert ">99+</span>" in response.text and "more than 99 unread" in response.text


def test_the_list_shows_ones_own_notifications_newest_first_with_links(client, participant, outsider, inbox):
    notify(kind=UPDATE, recipients=[outsider], data={"headline": "not for the participant"})
    client.force_login(participant)
    response = client.get("/notifications/")
    assert response.status_code == 200
    text = response.text
    assert text.index("has news: third") < text.index("has news: second") < text.index("has news: first")
    assert "not for the participant" not in text
    assert f'href="/notifications/{inbox[0].pk}/"' in text
    assert "By someone_else" in text
    assert outsider.email not in text


def test_the_list_costs_the_same_queries_whatever_its_length(
    client, participant, outsider, update_kind, django_assert_num_queries
):
    client.force_login(participant)

    def add(count):
        for _ in range(count):
            notify(kind=UPDATE, recipients=[participant], actor=outsider, target=outsider)

    add(3)
    # user, page of notifications with events and actors, roles (staff link), bell count; no count: the
    # list pages by keyset
    with django_assert_num_queries(4):
        assert client.get("/notifications/").status_code == 200
    add(30)
    first = client.get("/notifications/").text
    older = re.search(r'href="\?(after=[^"]+)" rel="next">Older</a>', first).group(1)
    with django_assert_num_queries(4):
        response = client.get(f"/notifications/?{older}")
    assert response.text.count('<li class="notification') == 8
    assert 'rel="next"' not in response.text and 'href="?" rel="first">Newest</a>' in response.text


def test_the_list_pages_by_keyset_without_duplicates_or_gaps(client, participant, outsider, update_kind):
    for _ in range(60):
        notify(kind=UPDATE, recipients=[participant], actor=outsider, target=outsider)
    # Ties: many notifications of the same moment are split between pages by their ids.
    Notification.objects.filter(recipient=participant).update(created_at=timezone.now())
    client.force_login(participant)
    seen, url = [], "/notifications/?show=unread"
    while url:
        text = client.get(url).text
        seen += [int(pk) for pk in re.findall(r'id="notification-(\d+)"', text)]
        older = re.search(r'href="\?([^"]*after=[^"]+)" rel="next"', text)
        url = f"/notifications/?{html.unescape(older.group(1))}" if older else None
    mine = Notification.objects.filter(recipient=participant).order_by("-created_at", "-id")
    assert seen == list(mine.values_list("pk", flat=True))
    # A cursor that is not one we gave shows the first page.
    assert client.get("/notifications/", {"after": "not a cursor"}).status_code == 200
    assert 'rel="first"' not in client.get("/notifications/", {"after": "bm9wZQ"}).text


def test_the_unread_filter(client, participant, inbox):
    Notification.objects.filter(pk=inbox[0].pk).update(read_at=timezone.now())
    client.force_login(participant)
    text = client.get("/notifications/?show=unread").text
    assert "has news: first" not in text and "has news: third" in text


def test_opening_a_notification_marks_it_read_and_goes_to_its_target(client, participant, inbox):
    client.force_login(participant)
    response = client.get(f"/notifications/{inbox[0].pk}/")
    assert response.status_code == 302 and response.url == "/accounts/profile/"
    inbox[0].refresh_from_db()
    assert inbox[0].read_at is not None


def test_marking_one_as_read_with_and_without_htmx(client, participant, inbox):
    client.force_login(participant)
    response = client.post(f"/notifications/{inbox[0].pk}/read/", {"next": "/notifications/?page=1"})
    assert response.status_code == 302 and response.url == "/notifications/?page=1"
    response = client.post(f"/notifications/{inbox[1].pk}/read/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.startswith(f'<li class="notification" id="notification-{inbox[1].pk}">')
    assert response["HX-Trigger"] == "notifications-changed"
    assert Notification.objects.filter(recipient=participant, read_at__isnull=True).count() == 1


def test_marking_all_as_read(client, participant, outsider, inbox, update_kind):
    notify(kind=UPDATE, recipients=[outsider])
    client.force_login(participant)
    response = client.post("/notifications/read-all/", {"next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response.url == "/notifications/"  # never to another site
    assert not Notification.objects.filter(recipient=participant, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=outsider, read_at__isnull=True).count() == 1


def test_nobody_reads_or_marks_someone_elses_notification(client, outsider, inbox):
    client.force_login(outsider)
    assert client.get(f"/notifications/{inbox[0].pk}/").status_code == 404
    assert client.post(f"/notifications/{inbox[0].pk}/read/").status_code == 404
    assert not Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/notifications/"),
        ("get", "/notifications/bell/"),
        ("get", "/notifications/preferences/"),
        ("post", "/notifications/read-all/"),
        ("post", "/notifications/1/read/"),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/notifications/"), ("get", "/notifications/read-all/"), ("get", "/notifications/1/read/")],
)
def test_wrong_methods_are_refused(client, participant, method, path):
    client.force_login(participant)
    assert getattr(client, method)(path).status_code == 405


def test_the_preferences_page_saves_choices_per_kind(client, participant, update_kind):
    client.force_login(participant)
    response = client.get("/notifications/preferences/")
    assert response.status_code == 200
    assert "News from what you follow" in response.text
    assert "Security of your account" in response.text and "you cannot turn this off" in response.text
    others = other_kinds_at_their_defaults(UPDATE)
    response = client.post("/notifications/preferences/", {**others, f"{UPDATE}__email": "weekly"})  # in-app unticked
    assert response.status_code == 302
    preference = Preference.objects.get(user=participant, kind=UPDATE)
    assert (preference.in_app, preference.email) == (False, "weekly")
    # Back to the defaults: no row is kept.
    client.post("/notifications/preferences/", {**others, f"{UPDATE}__in_app": "on", f"{UPDATE}__email": "immediate"})
    assert not Preference.objects.exists()


def test_bad_preferences_are_refused_and_what_was_chosen_is_kept(client, participant, update_kind):
    client.force_login(participant)
    response = client.post(
        "/notifications/preferences/",
        {f"{UPDATE}__in_app": "on", f"{UPDATE}__email": "hourly", "accounts.security__email": "off"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert 'aria-invalid="true"' in response.text
    assert f'name="{UPDATE}__in_app" id="id_{UPDATE}__in_app"' in response.text
    assert " checked>" in response.text
    assert not Preference.objects.exists()


def test_a_forged_choice_cannot_silence_security_notices(client, participant, update_kind):
    client.force_login(participant)
    client.post(
        "/notifications/preferences/",
        {
            **other_kinds_at_their_defaults(UPDATE),
            f"{UPDATE}__email": "daily",
            "accounts.security__email": "off",
            "accounts.security__in_app": "",
        },
    )
    assert list(Preference.objects.values_list("kind", "email")) == [(UPDATE, EmailSchedule.DAILY)]


def test_it_offers_only_the_kinds_that_can_reach_the_person(
    client, participant, staff_member, login_with_second_factor
):
    client.force_login(participant)
    text = client.get("/notifications/preferences/").text
    assert "Cities adopting a practice you follow" in text
    for staff_only in ("Membership applications to review", "Library records waiting", "Practices suggested"):
        assert staff_only not in text
    client.logout()
    login_with_second_factor(staff_member)
    text = client.get("/notifications/preferences/").text
    for staff_only in ("Membership applications to review", "Library records waiting", "Practices suggested"):
        assert staff_only in text


# The row's markup as the list's template wrote it before the row was written out in Python: the reference the tag
# must match, byte for byte (less the form token, which is masked afresh for every form).
_ROW_AS_TEMPLATE = """{% load i18n network_dates %}<li class="notification{% if notification.is_unread %} notification-unread{% endif %}" id="notification-{{ notification.pk }}">
  <p class="notification-summary">
    {% if notification.is_unread %}<span class="badge">{% translate "New" %}</span> {% endif %}
    {% if notification.event.target_url %}<a href="{% url 'notifications:open' notification.pk %}">{{ notification.summary }}</a>{% else %}{{ notification.summary }}{% endif %}
  </p>
  <p class="notification-meta">
    {% if notification.actor_label %}{% blocktranslate with actor=notification.actor_label %}By {{ actor }}{% endblocktranslate %} · {% endif %}{% if notification.event.target_label %}{{ notification.event.target_label }} · {% endif %}<time datetime="{{ notification.created_at|date:'c' }}" title="{{ notification.created_at|date:'DATETIME_FORMAT' }}">{{ notification.created_at|ago }}</time>
  </p>
  {% if notification.is_unread %}
  <form method="post" action="{% url 'notifications:read' notification.pk %}" class="inline-form" hx-post="{% url 'notifications:read' notification.pk %}" hx-target="#notification-{{ notification.pk }}" hx-swap="outerHTML">
    {% csrf_token %}
    <input type="hidden" name="next" value="{{ request.get_full_path }}">
    <button type="submit" class="button-small button-secondary">{% translate "Mark as read" %}<span class="visually-hidden">: {{ notification.summary }}</span></button>
  </form>
  {% endif %}
</li>
"""  # noqa: E501


def _without_tokens(markup: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', markup)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_each_row_is_the_markup_the_template_wrote(client, rf, participant, outsider, update_kind, language):
    from django.template import engines
    from django.utils import translation

    from network.notifications import selectors

    outsider.handle = "o_reilly"
    outsider.save(update_fields=["handle"])
    notify(kind=UPDATE, recipients=[participant], data={"headline": "no actor, no target"})
    news_from(outsider, '<script>alert("x")</script> & "more"', to=participant)
    news_from(outsider, "read one", to=participant, target_url="")
    Event.objects.filter(notifications__recipient=participant, actor=outsider).update(
        target_label="Tbilisi & <Georgia>"
    )
    Notification.objects.filter(recipient=participant, event__data__headline="read one").update(read_at=timezone.now())
    path = "/notifications/?show=all&x=<1>"
    client.force_login(participant)
    with translation.override(language):
        page = client.get(path, headers={"accept-language": language}).text
        reference = engines["django"].from_string(_ROW_AS_TEMPLATE)
        request = rf.get(path)
        request.user = participant
        expected = [
            reference.render({"notification": notification, "request": request, "csrf_token": "x"}, request)
            for notification in selectors.with_summaries(selectors.inbox(user=participant))
        ]
    rows = re.findall(r'<li class="notification[ "].*?</li>\n', page, re.S)
    assert [_without_tokens(row) for row in rows] == [_without_tokens(row) for row in expected]
    assert len(rows) == 3 and sum('<form method="post" action="/notifications/' in row for row in rows) == 2
    assert "&lt;script&gt;" in page and "<script>alert" not in page and "Tbilisi &amp; &lt;Georgia&gt;" in page
    assert "o_reilly" in page and 'name="next" value="/notifications/?show=all&amp;x=%3C1%3E"' in page
