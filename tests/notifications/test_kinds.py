import pytest
from django.utils import translation

from network.notifications.emails import render_digest_email, render_event_email
from network.notifications.kinds import Kind, all_kinds, get_kind, register
from network.notifications.models import Digest, Event

LANGUAGES = ["en", "fr", "es"]


def _event(kind: Kind, actor) -> Event:
    return Event.objects.create(
        kind=kind.key,
        actor=actor,
        target_label="Tbilisi & <Georgia>",
        target_url="/accounts/profile/",
        data=kind.example or {},
    )


def test_every_kind_has_what_the_registry_promises():
    assert {kind.key for kind in all_kinds()} >= {"accounts.security", "accounts.role_changed"}
    for kind in all_kinds():
        assert str(kind.label) and kind.template and kind.example is not None, kind.key
    with pytest.raises(LookupError):
        get_kind("nothing.here")
    with pytest.raises(ValueError):
        register(Kind(key="accounts.security", label="Other", summary=str, template="x"))


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda kind: kind.key)
def test_every_kind_renders_in_english_french_and_spanish(kind, participant, staff_member):
    event = _event(kind, staff_member)
    rendered = {}
    for language in LANGUAGES:
        participant.preferred_language = language
        message = render_event_email(event, participant)
        html = message.alternatives[0].content
        with translation.override(language):
            summary = kind.summary(event)
        assert message.subject.endswith(summary) and summary in message.body, language
        assert f'<html lang="{language}">' in html
        assert "<Georgia>" not in html  # what people write is escaped in HTML
        assert "Georgia" not in html or "Tbilisi &amp; &lt;Georgia&gt;" in html
        assert "http://testserver/accounts/profile/" in message.body  # absolute links
        rendered[language] = (message.subject, message.body)
    assert len({subject for subject, _ in rendered.values()}) == 3, "each language has its own subject"
    assert len({body for _, body in rendered.values()}) == 3, "each language has its own text"


def test_the_digest_renders_in_english_french_and_spanish(participant, staff_member):
    events = [_event(kind, staff_member) for kind in all_kinds()]
    digest = Digest(
        pk=1, recipient=participant, schedule="daily", period_end=events[0].created_at, due_at=events[0].created_at
    )
    subjects = set()
    for language in LANGUAGES:
        participant.preferred_language = language
        message = render_digest_email(digest, participant, events)
        with translation.override(language):
            assert all(kind.summary(event) in message.body for kind, event in zip(all_kinds(), events, strict=True))
        subjects.add(message.subject)
    assert len(subjects) == 3


def test_rows_of_a_kind_no_longer_registered_still_show_and_send_no_email(client, participant):
    from network.notifications import services
    from network.notifications.models import Delivery, Notification

    event = Event.objects.create(kind="retired.kind", data={})
    Notification.objects.create(event=event, recipient=participant)
    delivery = Delivery.objects.create(event=event, recipient=participant)
    client.force_login(participant)
    assert "An earlier notification" in client.get("/notifications/").text
    assert services.delivery_send(delivery_id=delivery.pk) == "cancelled"
