from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from network.celery import app as celery_app
from network.tasks import purge_expired_sessions


def test_it_purges_only_expired_sessions(db):
    expired, current = SessionStore(), SessionStore()
    expired.create()
    current.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    assert purge_expired_sessions.delay().get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


def test_beat_runs_the_purge_daily():
    entry = celery_app.conf.beat_schedule["purge-expired-sessions"]
    assert entry == {"task": "network.tasks.purge_expired_sessions", "schedule": 86400}
    assert "network.tasks.purge_expired_sessions" in celery_app.tasks
