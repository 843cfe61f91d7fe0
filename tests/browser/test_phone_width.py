"""Every main page at 390 px, the width of a common phone, in English, French and Spanish: nothing may stick out
to the right (the page never scrolls sideways), and each page passes the accessibility check."""

import io

import pytest
from django.core.management import call_command

from network.accounts.models import User
from network.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.support import overflow
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PUBLIC_PAGES = [
    "/",
    "/cities/",
    "/cities/glasgow-gb/",
    "/practices/",
    "/practices/?q=k%C5%8Dban",
    "/practices/koban/",
    "/practices/require-de-escalation/",
    "/practices/collections/",
    "/practices/collections/8-cant-wait/",
    "/practices/collections/8-cant-wait/compare/?city=minneapolis-us&city=chicago-us&city=oakland-us",
    "/cities/kampala-ug/challenges/",
    "/practices/board/",
    "/practices/board/cities/glasgow-gb/",
    "/practices/collections/8-cant-wait/board/",
    "/accounts/login/",
    "/accounts/signup/",
]
# A city's lead representative: the demo mayor's office, which leads Glasgow.
SIGNED_IN_PAGES = [
    "/notifications/",
    "/notifications/preferences/",
    "/cities/glasgow-gb/representatives/",
    "/cities/applications/",
    "/accounts/profile/",
    "/practices/adoptions/glasgow-gb/record/",
    "/practices/pledges/new/glasgow-gb/",
    "/exchanges/propose/glasgow-gb/",
    "/cities/glasgow-gb/challenges/create/",
    "/cities/glasgow-gb/legal-system/",
    "/cities/mine/",
    "/cities/apply/",
    "/practices/suggest/",
    "/practices/suggestions/",
    "/practices/mental-health-crisis-response-teams/cities/glasgow-gb/",
    "/exchanges/mine/",
    "/exchanges/partners/create/",
    "/forums/use-of-force/new/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/data/",
    "/accounts/api-token/",
    "/accounts/delete/",
]


def _exchange_pages() -> dict[str, list[str]]:
    """Exchange vetting's pages, with objects of the demo network: the public ones, staff's and a reviewer's."""
    from exchanges.models import PartnerAgency, Proposal, Status

    decided = Proposal.objects.filter(status=Status.APPROVED_WITH_CONDITIONS).order_by("pk").first()
    rejected = Proposal.objects.filter(status=Status.REJECTED).order_by("pk").first()
    in_review = Proposal.objects.filter(status=Status.IN_REVIEW).order_by("pk").first()
    partner = PartnerAgency.objects.filter(findings__isnull=False).order_by("pk").first()
    return {
        "public": [
            "/exchanges/",
            f"/exchanges/{decided.pk}/",
            f"/exchanges/{rejected.pk}/",
            f"/exchanges/{in_review.pk}/",
            "/exchanges/partners/",
            f"/exchanges/partners/{partner.pk}/",
            "/exchanges/funding/",
        ],
        "staff": [
            "/staff/exchanges/",
            f"/staff/exchanges/{in_review.pk}/",
            f"/staff/exchanges/{decided.pk}/",
            "/staff/exchanges/funding/create/",
        ],
        "reviewer": ["/staff/exchanges/reviews/", f"/staff/exchanges/{in_review.pk}/review/"],
    }


def _forum_pages() -> list[str]:
    """The forums' public pages, with the demo network's: the index, a public forum with its topics, the topic
    with the most replies there, and the search with results."""
    from network.forums.models import Topic

    topic = Topic.objects.filter(forum__slug="use-of-force", hidden=False).order_by("-reply_count", "pk").first()
    return [
        "/forums/",
        "/forums/use-of-force/",
        f"/forums/topics/{topic.pk}/",
        "/forums/search/?q=koban",
        "/forums/search/?q=intervene&forum=use-of-force&sort=newest",
    ]


def _pledge_pages() -> dict[str, list[str]]:
    """Glasgow's demo pledge: its public page (and Chicago's, with a report), and its progress form for the lead."""
    from practices.models import Pledge

    glasgow = Pledge.objects.get(city__slug="glasgow-gb")
    chicago = Pledge.objects.get(city__slug="chicago-us")
    return {
        "public": [f"/practices/pledges/{glasgow.pk}/", f"/practices/pledges/{chicago.pk}/"],
        "lead": [f"/practices/pledges/{glasgow.pk}/report/"],
    }


def _challenge_pages() -> list[str]:
    """The demo's challenges of Kampala (with its matches) and of Minneapolis."""
    from cities.models import CityChallenge

    challenges = CityChallenge.objects.filter(city__slug__in=["kampala-ug", "minneapolis-us"]).select_related("city")
    return [challenge.get_absolute_url() for challenge in challenges.order_by("pk")[:3]]


def _check(page, path: str, language: str, problems: list[str]) -> None:
    response = page.goto(path)
    assert response.status == 200, f"{language} {path}: {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    _fits_and_passes(page, f"{language} {path}", problems)


def _fits_and_passes(page, label: str, problems: list[str]) -> None:
    """What sticks out past the right edge of the page as it stands, and its accessibility violations, noted."""
    sticking_out = overflow(page)
    if sticking_out:
        problems.append(f"{label}: {', '.join(sticking_out)}")
    try:
        assert_accessible(page)
    except AssertionError as error:
        problems.append(f"{label}: {error}")


def _sign_in_with_code(page, live_server, user, secret: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(page, user, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)


def test_every_main_page_fits_a_phone_in_each_language(page, live_server, settings, enable_totp):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    exchange_pages = _exchange_pages()
    forum_pages = _forum_pages()
    pledge_pages = _pledge_pages()
    challenge_pages = _challenge_pages()
    assert len(challenge_pages) == 3
    page.set_viewport_size(PHONE)
    problems: list[str] = []
    for language in ("en", "fr", "es"):
        page.context.clear_cookies()
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for path in [*PUBLIC_PAGES, *exchange_pages["public"], *forum_pages, *pledge_pages["public"], *challenge_pages]:
            _check(page, path, language, problems)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(page, User.objects.get(email="mayor.office@demo.example"), DEMO_PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    for language in ("en", "fr", "es"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for path in [*SIGNED_IN_PAGES, *forum_pages, *pledge_pages["lead"]]:
            _check(page, path, language, problems)
    # Staff, then a reviewer of the panel, each signed in with their authenticator app.
    for email, kind in (("staff@demo.example", "staff"), ("reviewer@demo.example", "reviewer")):
        person = User.objects.get(email=email)
        _sign_in_with_code(page, live_server, person, enable_totp(person))
        for language in ("en", "fr", "es"):
            page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            for path in exchange_pages[kind]:
                _check(page, path, language, problems)
    assert problems == [], "\n".join(problems)
    assert page.csp_violations == []


# Network staff, signed in with their second factor. `{application}` and `{person}` are filled from the demo.
STAFF_PAGES = [
    "/staff/",
    "/staff/cities/applications/",
    "/staff/cities/applications/{application}/",
    "/staff/practices/",
    "/staff/practices/koban/edit/",
    "/staff/practices/suggestions/",
    "/staff/practices/adoptions/",
    "/staff/practices/pledges/",
    "/staff/practices/shadow-reports/",
    "/staff/audit/",
    "/staff/notifications/",
    "/staff/people/",
    "/staff/people/{person}/roles/",
]


def test_every_staff_page_fits_a_phone_in_each_language(page, live_server, settings, enable_totp):
    from cities.models import MembershipApplication
    from tests.conftest import totp_code

    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    staff = User.objects.get(email="staff@demo.example")
    secret = enable_totp(staff)
    ids = {
        "application": MembershipApplication.objects.order_by("pk").values_list("pk", flat=True).first(),
        "person": User.objects.get(email="mayor.office@demo.example").pk,
    }
    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    sign_in(page, staff, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    problems: list[str] = []
    for language in ("en", "fr", "es"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for path in STAFF_PAGES:
            _check(page, path.format(**ids), language, problems)
    assert problems == [], "\n".join(problems)
    assert page.csp_violations == []


def _check_refused_submission(page, button: str, language: str, problems: list[str]) -> None:
    """Sends the open form empty: the page that answers (400, with the summary of errors) must fit and pass too."""
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.locator("main form button[type=submit]").last.click()
    status = answer.value.status
    path = page.url.removeprefix(page.url.split("/practices/")[0])
    if status != 400:
        problems.append(f"{language} {path} sent empty ({button}): {status}, not 400")
        return
    page.wait_for_load_state()
    if not page.locator(".error-summary").is_visible():
        problems.append(f"{language} {path} sent empty ({button}): no summary of the errors")
    _fits_and_passes(page, f"{language} {path} sent empty ({button})", problems)


def test_the_shadow_report_forms_fit_a_phone_in_each_language(page, live_server, settings):
    """Filing a shadow report (an activist), answering one and flagging one (the pledging city's lead), each as
    opened and as answered when sent empty."""
    from practices.models import Pledge, ShadowReport

    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    pledge = Pledge.objects.get(city__slug="glasgow-gb")
    unanswered = ShadowReport.objects.get(pledge=pledge, author__handle="river_watch", answer__isnull=True)
    signed = ShadowReport.objects.get(pledge=pledge, author__handle="emmie_reader")
    forms = {
        "emmie_reader": [(f"/practices/pledges/{pledge.pk}/shadow/", "file")],
        "glasgow_mayors_office": [
            (f"/practices/shadow-reports/{unanswered.pk}/answer/", "answer"),
            (f"/practices/shadow-reports/{signed.pk}/flag/", "flag"),
        ],
    }
    reports = ShadowReport.objects.filter(pledge=pledge).count()
    page.set_viewport_size(PHONE)
    problems: list[str] = []
    for handle, paths in forms.items():
        page.context.clear_cookies()
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        sign_in(page, User.objects.get(handle=handle), DEMO_PASSWORD)
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        for language in ("en", "fr", "es"):
            page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            for path, kind in paths:
                _check(page, path, language, problems)
                _check_refused_submission(page, kind, language, problems)
    assert problems == [], "\n".join(problems)
    assert page.csp_violations == []
    # Nothing was filed, answered or flagged by the empty forms.
    assert ShadowReport.objects.filter(pledge=pledge).count() == reports
    unanswered.refresh_from_db()
    signed.refresh_from_db()
    assert not hasattr(unanswered, "answer")
    assert signed.flag_count == 0
