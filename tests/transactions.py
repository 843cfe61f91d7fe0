"""Helpers for the tests of all-or-nothing and one-at-a-time: what the database holds, a step made to fail, and
two moves run at once on two connections, the second made to wait for the first one's lock.

The race is deterministic: the first move stops at a chosen step (its rows locked and written, its transaction
open) until the test sees, in Postgres' own view of its sessions, that the second move's connection waits for a
lock. Only then does the first move go on and commit. No sleep decides the order.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, connections

# Tables these tests compare: the project's own, the role groups people belong to, allauth's second factors.
COMPARED_APPS = ("accounts", "audit", "notifications", "cities", "practices", "forums", "mfa")
# Generous: the waits end as soon as their condition holds; the limit only turns a hang into a failure.
WAIT_LIMIT = 60.0


class InjectedFault(Exception):
    """Raised by a step a test made fail."""


def database_state() -> dict[str, list[dict]]:
    """Every row of the compared tables (and the many-to-many tables between them), in a comparable form."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in COMPARED_APPS or not model._meta.managed:
            continue
        state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def fail_at(monkeypatch, module, name: str, *, when: Callable[[dict], bool] = lambda kwargs: True) -> list[dict]:
    """Make `module.name` (the `audit_record` or `notify` a service calls) raise InjectedFault when `when(kwargs)`
    holds; calls that do not match go through. Returns the list of the calls that were made to fail."""
    real = getattr(module, name)
    failed: list[dict] = []

    def failing(*args, **kwargs):
        if when(kwargs):
            failed.append(kwargs)
            raise InjectedFault(f"{module.__name__}.{name} failed on purpose")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    return failed


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None


@dataclass
class _Runner:
    move: Callable[[], object]
    outcome: Outcome = field(default_factory=Outcome)
    backend_pid: int | None = None
    connected: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        try:
            connection.ensure_connection()
            self.backend_pid = connection.connection.info.backend_pid
            self.connected.set()
            self.outcome.value = self.move()
        except BaseException as error:
            self.outcome.error = error
        finally:
            self.connected.set()
            connection.close()


def _wait_for(predicate: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.01)


def _waits_for_lock(pid: int) -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


def race(monkeypatch, module, name: str, first: Callable[[], object], second: Callable[[], object]):
    """Run `first` on its own connection until it calls `module.name` (its rows locked and written), then run
    `second` on another connection and wait until Postgres shows it waiting for a lock, then let `first` finish.
    Returns both outcomes. Fails when `second` never waits: then nothing makes the two moves take turns."""
    real = getattr(module, name)
    first_thread: list[threading.Thread] = []
    paused, release = threading.Event(), threading.Event()

    def pausing(*args, **kwargs):
        if threading.current_thread() is first_thread[0] and not paused.is_set():
            paused.set()
            if not release.wait(WAIT_LIMIT):
                raise AssertionError("the first move was never released")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, pausing)
    one, two = _Runner(first), _Runner(second)
    threads = [threading.Thread(target=one.run), threading.Thread(target=two.run)]
    first_thread.append(threads[0])
    try:
        threads[0].start()
        _wait_for(lambda: paused.is_set() or not threads[0].is_alive(), "the first move to reach its pause")
        if one.outcome.error is not None:
            raise one.outcome.error
        threads[1].start()
        two.connected.wait(WAIT_LIMIT)
        _wait_for(
            lambda: not threads[1].is_alive() or _waits_for_lock(two.backend_pid),
            "the second move to wait for the first one's lock",
        )
        assert threads[1].is_alive(), f"the second move did not wait for the first one: {two.outcome}"
    finally:
        release.set()
        for thread in threads:
            thread.join(WAIT_LIMIT)
        connections["default"].close()
    return one.outcome, two.outcome
