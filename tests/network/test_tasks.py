from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from network.celery import app as celery_app


def test_the_daily_beat_task_purges_only_expired_sessions(db):
    expired, current = SessionStore(), SessionStore()
    expired.create()
    current.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    entry = celery_app.conf.beat_schedule["purge-expired-sessions"]
    assert entry["schedule"] == 60 * 60 * 24
    # The task beat sends, looked up by the name in its schedule, as a worker finds it.
    celery_app.loader.import_default_modules()
    assert celery_app.tasks[entry["task"]].delay().get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
