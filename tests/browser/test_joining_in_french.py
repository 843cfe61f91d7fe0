"""Joining the network in French on a 390 px phone, as a mayor's office lives it: sign-up and the verification mail,
the city's application, staff approving it with their second factor, the new lead inviting a colleague who accepts,
a search of the library, a practice, and the city's adoption of it.

Each browser speaks French the way a real one does: through its Accept-Language header (Playwright's `locale`), never
a cookie set by the test. At every page of the walk the test fails on

- anything that sticks out past the right edge at 390 px (the phone-width test's `overflow` helper),
- any accessibility violation axe finds (as in the phone-width test),
- English left on the page, found against the catalogues rather than against a list kept by hand (see `_english`).
"""

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from cities.models import City, MembershipApplication, Representative
from practices.demo import load_translations
from practices.models import Adoption, AdoptionSource
from tests.browser.conftest import assert_accessible
from tests.browser.support import overflow
from tests.cities.conftest import _media_in_a_temporary_folder, pdf_bytes  # noqa: F401
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "une-longue-phrase-de-passe-42"


def fr(text: str, **values) -> str:
    """The French the person reads for one of the site's strings (the test drives the page by what it says)."""
    with translation.override("fr"):
        words = translation.gettext(text)
    return words % values if values else words


# Placeholders of the catalogues' strings: Python's named and positional ones ("%(count)s", "%(value).1f", "%s")
# and str.format's ("{name}").
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{\w*\}")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", PLACEHOLDER.sub(" ", text).casefold()))


@cache
def _english() -> re.Pattern:
    """One pattern that matches, whole, any of the site's English strings that a French reader should not meet.

    The strings come from the catalogues, not from a list kept by hand:
    - every message of the project's French catalogue (locale/fr) that has no French yet, or only a fuzzy one (the
      site shows these in English);
    - every message of the French catalogues in use (the project's, Django's, allauth's, as Django loads them) that
      has a word its French lacks. "Date", "Description" or "%(value)s million", the same words in both languages,
      are never flagged: a French page may say them.
    A message with placeholders ("Accept and represent %(city)s") becomes a pattern in which each placeholder stands
    for any text. Messages too short to say anything on their own (fewer than three letters once the placeholders are
    taken out: "%(a)s of %(b)s", "OK") are left out, so names, numbers and people's words around them cannot match.

    A page's text is compared whole (a text node, or the whole text of a heading, label, button, link, cell…) with
    whole messages, so what people wrote (an office's name, a handle, a quoted policy) and proper names (cities,
    countries) never match unless they are, word for word, one of the site's own sentences."""
    messages: set[str] = set()
    with open(django_settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po", "rb") as po:
        for message in read_po(po):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if ids[0] and (message.fuzzy or not all(strings)):
                messages.update(ids)
    french: dict[str, set[str]] = {}
    for key, words in translation.trans_real.translation("fr")._catalog.items():
        english = key[0] if isinstance(key, tuple) else key  # plural forms are keyed (message, form)
        if english:
            # A message with a context is keyed "context\x04message".
            french.setdefault(english.split("\x04")[-1], set()).update(_words(words))
    messages.update(english for english, words in french.items() if not _words(english) <= words)
    patterns = [
        ".+".join(re.escape(part) for part in PLACEHOLDER.split(_normal(message)))
        for message in messages
        if len(re.findall(r"[^\W\d_]", PLACEHOLDER.sub("", message))) >= 3
    ]
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)).join(("^(?:", ")$")))


# The page's words, as a reader or a screen reader meets them: every text node, the whole text of each element that
# reads as one phrase, and the words of attributes that are shown or read aloud. Text inside an element whose `lang`
# is not the page's (the language switcher's "English", a record that exists only in English and says so) is meant
# to be in that language and is left out; so are scripts and styles.
PAGE_WORDS = """() => {
    const language = document.documentElement.lang;
    const foreign = (element) => {
        const marked = element.closest('[lang]');
        return marked && marked.lang.split('-')[0] !== language;
    };
    const words = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (element.closest('script, style, template') || foreign(element)) continue;
        words.push(walker.currentNode.textContent);
    }
    const phrases = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, label, legend, summary, caption, a, button, option';
    for (const element of document.body.querySelectorAll(phrases)) {
        if (!foreign(element)) words.push(element.textContent);
    }
    const labelled = '[placeholder], [aria-label], [title], img[alt], input[value]';
    for (const element of document.body.querySelectorAll(labelled)) {
        if (foreign(element)) continue;
        for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
            if (element.hasAttribute(name)) words.push(element.getAttribute(name));
        }
        if (['submit', 'button', 'reset'].includes(element.type)) words.push(element.value);
    }
    return words;
}"""


def _english_on(page) -> list[str]:
    english = _english()
    found = []
    for words in page.evaluate(PAGE_WORDS):
        text = _normal(words)
        if text and text not in found and english.match(text):
            found.append(text)
    return found


class Walk:
    """The pages of the journey, each checked as it is reached; the problems are gathered and reported together."""

    def __init__(self):
        self.problems: list[str] = []
        self.pages = 0

    def check_mail(self, message, where: str) -> None:
        """A mail the walk sends: its subject and each line of its text, in French too."""
        for text in _english_in(message.subject) + _english_in(message.body):
            self.problems.append(f"{where}: English: {text!r}")

    def check(self, page, where: str) -> None:
        page.wait_for_load_state()
        self.pages += 1
        assert page.locator("html").get_attribute("lang") == "fr", f"{where}: not in French"
        for problem in overflow(page):
            self.problems.append(f"{where} ({page.url}): sticks out: {problem}")
        for text in _english_on(page):
            self.problems.append(f"{where} ({page.url}): English: {text!r}")
        try:
            assert_accessible(page)
        except AssertionError as error:
            self.problems.append(f"{where} ({page.url}): {error}")


def _phone(browser, live_server):
    """A new phone speaking French: its browser asks for French pages (Accept-Language), as a French phone does."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text))
    page.set_default_timeout(15_000)
    return page


def _english_in(text: str) -> list[str]:
    return [line for line in map(_normal, text.splitlines()) if line and _english().match(line)]


def _mail_to(address: str):
    return [message for message in mail.outbox if address in message.to][-1]


def _sign_in(page, walk: Walk, email: str, password: str) -> None:
    walk.check(page, "sign-in")
    page.get_by_label(fr("Email")).fill(email)
    page.get_by_label(fr("Password")).fill(password)
    page.get_by_role("button", name=fr("Sign In")).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _sign_up(page, walk: Walk, email: str, handle: str, *, official: bool) -> None:
    walk.check(page, "sign-up")
    if page.get_by_label(fr("Email")).input_value() != email:
        page.get_by_label(fr("Email")).fill(email)
    page.get_by_label(fr("Public handle")).fill(handle)
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label(fr("Password (again)")).fill(PASSWORD)
    # The language the account keeps is the one the page is in: nobody has to choose it again.
    assert page.get_by_label(fr("Preferred language")).input_value() == "fr"
    if official:
        page.get_by_label(fr("I take part as")).select_option("public_official")
    page.get_by_role("button", name=fr("Sign Up")).click()
    page.wait_for_url("**/accounts/confirm-email/")
    walk.check(page, "check your mail")
    # The verification mail is in French too; its link is followed as the person would.
    message = _mail_to(email)
    walk.check_mail(message, "verification mail")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    walk.check(page, "confirm the address")
    page.get_by_role("button", name=fr("Confirm")).click()


def test_a_mayors_office_joins_in_french_on_a_phone(
    browser, live_server, settings, staff_member, password, enable_totp
):
    # As the `page` fixture does: plain HTTP cookies, and links in mail built from the live server's address.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.SITE_URL = live_server.url
    # The detector knows the site's English and lets its French, names and numbers through.
    assert _english().match(_normal("Join the network")) and _english().match(_normal("Accept and represent Kampala"))
    for french in (fr("Join the network"), "Kampala", "Ouganda", "1 234", "cabinet_kampala", "Description"):
        assert not _english().match(_normal(french)), french
    call_command("seed_library", verbosity=0)
    load_translations(staff=staff_member)
    walk = Walk()

    # A mayor's office, on a phone that speaks French, finds how to join from the home page and signs up.
    mayor = _phone(browser, live_server)
    mayor.goto("/")
    walk.check(mayor, "home")
    mayor.get_by_role("link", name=fr("Join the network")).first.click()
    _sign_up(mayor, walk, "maire@kampala.example", "cabinet_kampala", official=True)
    mayor.wait_for_url("**/accounts/login/**")
    _sign_in(mayor, walk, "maire@kampala.example", PASSWORD)
    walk.check(mayor, "first page after signing in")

    # It applies for its city: the directory, the city's name typed in part, the application form, the charter.
    mayor.get_by_role("link", name=fr("Cities"), exact=True).first.click()
    mayor.wait_for_url("**/cities/")
    walk.check(mayor, "directory")
    mayor.get_by_role("link", name=fr("Apply for your city")).first.click()
    mayor.wait_for_url("**/cities/apply/")
    walk.check(mayor, "find the city")
    mayor.get_by_label(fr("City name")).press_sequentially("Kampa", delay=50)
    kampala = mayor.get_by_role("radio", name=re.compile("^Kampala, Ouganda"))
    kampala.wait_for()
    walk.check(mayor, "find the city, with results")
    kampala.check()
    mayor.get_by_role("button", name=fr("Start the application")).click()
    mayor.wait_for_url(re.compile(r".*/cities/applications/\d+/edit/$"))
    walk.check(mayor, "application form")
    mayor.get_by_label(fr("name of the office")).fill("Autorité de la ville capitale de Kampala")
    mayor.get_by_label(fr("postal address of the office")).fill("Hôtel de ville\nPlot 1-3 Apollo Kaggwa Road")
    mayor.get_by_label(fr("official website")).fill("https://www.kcca.go.ug/")
    mayor.get_by_label(fr("your position in the office")).fill("Directrice de cabinet")
    mayor.get_by_label(fr("official email address")).fill("maire@kcca.go.ug")
    mayor.get_by_label(fr("Letter of commitment (PDF, at most 10 MB)")).set_input_files(
        {"name": "engagement.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    for checkbox in mayor.get_by_role("checkbox").all():
        checkbox.check()
    mayor.get_by_role("button", name=fr("Submit the application")).click()
    expect(mayor.get_by_text(fr("Your application has been submitted. Staff will be in touch."))).to_be_visible()
    walk.check(mayor, "application submitted")
    application = MembershipApplication.objects.get(applicant__handle="cabinet_kampala")
    assert application.status == "submitted"

    # A staff member, also in French, signs in with their authenticator's code and approves the application.
    secret = enable_totp(staff_member)
    staff = _phone(browser, live_server)
    staff.goto("/accounts/login/")
    _sign_in(staff, walk, staff_member.email, password)
    staff.wait_for_url("**/accounts/2fa/authenticate/**")
    walk.check(staff, "second factor")
    staff.get_by_label(fr("Code")).fill(totp_code(secret))
    staff.get_by_role("button", name=fr("Sign In")).click()
    staff.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    # Their account was set up in English: signed in, they switch it to French with the header's switcher, which
    # keeps the choice for their account.
    staff.get_by_label("Language").select_option("fr")
    staff.get_by_role("button", name="Change").click()
    staff.wait_for_function("document.documentElement.lang === 'fr'")
    staff.goto("/staff/")
    walk.check(staff, "staff pages")
    staff.get_by_role("link", name=fr("Membership applications")).first.click()
    staff.wait_for_url("**/staff/cities/applications/**")
    walk.check(staff, "applications to review")
    staff.get_by_role("link", name="Kampala", exact=True).click()
    staff.wait_for_url(re.compile(r".*/staff/cities/applications/\d+/$"))
    walk.check(staff, "the application")
    assert "maire@kcca.go.ug" not in staff.content()
    staff.get_by_role("button", name=fr("Approve"), exact=True).click()
    expect(staff.get_by_text(fr("Your decision has been recorded and the applicant told."))).to_be_visible()
    walk.check(staff, "the application, approved")
    assert staff.csp_violations == []
    staff.context.close()
    city = City.objects.get(slug="kampala-ug")
    assert city.membership_status == "member"

    # The new lead reads the news and invites a colleague from the city's page.
    mayor.goto("/notifications/")
    walk.check(mayor, "notifications")
    welcome = fr(
        "Welcome: %(city)s is now a member of the network, and you are its lead representative.", city="Kampala"
    )
    mayor.get_by_role("link", name=re.compile(re.escape(welcome[:30]))).first.click()
    walk.check(mayor, "the city's page")
    mayor.goto(city.get_absolute_url())
    mayor.get_by_role("link", name=fr("Invite or remove representatives")).click()
    walk.check(mayor, "representatives")
    mayor.get_by_label(fr("Your colleague's email address")).fill("adjointe@kcca.go.ug")
    mayor.get_by_role("button", name=fr("Send the invitation")).click()
    expect(mayor.get_by_text(fr("The invitation is on its way. The link is valid for 7 days."))).to_be_visible()
    walk.check(mayor, "representatives, invitation sent")
    message = _mail_to("adjointe@kcca.go.ug")
    walk.check_mail(message, "invitation mail")
    invitation = re.search(r"https?://\S+/cities/invitations/\S+/", message.body).group(0)

    # The colleague, on her own French phone, opens the invitation, creates her account and accepts.
    colleague = _phone(browser, live_server)
    colleague.goto(invitation)
    walk.check(colleague, "invitation")
    colleague.get_by_role("link", name=fr("Create an account"), exact=True).click()
    _sign_up(colleague, walk, "adjointe@kcca.go.ug", "adjointe_kampala", official=False)
    colleague.wait_for_url(f"**{invitation.split(live_server.url)[1]}")
    walk.check(colleague, "invitation, address confirmed")
    colleague.get_by_role("link", name=fr("Sign in to accept")).click()
    _sign_in(colleague, walk, "adjointe@kcca.go.ug", PASSWORD)
    colleague.wait_for_url("**/cities/invitations/**")
    walk.check(colleague, "invitation, signed in")
    colleague.get_by_role("button", name=fr("Accept and represent %(city)s", city="Kampala")).click()
    colleague.wait_for_url(f"**{city.get_absolute_url()}")
    expect(colleague.get_by_text(fr("Welcome: you now represent %(city)s.", city="Kampala"))).to_be_visible()
    walk.check(colleague, "the city's page, as its new representative")
    assert colleague.csp_violations == []
    colleague.context.close()
    assert set(Representative.objects.filter(city=city).values_list("user__handle", "is_lead")) == {
        ("cabinet_kampala", True),
        ("adjointe_kampala", False),
    }

    # The lead searches the library in French, opens a practice and records the city's adoption of it.
    mayor.goto("/practices/")
    walk.check(mayor, "library")
    mayor.get_by_role("searchbox", name=fr("Search")).press_sequentially("désescalade", delay=40)
    mayor.wait_for_url("**/practices/?*q=d*")
    practice = mayor.get_by_role("link", name="Exiger la désescalade")
    practice.first.wait_for()
    walk.check(mayor, "library, searched")
    practice.first.click()
    mayor.wait_for_url("**/practices/require-de-escalation/")
    walk.check(mayor, "the practice")
    # The record's words are the French that staff wrote, down to the titles of its related practices.
    expect(mayor.get_by_role("heading", level=1)).to_have_text("Exiger la désescalade")
    expect(mayor.get_by_role("link", name="Obligation d'intervenir")).to_be_visible()
    mayor.get_by_role("link", name=fr("Record the adoption by %(city)s", city="Kampala")).click()
    mayor.wait_for_url("**/practices/adoptions/kampala-ug/record/?practice=require-de-escalation")
    walk.check(mayor, "record an adoption")
    expect(mayor.locator("#id_practice option:checked")).to_have_text("Exiger la désescalade")
    mayor.locator("#id_status").select_option("adopted")
    mayor.get_by_label(capfirst(fr("quoted policy text"))).fill(
        "Les agents cherchent d'abord à apaiser la situation avant tout usage de la force."
    )
    mayor.get_by_label(capfirst(fr("link to the policy"))).fill("https://www.kcca.go.ug/police/reglement-4")
    mayor.get_by_label(capfirst(fr("in effect since"))).fill("2024-03-01")
    mayor.get_by_role("button", name=fr("Save"), exact=True).click()
    mayor.wait_for_url("**/practices/require-de-escalation/cities/kampala-ug/")
    walk.check(mayor, "the adoption, recorded")
    recorded = fr(
        "The adoption of “%(practice)s” by %(city)s has been recorded.",
        practice="Exiger la désescalade",
        city="Kampala",
    )
    expect(mayor.get_by_text(recorded)).to_be_visible()
    expect(mayor.get_by_role("heading", level=1)).to_contain_text("Exiger la désescalade")
    assert mayor.csp_violations == []
    assert Adoption.objects.get(city=city).source == AdoptionSource.SELF_REPORTED

    assert walk.problems == [], "\n".join(walk.problems)
    assert walk.pages >= 25
