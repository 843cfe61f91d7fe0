"""Sign-up does the same work whether or not the address already has an account, so its timing tells nothing."""

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail

from network.accounts.models import User
from network.audit.models import AuditEntry
from tests.factories import UserFactory

# Pairs of attempts per block; more blocks are measured (up to the last) only while the two still differ, as a
# loaded machine's jitter needs more samples to average out. Without the equal work the gap stays at the cost of
# a password hash however many samples are taken.
ROUNDS = 20
BLOCKS = 3
# The gap allowed, as a share of one password hash measured between the attempts: a loaded machine slows the hash
# and the requests alike, so the test holds the same line on a quiet machine and a busy one.
SHARE_OF_A_HASH = 0.5


class MeasuredHasher(PBKDF2PasswordHasher):
    """PBKDF2 with a tenth of the production iterations: its cost is still several times the tolerance, and a
    request short enough that the noise of a loaded machine (which grows with a request's duration) stays under it."""

    algorithm = "pbkdf2_sha256_measured"
    iterations = PBKDF2PasswordHasher.iterations // 10


def _form(email: str, handle: str) -> dict:
    return {
        "email": email,
        "handle": handle,
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
        "affiliation_kind": "activist",
        "affiliation": "",
        "preferred_language": "en",
    }


def _timed_signup(client, number: int, email: str, handle: str) -> float:
    # Each attempt from its own address, as an attacker spreading requests would, so the per-IP limit stays out.
    started = time.perf_counter()
    response = client.post("/accounts/signup/", _form(email, handle), REMOTE_ADDR=f"192.0.2.{number % 250 + 1}")
    elapsed = time.perf_counter() - started
    assert response.status_code == 302 and response.url == "/accounts/confirm-email/", response
    return elapsed


@pytest.mark.django_db(transaction=True)
def test_it_answers_in_the_same_time_for_an_address_with_an_account_and_a_new_one(client, settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.MeasuredHasher"]
    # Each address is tried once, as in a real probe (a second try at the same address is rate limited apart).
    existing = [UserFactory(email=f"known{n}@example.org", handle=f"known_{n}").email for n in range(ROUNDS * BLOCKS)]
    _timed_signup(client, 0, "warmup@example.org", "warm_up")
    _timed_signup(client, 1, existing.pop(), "warm_known")
    new_times, known_times, hash_times = [], [], []
    for n in range(ROUNDS * BLOCKS - 1):
        # Interleaved, alternating which goes first, so a burst of load on the machine hits both alike.
        attempts = [
            (new_times, f"new{n}@example.org", f"new_{n}"),
            (known_times, existing[n], f"probe_{n}"),
        ]
        for times, email, handle in attempts if n % 2 else reversed(attempts):
            times.append(_timed_signup(client, n + 2, email, handle))
        started = time.perf_counter()
        MeasuredHasher().encode("a-long-passphrase-42", MeasuredHasher().salt())
        hash_times.append(time.perf_counter() - started)
        # The median of the pairs' differences: a burst of load that slows one pair moves it, not the whole.
        gap = abs(statistics.median(new - known for new, known in zip(new_times, known_times, strict=True)))
        tolerance = SHARE_OF_A_HASH * statistics.median(hash_times)
        if len(new_times) % ROUNDS == 0 and gap < tolerance:
            break
    assert gap < tolerance, (
        gap,
        tolerance,
        statistics.median(new_times),
        statistics.median(known_times),
        len(new_times),
    )
    attempts = len(new_times) + 1
    assert User.objects.filter(email__startswith="new").count() == attempts - 1
    # Both answers send a mail (a confirmation link, or a notice that the address already has an account), and
    # each probe of a taken address is on the record for staff.
    assert len(mail.outbox) == 2 * attempts
    assert AuditEntry.objects.filter(action="accounts.signup.address_taken").count() == attempts
