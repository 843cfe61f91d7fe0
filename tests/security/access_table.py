"""Who may reach each URL pattern, as the authorization matrix checks it (tests/security/test_authorization_matrix.py).

Each row: the parameters (named objects of the matrix's world) and, for GET and POST, the answer each kind of
visitor gets, in the order of HTML_ROLES (pages) or API_ROLES (the API's routes): a status code, `login` (sent to
sign in), `2fa` (sent to pass or set up the second factor) or `302` (sent elsewhere). A key with `*` covers every
route it matches that has no row of its own."""

from dataclasses import dataclass, field
from datetime import date, timedelta

HTML_ROLES = ("visitor", "participant", "rep_own", "rep_other", "reviewer", "staff_no2fa", "staff")
API_ROLES = (*HTML_ROLES, "token_participant", "token_rep_own", "token_reviewer", "token_staff")


@dataclass(frozen=True)
class Row:
    get: str | None = None
    post: str | None = None
    kwargs: dict = field(default_factory=dict)
    # The POST body, by the same names (a valid one, where an empty body would stop at validation).
    data: dict = field(default_factory=dict)
    query: str = ""
    path: str = ""


_CHECKLIST = ("partner_record", "curriculum_risk", "benefits_and_risks", "mitigation", "cost", "alternatives")
# Valid bodies, so that a visitor who may act gets past validation.
FINDING = {
    "source_kind": "amnesty",
    "publisher": "Amnesty International",
    "title": "Eye injuries at protests",
    "published_on": "2021-03-01",
    "categories": "protest_force",
    "severity": "high",
    "credibility": "high",
    "summary": "What the report found.",
}
REVIEW_FORM = {
    "recommendation": "approve",
    **{f"{item}_rating": "4" for item in _CHECKLIST},
    **{f"{item}_rationale": "Weighed." for item in _CHECKLIST},
}
REVIEW_API = {
    "recommendation": "approve",
    "checklist": {item: {"rating": 4, "rationale": "Weighed."} for item in _CHECKLIST},
}

# A pledge's date, a year ahead, and a valid pledge as its form and a progress report as the API take them.
PLEDGE_DATE = date.today() + timedelta(days=365)
PLEDGE_FORM = {"practices": "practice", "target_date": PLEDGE_DATE.isoformat(), "steps": "Write the policy."}
PLEDGE_REPORT_API = {
    "reported_on": date.today().isoformat(),
    "text": "The policy is drafted.",
    "statuses": [{"practice": "duty-to-intervene", "status": "considering"}],
}

# A shadow report as the filing form and the API take it (one piece of evidence).
SHADOW_FORM = {
    "verdict": "delayed",
    "statement": "No training has started.",
    "language": "en",
    "evidence-TOTAL_FORMS": "1",
    "evidence-INITIAL_FORMS": "0",
    "evidence-MIN_NUM_FORMS": "0",
    "evidence-MAX_NUM_FORMS": "10",
    "evidence-0-url": "https://example.org/minutes",
    "evidence-0-title": "Council minutes",
    "evidence-0-quote": "",
}
SHADOW_API = {
    "verdict": "delayed",
    "statement": "No training has started.",
    "evidence": [{"url": "https://example.org/minutes", "title": "Council minutes"}],
}

ROWS = {
    "": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "healthz": Row(get="200 200 200 200 200 200 200"),
    "favicon.ico": Row(get="302 302 302 302 302 302 302"),
    "i18n/setlang/": Row(get="405 405 405 405 405 405 405", post="302 302 302 302 302 302 302"),
    "accounts/2fa/webauthn/keys/<int:pk>/remove/": Row(
        get="login 404 404 404 404 2fa 404", post="login 404 404 404 404 2fa 404", kwargs={"pk": "missing"}
    ),
    "accounts/2fa/totp/activate/": Row(get="login 200 200 200 302 2fa 302", post="login 200 200 200 302 2fa 302"),
    "accounts/login/": Row(get="200 302 302 302 302 302 302", post="200 302 302 302 302 302 302"),
    "accounts/logout/": Row(get="302 200 200 200 200 200 200", post="302 302 302 302 302 302 302"),
    "accounts/inactive/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "accounts/signup/": Row(get="200 302 302 302 302 302 302", post="200 302 302 302 302 302 302"),
    "accounts/reauthenticate/": Row(get="login 200 200 200 2fa 2fa 2fa", post="login 200 200 200 2fa 2fa 2fa"),
    "accounts/email/": Row(get="login 200 200 200 200 200 200", post="login 302 302 302 302 302 302"),
    "accounts/confirm-email/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "accounts/password/change/": Row(get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    "accounts/password/set/": Row(get="login 302 302 302 302 302 302", post="login 302 302 302 302 302 302"),
    "accounts/password/reset/": Row(get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200"),
    "accounts/login/code/confirm/": Row(get="login 302 302 302 302 302 302", post="login 302 302 302 302 302 302"),
    "accounts/password/reset/key/done/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "accounts/password/reset/done/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": Row(
        get="200 200 200 200 200 200 200", post="404 404 404 404 404 404 404", kwargs={"key": "bogus-key"}
    ),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Row(
        get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200", kwargs={"uidb36": "zz", "key": "bogus"}
    ),
    "accounts/2fa/": Row(get="login 200 200 200 200 2fa 200", post="login 405 405 405 405 2fa 405"),
    "accounts/2fa/authenticate/": Row(get="login 302 302 302 302 302 302", post="login 302 302 302 302 302 302"),
    "accounts/2fa/reauthenticate/": Row(get="login 2fa 2fa 2fa 200 200 200", post="login 2fa 2fa 2fa 200 200 200"),
    "accounts/2fa/totp/deactivate/": Row(get="login 404 404 404 200 2fa 200", post="login 404 404 404 200 2fa 200"),
    "accounts/2fa/recovery-codes/": Row(get="login 404 404 404 404 2fa 404", post="login 405 405 405 405 2fa 405"),
    "accounts/2fa/recovery-codes/generate/": Row(
        get="login 200 200 200 200 2fa 200", post="login 200 200 200 302 2fa 302"
    ),
    "accounts/2fa/recovery-codes/download/": Row(
        get="login 404 404 404 404 2fa 404", post="login 404 404 404 404 2fa 404"
    ),
    "accounts/2fa/webauthn/": Row(get="login 200 200 200 200 2fa 200", post="login 405 405 405 405 2fa 405"),
    "accounts/2fa/webauthn/add/": Row(get="login 200 200 200 200 2fa 200", post="login 200 200 200 200 2fa 200"),
    "accounts/2fa/webauthn/reauthenticate/": Row(
        get="login 2fa 2fa 2fa 2fa 2fa 2fa", post="login 2fa 2fa 2fa 2fa 2fa 2fa"
    ),
    "accounts/2fa/webauthn/keys/<int:pk>/edit/": Row(
        get="login 404 404 404 404 2fa 404", post="login 404 404 404 404 2fa 404", kwargs={"pk": "missing"}
    ),
    "accounts/profile/": Row(get="login 200 200 200 200 200 200", post="login 200 200 200 200 200 200"),
    "accounts/data/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "accounts/data/download/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "accounts/delete/": Row(get="login 200 200 200 200 2fa 200", post="login 200 200 200 200 2fa 200"),
    "accounts/api-token/": Row(get="login 200 200 200 200 200 200", post="login 400 400 400 400 2fa 400"),
    "staff/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/people/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/audit/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/notifications/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/cities/applications/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/practices/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/practices/create/": Row(get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 400"),
    "staff/practices/suggestions/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/practices/adoptions/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/practices/pledges/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/practices/shadow-reports/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/practices/shadow-reports/<int:pk>/<str:move>/": Row(
        get="login 405 405 405 405 2fa 405",
        post="login 403 403 403 403 2fa 302",
        kwargs={"pk": "shadow_report", "move": "hide"},
        data={"reason": "matrix_reason"},
    ),
    "staff/people/<int:pk>/roles/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 302",
        kwargs={"pk": "person"},
        data={"role": "city_representative", "grant": "1", "reason": "matrix"},
    ),
    "staff/notifications/<int:pk>/retry/": Row(
        get="login 405 405 405 405 2fa 405", post="login 403 403 403 403 2fa 409", kwargs={"pk": "delivery"}
    ),
    "staff/cities/applications/<int:pk>/": Row(
        get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 404", kwargs={"pk": "other_application"}
    ),
    "staff/cities/applications/<int:pk>/letter/": Row(
        get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405", kwargs={"pk": "other_application"}
    ),
    "staff/cities/<slug:slug>/membership/": Row(
        get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 400", kwargs={"slug": "other_city"}
    ),
    "staff/practices/suggestions/<int:pk>/": Row(
        get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 404", kwargs={"pk": "suggestion"}
    ),
    "staff/practices/ratings/<int:pk>/<str:decision>/": Row(
        get="login 405 405 405 405 2fa 405",
        post="login 403 403 403 403 2fa 409",
        kwargs={"pk": "proposal", "decision": "approve_decision"},
    ),
    "staff/practices/<slug:slug>/edit/": Row(
        get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 400", kwargs={"slug": "draft_practice"}
    ),
    "staff/practices/<slug:slug>/translations/<str:language>/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 400",
        kwargs={"slug": "practice", "language": "french"},
    ),
    "staff/practices/collections/<slug:slug>/translations/<str:language>/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 400",
        kwargs={"slug": "collection", "language": "french"},
    ),
    "staff/practices/<slug:slug>/rating/": Row(
        get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 400", kwargs={"slug": "practice"}
    ),
    "staff/practices/<slug:slug>/<str:move>/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 302",
        kwargs={"slug": "draft_practice", "move": "submit_move"},
    ),
    "cities/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "cities/gazetteer/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "cities/apply/": Row(get="login 200 200 200 200 200 200", post="login 400 400 400 400 400 400"),
    "cities/applications/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "cities/applications/<int:pk>/": Row(
        get="login 200 404 404 404 404 404", post="login 405 405 405 405 405 405", kwargs={"pk": "own_application"}
    ),
    "cities/applications/<int:pk>/edit/": Row(
        get="login 200 404 404 404 404 404", post="login 302 404 404 404 404 404", kwargs={"pk": "own_application"}
    ),
    "cities/applications/<int:pk>/letter/": Row(
        get="login 200 404 404 404 404 404", post="login 405 405 405 405 405 405", kwargs={"pk": "own_application"}
    ),
    "cities/invitations/<str:key>/": Row(
        get="200 409 409 409 409 409 409", post="login 409 409 409 409 409 409", kwargs={"key": "invitation"}
    ),
    "cities/<slug:slug>/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "own_city"}
    ),
    "cities/<slug:slug>/follow/": Row(
        get="login 405 405 405 405 405 405", post="login 302 302 302 302 302 302", kwargs={"slug": "own_city"}
    ),
    "cities/<slug:slug>/agencies/create/": Row(
        get="login 403 200 403 403 403 403", post="login 403 400 403 403 403 403", kwargs={"slug": "own_city"}
    ),
    "cities/<slug:slug>/agencies/<int:pk>/edit/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 400 403 403 403 403",
        kwargs={"slug": "own_city", "pk": "own_agency"},
    ),
    "cities/<slug:slug>/legal-system/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"slug": "own_city"},
        data={"legal_system": "mixed"},
    ),
    "cities/<slug:slug>/challenges/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "own_city"}
    ),
    "cities/<slug:slug>/challenges/create/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"slug": "own_city"},
        data={"kind": "youth_violence", "description": "Knife crime."},
    ),
    "cities/<slug:slug>/challenges/<int:pk>/": Row(
        get="200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405",
        kwargs={"slug": "own_city", "pk": "own_challenge"},
    ),
    "cities/<slug:slug>/challenges/<int:pk>/edit/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"slug": "own_city", "pk": "own_challenge"},
        data={"kind": "corruption", "description": "Bribes."},
    ),
    "cities/<slug:slug>/challenges/<int:pk>/remove/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"slug": "own_city", "pk": "own_challenge"},
    ),
    "cities/<slug:slug>/representatives/": Row(
        get="login 403 200 403 403 403 403", post="login 403 400 403 403 403 403", kwargs={"slug": "own_city"}
    ),
    "cities/<slug:slug>/representatives/<int:pk>/remove/": Row(
        get="login 405 405 405 405 405 405",
        post="login 403 302 403 403 403 403",
        kwargs={"slug": "own_city", "pk": "colleague"},
    ),
    "cities/<slug:slug>/representatives/<int:pk>/make-lead/": Row(
        get="login 405 405 405 405 405 405",
        post="login 403 302 403 403 403 403",
        kwargs={"slug": "own_city", "pk": "colleague"},
    ),
    "forums/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "forums/moderation/": Row(get="login 403 403 403 403 403 200", post="login 405 405 405 405 405 405"),
    "forums/blocks/": Row(
        get="login 200 200 200 200 200 200",
        post="login 302 302 302 302 302 302",
        data={"handle": "outsider_handle"},
    ),
    "forums/new/": Row(
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 302",
        data={"name": "Matrix forum", "slug": "matrix-forum", "access": "public", "position": "1"},
    ),
    "forums/topics/<int:pk>/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"pk": "public_topic"}
    ),
    "forums/topics/<int:pk>/reply/": Row(
        get="login 404 404 404 404 404 200",
        post="login 404 404 404 404 404 302",
        kwargs={"pk": "group_topic"},
        data={"body": "words", "language": "english"},
    ),
    "forums/topics/<int:pk>/moderate/": Row(
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 302",
        kwargs={"pk": "public_topic"},
        data={"action": "lock", "reason": "matrix_reason"},
    ),
    "forums/topics/<str:key>/follow/": Row(
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
        kwargs={"key": "public_topic"},
        data={"follow": "one"},
    ),
    "forums/posts/<int:pk>/": Row(
        get="404 404 404 404 404 404 302", post="405 405 405 405 405 405 405", kwargs={"pk": "group_post"}
    ),
    "forums/posts/<int:pk>/edit/": Row(
        get="login 200 403 403 403 403 403",
        post="login 302 403 403 403 403 403",
        kwargs={"pk": "own_post"},
        data={"title": "topic_title", "body": "words"},
    ),
    "forums/posts/<int:pk>/delete/": Row(
        get="login 200 403 403 403 403 403", post="login 302 403 403 403 403 403", kwargs={"pk": "own_post"}
    ),
    "forums/posts/<int:pk>/history/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"pk": "public_post"}
    ),
    "forums/posts/<int:pk>/react/": Row(
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
        kwargs={"pk": "public_post"},
        data={"kind": "thanks"},
    ),
    "forums/posts/<int:pk>/report/": Row(
        get="login 200 200 200 200 200 200",
        post="login 302 302 302 302 302 302",
        kwargs={"pk": "public_post"},
        data={"reason": "spam"},
    ),
    "forums/posts/<int:pk>/moderate/": Row(
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 302",
        kwargs={"pk": "public_post"},
        data={"action": "hide", "reason": "matrix_reason"},
    ),
    "forums/posts/<int:pk>/sanction/": Row(
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 302",
        kwargs={"pk": "public_post"},
        data={"kind": "warn", "reason": "matrix_reason"},
    ),
    "forums/posts/<int:pk>/unmask/": Row(
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 200",
        kwargs={"pk": "pseudo_post"},
        data={"reason": "matrix_reason"},
    ),
    "forums/<slug:slug>/": Row(
        get="404 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "members_forum"}
    ),
    "forums/<slug:slug>/new/": Row(
        get="login 200 200 200 200 200 200",
        post="login 302 302 302 302 302 302",
        kwargs={"slug": "public_forum"},
        data={"title": "topic_title", "body": "words", "language": "english"},
    ),
    "forums/<slug:key>/follow/": Row(
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
        kwargs={"key": "members_forum"},
        data={"follow": "one"},
    ),
    "forums/<slug:slug>/moderation/": Row(
        get="login 403 403 403 403 403 200", post="login 405 405 405 405 405 405", kwargs={"slug": "public_forum"}
    ),
    "forums/<slug:slug>/edit/": Row(
        get="login 403 403 403 403 403 200",
        post="login 403 403 403 403 403 302",
        kwargs={"slug": "public_forum"},
        data={"name": "Matrix forum", "access": "public", "position": "1"},
    ),
    "forums/<slug:slug>/members/": Row(
        get="login 404 404 404 404 404 200",
        post="login 404 404 404 404 404 302",
        kwargs={"slug": "group_forum"},
        data={"handle": "outsider_handle", "role": "member_role"},
    ),
    "practices/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "practices/collections/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "practices/suggest/": Row(get="login 200 200 200 200 200 200", post="login 400 400 400 400 400 400"),
    "practices/suggestions/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "practices/collections/<slug:slug>/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "collection"}
    ),
    "practices/collections/<slug:slug>/matrix.csv": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "collection"}
    ),
    "practices/collections/<slug:slug>/board/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "collection"}
    ),
    "practices/collections/<slug:slug>/board/pledges.csv": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "collection"}
    ),
    "practices/collections/<slug:slug>/board/feed.atom": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "collection"}
    ),
    "practices/board/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "practices/board/cities.csv": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "practices/board/feed.atom": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "practices/board/cities/<slug:city_slug>/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"city_slug": "own_city"}
    ),
    "practices/board/cities/<slug:city_slug>/pledges.csv": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"city_slug": "own_city"}
    ),
    "practices/board/cities/<slug:city_slug>/feed.atom": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"city_slug": "own_city"}
    ),
    "practices/collections/<slug:slug>/compare/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "collection"}
    ),
    "practices/adoptions/<slug:city_slug>/record/": Row(
        get="login 403 200 403 403 403 200",
        post="login 403 302 403 403 403 302",
        kwargs={"city_slug": "own_city"},
        data={"practice": "practice", "status": "adopted"},
    ),
    "practices/adoptions/<int:pk>/verify/": Row(
        get="login 405 405 405 405 405 405", post="login 403 403 403 403 403 302", kwargs={"pk": "adoption"}
    ),
    "practices/pledges/new/<slug:city_slug>/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"city_slug": "own_city"},
        data=PLEDGE_FORM,
    ),
    "practices/pledges/<int:pk>/": Row(
        get="404 404 200 404 404 404 200", post="405 405 405 405 405 405 405", kwargs={"pk": "pledge_draft"}
    ),
    "practices/pledges/<int:pk>/edit/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"pk": "pledge_draft"},
        data=PLEDGE_FORM,
    ),
    "practices/pledges/<int:pk>/report/": Row(
        get="login 403 200 403 403 403 403", post="login 403 400 403 403 403 403", kwargs={"pk": "pledge_published"}
    ),
    "practices/pledges/<int:pk>/<str:move>/": Row(
        get="login 405 405 405 405 405 405",
        post="login 404 403 404 404 404 302",
        kwargs={"pk": "pledge_submitted", "move": "publish_move"},
    ),
    # Who files: a participant with a civil-society affiliation (the matrix's reviewer states one); not the
    # pledging city, not staff, not a participant who states none.
    "practices/pledges/<int:pk>/shadow/": Row(
        get="login 403 403 403 200 403 403",
        post="login 403 403 403 302 403 403",
        kwargs={"pk": "pledge_published"},
        data=SHADOW_FORM,
    ),
    "practices/shadow-reports/<int:pk>/answer/": Row(
        get="login 403 200 403 403 403 403",
        post="login 403 302 403 403 403 403",
        kwargs={"pk": "shadow_report"},
        data={"text": "The city's answer."},
    ),
    "practices/shadow-reports/<int:pk>/flag/": Row(
        get="login 200 200 200 200 200 200",
        post="login 302 302 302 302 302 302",
        kwargs={"pk": "shadow_report"},
        data={"reason": "spam"},
    ),
    "practices/<slug:slug>/": Row(
        get="404 404 404 404 404 404 200", post="405 405 405 405 405 405 405", kwargs={"slug": "draft_practice"}
    ),
    "practices/<slug:slug>/follow/": Row(
        get="login 405 405 405 405 405 405", post="login 302 302 302 302 302 302", kwargs={"slug": "practice"}
    ),
    "practices/<slug:slug>/cities/<slug:city_slug>/": Row(
        get="200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405",
        kwargs={"slug": "practice", "city_slug": "own_city"},
    ),
    "notifications/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "notifications/bell/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "notifications/read-all/": Row(get="login 405 405 405 405 405 405", post="login 302 302 302 302 302 302"),
    "notifications/preferences/": Row(get="login 200 200 200 200 200 200", post="login 400 400 400 400 400 400"),
    "notifications/unsubscribe/<str:token>/": Row(
        get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200", kwargs={"token": "unsubscribe"}
    ),
    "notifications/<int:pk>/": Row(
        get="login 404 302 404 404 404 404", post="login 405 405 405 405 405 405", kwargs={"pk": "notification"}
    ),
    "notifications/<int:pk>/read/": Row(
        get="login 405 405 405 405 405 405", post="login 404 302 404 404 404 404", kwargs={"pk": "notification"}
    ),
    "api/v1/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/me/": Row(
        get="401 200 200 200 200 200 200 200 200 200 200", post="401 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/notifications/": Row(
        get="401 200 200 200 200 200 200 200 200 200 200", post="401 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/notifications/read-all/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405", post="401 200 200 200 200 200 200 200 200 200 200"
    ),
    "api/v1/cities/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/practices/": Row(get="200 200 200 200 200 200 200 200 200 200 200", query="q=secret"),
    "api/v1/collections/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/adoptions/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="401 403 403 201 403 403 201 403 403 403 403",
        data={"city": "other_city", "practice": "practice", "status": "adopted"},
    ),
    "api/v1/pledges/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/board/cities/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/board/pledges/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/pledges/<int:pk>/": Row(
        get="404 404 200 404 404 404 200 404 200 404 404",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "pledge_draft"},
    ),
    "api/v1/pledges/<int:pk>/reports/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 201 403 403 403 403 403 201 403 403",
        kwargs={"pk": "pledge_published"},
        data=PLEDGE_REPORT_API,
    ),
    "api/v1/pledges/<int:pk>/shadow-reports/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="401 403 403 403 201 403 403 403 403 201 403",
        kwargs={"pk": "pledge_published"},
        data=SHADOW_API,
    ),
    "api/v1/shadow-reports/<int:pk>/answer/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 201 403 403 403 403 403 201 403 403",
        kwargs={"pk": "shadow_report"},
        data={"text": "The city's answer."},
    ),
    "api/v1/shadow-reports/<int:pk>/flag/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 201 201 201 201 201 201 201 201 201 201",
        kwargs={"pk": "shadow_report"},
        data={"reason": "spam"},
    ),
    # Staff powers in a browser session that passed the second factor only; a report neither hidden nor flagged is
    # not restored (409).
    "api/v1/shadow-reports/<int:pk>/hide/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "shadow_report"},
        data={"reason": "matrix_reason"},
    ),
    "api/v1/shadow-reports/<int:pk>/restore/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 409 403 403 403 403",
        kwargs={"pk": "shadow_report"},
        data={"reason": "matrix_reason"},
    ),
    "api/v1/applications/mine/": Row(
        get="401 200 200 200 200 200 200 200 200 200 200", post="401 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/notifications/<int:pk>/read/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 404 200 404 404 404 404 404 200 404 404",
        kwargs={"pk": "notification"},
    ),
    "api/v1/cities/<slug:slug>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"slug": "own_city"},
    ),
    "api/v1/cities/<slug:slug>/challenges/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="401 403 201 403 403 403 403 403 201 403 403",
        kwargs={"slug": "own_city"},
        data={"kind": "youth_violence", "description": "Knife crime."},
    ),
    "api/v1/challenges/<int:pk>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "own_challenge"},
    ),
    "api/v1/challenges/<int:pk>/matches/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "own_challenge"},
    ),
    "api/v1/practices/<slug:slug>/": Row(
        get="404 404 404 404 404 404 200 404 404 404 404",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"slug": "draft_practice"},
    ),
    "api/v1/collections/<slug:slug>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"slug": "collection"},
    ),
    "api/v1/collections/<slug:slug>/matrix/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"slug": "collection"},
    ),
    "api/v1/applications/<int:pk>/approve/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "other_application"},
    ),
    "api/v1/applications/<int:pk>/decline/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 400 403 403 403 403",
        kwargs={"pk": "other_application"},
    ),
    "api/v1/applications/<int:pk>/request-info/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 400 403 403 403 403",
        kwargs={"pk": "other_application"},
    ),
    "api/schema/": Row(get="200 200 200 200 200 200 200"),
    "api/docs/": Row(get="200 200 200 200 200 200 200"),
    "admin/": Row(get="login login login login login 2fa 200"),
    "admin/login/": Row(get="login 403 403 403 403 2fa 302"),
    "admin/logout/": Row(get="302 302 302 302 302 2fa 405", post="302 302 302 302 302 2fa 200"),
    "admin/password_change/": Row(get="login login login login login 2fa 200"),
    "admin/password_change/done/": Row(get="login login login login login 2fa 200"),
    "admin/autocomplete/": Row(get="login login login login login 2fa 403"),
    "admin/jsi18n/": Row(get="login login login login login 2fa 200"),
    "admin/r/<path:content_type_id>/<path:object_id>/": Row(
        get="login login login login login 2fa 404", kwargs={"content_type_id": "missing", "object_id": "missing"}
    ),
    "admin/^(?P<app_label>*)/$": Row(get="login login login login login 2fa 404", kwargs={"app_label": "cities_label"}),
    "admin/(?P<url>.*)$": Row(get="login login login login login 2fa 404", path="admin/nowhere/"),
    "admin/accounts/user/": Row(get="login login login login login 2fa 200"),
    "admin/accounts/user/add/": Row(get="login login login login login 2fa 403"),
    "admin/accounts/user/<path:object_id>/history/": Row(
        get="login login login login login 2fa 200", kwargs={"object_id": "person"}
    ),
    "admin/accounts/user/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "person"}
    ),
    "admin/accounts/user/<path:object_id>/change/": Row(
        get="login login login login login 2fa 200", kwargs={"object_id": "person"}
    ),
    "admin/accounts/user/<path:object_id>/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "person"}
    ),
    "admin/audit/auditentry/": Row(get="login login login login login 2fa 200"),
    "admin/audit/auditentry/add/": Row(get="login login login login login 2fa 403"),
    "admin/audit/auditentry/<path:object_id>/history/": Row(
        get="login login login login login 2fa 200", kwargs={"object_id": "audit_entry"}
    ),
    "admin/audit/auditentry/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "audit_entry"}
    ),
    "admin/audit/auditentry/<path:object_id>/change/": Row(
        get="login login login login login 2fa 200", kwargs={"object_id": "audit_entry"}
    ),
    "admin/audit/auditentry/<path:object_id>/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "audit_entry"}
    ),
    "admin/notifications/delivery/": Row(get="login login login login login 2fa 200"),
    "admin/notifications/delivery/add/": Row(get="login login login login login 2fa 403"),
    "admin/notifications/delivery/<path:object_id>/history/": Row(
        get="login login login login login 2fa 200", kwargs={"object_id": "delivery"}
    ),
    "admin/notifications/delivery/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "delivery"}
    ),
    "admin/notifications/delivery/<path:object_id>/change/": Row(
        get="login login login login login 2fa 200", kwargs={"object_id": "delivery"}
    ),
    "admin/notifications/delivery/<path:object_id>/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "delivery"}
    ),
    "admin/*/": Row(get="login login login login login 2fa 403"),
    "admin/*/add/": Row(get="login login login login login 2fa 403"),
    "admin/*/<path:object_id>/history/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
    "admin/*/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/*/<path:object_id>/change/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/*/<path:object_id>/": Row(get="login login login login login 2fa 302", kwargs={"object_id": "missing"}),
    "staff/cities/applications/<int:pk>/messages/": Row(
        get="login 405 405 405 405 2fa 405", post="login 403 403 403 403 2fa 404", kwargs={"pk": "missing"}
    ),
    "staff/exchanges/": Row(get="login 403 403 403 403 2fa 200", post="login 405 405 405 405 2fa 405"),
    "staff/exchanges/reviews/": Row(get="login 403 403 403 200 2fa 403", post="login 403 403 403 400 2fa 403"),
    "staff/exchanges/partners/<int:pk>/findings/create/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 302",
        kwargs={"pk": "exchange_partner"},
        data=FINDING,
    ),
    "staff/exchanges/partners/<int:pk>/verify/": Row(
        get="login 405 405 405 405 2fa 405", post="login 403 403 403 403 2fa 302", kwargs={"pk": "entered_partner"}
    ),
    "staff/exchanges/findings/<int:pk>/verify/": Row(
        get="login 405 405 405 405 2fa 405", post="login 403 403 403 403 2fa 302", kwargs={"pk": "finding"}
    ),
    "staff/exchanges/comments/<int:pk>/hide/": Row(
        get="login 405 405 405 405 2fa 405", post="login 403 403 403 403 2fa 302", kwargs={"pk": "exchange_comment"}
    ),
    "staff/exchanges/conditions/<int:pk>/done/": Row(
        get="login 405 405 405 405 2fa 405", post="login 403 302 403 403 2fa 302", kwargs={"pk": "exchange_condition"}
    ),
    "staff/exchanges/funding/create/": Row(get="login 403 403 403 403 2fa 200", post="login 403 403 403 403 2fa 400"),
    "staff/exchanges/funding/<int:pk>/edit/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 400",
        kwargs={"pk": "funding_opportunity"},
    ),
    "staff/exchanges/funding/<int:pk>/archive/": Row(
        get="login 405 405 405 405 2fa 405",
        post="login 403 403 403 403 2fa 302",
        kwargs={"pk": "funding_opportunity"},
    ),
    "staff/exchanges/<int:pk>/": Row(
        get="login 403 403 403 403 2fa 200",
        post="login 403 403 403 403 2fa 302",
        kwargs={"pk": "exchange_submitted"},
        data={"action": "screen"},
    ),
    "staff/exchanges/<int:pk>/review/": Row(
        get="login 403 403 403 200 2fa 403",
        post="login 403 403 403 302 2fa 403",
        kwargs={"pk": "exchange_reviewed"},
        data=REVIEW_FORM,
    ),
    "cities/mine/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "cities/applications/<int:pk>/messages/": Row(
        get="login 405 405 405 405 405 405", post="login 404 404 404 404 404 404", kwargs={"pk": "missing"}
    ),
    "cities/applications/<int:pk>/withdraw/": Row(
        get="login 404 404 404 404 404 404", post="login 404 404 404 404 404 404", kwargs={"pk": "missing"}
    ),
    "cities/applications/<int:pk>/delete/": Row(
        get="login 404 404 404 404 404 404", post="login 404 404 404 404 404 404", kwargs={"pk": "missing"}
    ),
    "cities/<slug:slug>/invitations/<int:pk>/revoke/": Row(
        get="login 405 405 405 405 405 405",
        post="login 404 404 404 404 404 404",
        kwargs={"slug": "own_city", "pk": "missing"},
    ),
    "exchanges/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "exchanges/register.csv": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "exchanges/register-funders.csv": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "exchanges/feed.atom": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "exchanges/partners/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "exchanges/partners/create/": Row(get="login 200 200 200 200 200 200", post="login 400 400 400 400 400 400"),
    "exchanges/partners/<int:pk>/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"pk": "exchange_partner"}
    ),
    "exchanges/funding/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405"),
    "exchanges/funding/<int:pk>/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"pk": "funding_opportunity"}
    ),
    "exchanges/funding/<int:pk>/follow/": Row(
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
        kwargs={"pk": "funding_opportunity"},
    ),
    "exchanges/mine/": Row(get="login 200 200 200 200 200 200", post="login 405 405 405 405 405 405"),
    "exchanges/propose/<slug:city_slug>/": Row(
        get="login 403 200 403 403 403 403", post="login 403 400 403 403 403 403", kwargs={"city_slug": "own_city"}
    ),
    "exchanges/comments/<int:pk>/report/": Row(
        get="login 405 405 405 405 405 405",
        post="login 302 302 302 302 302 302",
        kwargs={"pk": "exchange_comment"},
        data={"reason": "Abusive."},
    ),
    "exchanges/<int:pk>/": Row(
        get="404 404 200 404 404 404 404", post="405 405 405 405 405 405 405", kwargs={"pk": "exchange_draft"}
    ),
    "exchanges/<int:pk>/edit/": Row(
        get="login 404 200 404 404 404 404",
        post="login 404 302 404 404 404 404",
        kwargs={"pk": "exchange_draft"},
        data={"title": "A new title", "partners": "exchange_partner"},
    ),
    "exchanges/<int:pk>/comment/": Row(
        get="login 405 405 405 405 405 405",
        post="login 302 409 302 302 302 302",
        kwargs={"pk": "exchange_reviewed"},
        data={"body": "A question.", "visibility": "public"},
    ),
    "exchanges/<int:pk>/letter/": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"pk": "exchange_rejected"}
    ),
    "exchanges/<int:pk>/<str:move>/": Row(
        get="login 404 200 404 404 404 404",
        post="login 404 302 404 404 404 404",
        kwargs={"pk": "exchange_draft", "move": "submit"},
    ),
    "api/v1/applications/<int:pk>/withdraw/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 404 404 404 404 404 404 404 404 404 404",
        kwargs={"pk": "missing"},
    ),
    "api/v1/partners/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/partners/<int:pk>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "exchange_partner"},
    ),
    "api/v1/findings/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/proposals/": Row(
        get="401 200 200 200 200 200 200 200 200 200 200", post="401 400 400 400 400 400 400 400 400 400 400"
    ),
    "api/v1/proposals/<int:pk>/": Row(
        get="404 404 200 404 404 404 404 404 200 404 404",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "exchange_draft"},
    ),
    "api/v1/proposals/<int:pk>/<str:move>/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 404 200 404 404 404 404 404 200 404 404",
        kwargs={"pk": "exchange_draft", "move": "submit"},
    ),
    "api/v1/exchange-register/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    # The funding registry: read by anyone, written by staff in a session that passed the second factor only.
    "api/v1/funding/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="401 403 403 403 403 403 400 403 403 403 403"
    ),
    "api/v1/funding/<int:pk>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "funding_opportunity"},
    ),
    "api/v1/funding/<int:pk>/archive/": Row(
        get="405 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "funding_opportunity"},
    ),
    # Forums: the search page and the public feeds.
    "forums/search/": Row(get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", query="q=words"),
    "forums/topics/<int:pk>/feed.atom": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"pk": "public_topic"}
    ),
    "forums/<slug:slug>/feed.atom": Row(
        get="200 200 200 200 200 200 200", post="405 405 405 405 405 405 405", kwargs={"slug": "public_forum"}
    ),
    # The forums' API: a working group's forum, topic and posts for reading; a public topic and another
    # person's post for the moves.
    "api/v1/forums/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200", post="405 405 405 405 405 405 405 405 405 405 405"
    ),
    "api/v1/forums/search/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        query="q=private",
    ),
    "api/v1/forums/<slug:slug>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"slug": "group_forum"},
    ),
    "api/v1/forums/<slug:slug>/topics/": Row(
        get="403 403 403 403 403 403 200 403 403 403 403",
        post="401 403 403 403 403 403 201 403 403 403 403",
        kwargs={"slug": "group_forum"},
        data={"title": "topic_title", "body": "Words of the matrix"},
    ),
    "api/v1/forums/topics/<int:pk>/": Row(
        get="404 404 404 404 404 404 200 404 404 404 404",
        post="405 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "group_topic"},
    ),
    "api/v1/forums/topics/<int:pk>/posts/": Row(
        get="404 404 404 404 404 404 200 404 404 404 404",
        post="401 404 404 404 404 404 201 404 404 404 404",
        kwargs={"pk": "group_topic"},
        data={"body": "Words of the matrix"},
    ),
    "api/v1/forums/topics/<int:pk>/read/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 404 404 404 404 404 204 404 404 404 404",
        kwargs={"pk": "group_topic"},
        data={"number": 1},
    ),
    "api/v1/forums/topics/<int:pk>/lock/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/topics/<int:pk>/unlock/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 409 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/topics/<int:pk>/pin/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/topics/<int:pk>/unpin/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 409 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/topics/<int:pk>/close/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/topics/<int:pk>/reopen/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 409 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/topics/<int:pk>/move/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "public_topic"},
        data={"forum": "members_forum", "reason": "Because"},
    ),
    "api/v1/forums/posts/<int:pk>/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="401 405 405 405 405 405 405 405 405 405 405",
        kwargs={"pk": "own_post"},
    ),
    "api/v1/forums/posts/<int:pk>/reactions/": Row(
        get="200 200 200 200 200 200 200 200 200 200 200",
        post="401 200 200 200 200 200 200 200 200 200 200",
        kwargs={"pk": "public_post"},
        data={"kind": "thanks"},
    ),
    "api/v1/forums/posts/<int:pk>/report/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 201 201 201 201 201 201 201 201 201 201",
        kwargs={"pk": "public_post"},
        data={"reason": "spam"},
    ),
    "api/v1/forums/posts/<int:pk>/hide/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "public_post"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/posts/<int:pk>/restore/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 409 403 403 403 403",
        kwargs={"pk": "public_post"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/posts/<int:pk>/remove/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 200 403 403 403 403",
        kwargs={"pk": "public_post"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/posts/<int:pk>/warn/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 201 403 403 403 403",
        kwargs={"pk": "public_post"},
        data={"reason": "Because"},
    ),
    "api/v1/forums/posts/<int:pk>/suspend/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 201 403 403 403 403",
        kwargs={"pk": "public_post"},
        data={"reason": "Because", "days": 3},
    ),
    "api/v1/forums/posts/<int:pk>/ban/": Row(
        get="401 405 405 405 405 405 405 405 405 405 405",
        post="401 403 403 403 403 403 201 403 403 403 403",
        kwargs={"pk": "public_post"},
        data={"reason": "Because"},
    ),
    "admin/exchanges/partneragency/": Row(get="login login login login login 2fa 403"),
    "admin/exchanges/partneragency/add/": Row(get="login login login login login 2fa 403"),
    "admin/exchanges/partneragency/<path:object_id>/history/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/partneragency/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/partneragency/<path:object_id>/change/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/partneragency/<path:object_id>/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/finding/": Row(get="login login login login login 2fa 403"),
    "admin/exchanges/finding/add/": Row(get="login login login login login 2fa 403"),
    "admin/exchanges/finding/<path:object_id>/history/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/finding/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/finding/<path:object_id>/change/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/finding/<path:object_id>/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/proposal/": Row(get="login login login login login 2fa 403"),
    "admin/exchanges/proposal/add/": Row(get="login login login login login 2fa 403"),
    "admin/exchanges/proposal/<path:object_id>/history/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/proposal/<path:object_id>/delete/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/proposal/<path:object_id>/change/": Row(
        get="login login login login login 2fa 403", kwargs={"object_id": "missing"}
    ),
    "admin/exchanges/proposal/<path:object_id>/": Row(
        get="login login login login login 2fa 302", kwargs={"object_id": "missing"}
    ),
}

# Further rows for a pattern whose answer depends on the object and not only on the role: each the same URL with
# another object of the world. For exchange vetting, who may see or move a proposal depends on its state and on the
# person: the proposing city's representatives (rep_own), the reviewers assigned to it (the matrix's reviewer is
# assigned to exchange_reviewed and not to exchange_unassigned), staff, everyone else.
CASES = {
    # A forum holding topics is not opened to more readers: staff's widening of a working group is a conflict.
    "forums/<slug:slug>/edit/": [
        Row(
            get="login 403 403 403 403 403 200",
            post="login 403 403 403 403 403 409",
            kwargs={"slug": "group_forum"},
            data={"name": "Closed group", "access": "public", "position": "0"},
        ),
    ],
    # The board of a collection or a city that does not exist is not found, for everyone.
    "practices/collections/<slug:slug>/board/": [
        Row(get="404 404 404 404 404 404 404", kwargs={"slug": "no-such-collection"}),
    ],
    "practices/board/cities/<slug:city_slug>/": [
        Row(get="404 404 404 404 404 404 404", kwargs={"city_slug": "no-such-city"}),
    ],
    "api/v1/board/pledges/": [
        Row(get="404 404 404 404 404 404 404 404 404 404 404", query="city=no-such-city"),
        Row(get="400 400 400 400 400 400 400 400 400 400 400", query="status=lost"),
    ],
    "exchanges/propose/<slug:city_slug>/": [
        Row(get="login 403 403 200 403 403 403", kwargs={"city_slug": "other_city"}),
    ],
    "exchanges/<int:pk>/": [
        Row(get="404 404 200 404 404 404 200", kwargs={"pk": "exchange_submitted"}),
        Row(get="200 200 200 200 200 200 200", kwargs={"pk": "exchange_reviewed"}),
        Row(get="200 200 200 200 200 200 200", kwargs={"pk": "exchange_withheld"}),
    ],
    "exchanges/<int:pk>/edit/": [
        Row(
            get="login 404 403 404 404 404 403",
            post="login 404 403 404 404 404 403",
            kwargs={"pk": "exchange_submitted"},
        ),
    ],
    "exchanges/<int:pk>/comment/": [
        Row(
            post="login 404 409 404 404 404 404",
            kwargs={"pk": "exchange_draft"},
            data={"body": "A question.", "visibility": "public"},
        ),
    ],
    "exchanges/<int:pk>/letter/": [
        Row(get="404 404 200 404 404 404 200", kwargs={"pk": "exchange_withheld"}),
        Row(get="404 404 404 404 404 404 404", kwargs={"pk": "exchange_reviewed"}),
    ],
    "exchanges/<int:pk>/<str:move>/": [
        Row(
            get="login 403 200 403 403 403 403",
            post="login 403 302 403 403 403 403",
            kwargs={"pk": "exchange_reviewed", "move": "withdraw"},
            data={"reason": "Plans changed."},
        ),
        Row(
            post="login 403 302 403 403 403 403",
            kwargs={"pk": "exchange_approved", "move": "complete"},
            data={"report": "How it went."},
        ),
        Row(post="login 404 409 404 404 404 403", kwargs={"pk": "exchange_submitted", "move": "submit"}),
    ],
    "staff/exchanges/<int:pk>/": [
        Row(
            get="login 403 403 403 403 2fa 404",
            post="login 403 403 403 403 2fa 404",
            kwargs={"pk": "exchange_draft"},
            data={"action": "screen"},
        ),
    ],
    "staff/exchanges/<int:pk>/review/": [
        Row(
            get="login 403 403 403 403 2fa 403",
            post="login 403 403 403 403 2fa 403",
            kwargs={"pk": "exchange_unassigned"},
            data=REVIEW_FORM,
        ),
        Row(get="login 404 403 404 404 2fa 404", kwargs={"pk": "exchange_draft"}),
    ],
    "api/v1/proposals/<int:pk>/": [
        Row(get="404 404 200 404 404 404 200 404 200 404 404", kwargs={"pk": "exchange_submitted"}),
        Row(get="200 200 200 200 200 200 200 200 200 200 200", kwargs={"pk": "exchange_unassigned"}),
    ],
    "api/v1/proposals/<int:pk>/<str:move>/": [
        Row(
            post="403 404 403 404 404 403 200 403 403 403 403",
            kwargs={"pk": "exchange_submitted", "move": "screen"},
        ),
        Row(
            post="403 403 403 403 200 403 403 403 403 403 403",
            kwargs={"pk": "exchange_reviewed", "move": "review"},
            data=REVIEW_API,
        ),
        Row(
            post="401 403 200 403 403 403 403 403 200 403 403",
            kwargs={"pk": "exchange_reviewed", "move": "withdraw"},
            data={"reason": "Plans changed."},
        ),
    ],
}
