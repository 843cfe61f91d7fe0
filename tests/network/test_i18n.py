import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]


def test_the_home_page_renders_in_french(client, db):
    client.cookies["django_language"] = "fr"
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text
    assert "Aller au contenu principal" in response.text


def test_the_home_page_renders_in_spanish(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="es">' in response.text
    assert "Saltar al contenido principal" in response.text


def test_the_language_switcher_sets_the_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="es">' in client.get("/").text


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_string_is_translated(language):
    catalogue = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    _header, entries = catalogue.split("\n\n", 1)
    assert "#, fuzzy" not in entries
    lines = [*entries.splitlines(), ""]
    # An empty msgstr not continued on the next line is a string nobody translated.
    untranslated = [
        line
        for line, following in itertools.pairwise(lines)
        if re.fullmatch(r'msgstr(\[\d\])? ""', line) and not following.startswith('"')
    ]
    assert untranslated == []
    assert len(re.findall(r"^msgid ", entries, re.M)) > 100


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_compiled_catalogue_matches_its_source(language, tmp_path):
    if shutil.which("msgfmt") is None:
        require_service("gettext's msgfmt is not installed")
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", compiled, folder / "django.po"], check=True)
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes()


def test_the_catalogues_hold_every_string_of_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        require_service("gettext is not installed")
    for part in ["manage.py", "network", "cities", "practices", "exchanges", "templates", "locale"]:
        source = ROOT / part
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / part)
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": "postgres://unused/unused"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )

    def msgids(path: Path) -> set[str]:
        # A msgid may continue over several quoted lines.
        return set(re.findall(r'^msgid ((?:".*"\n)+)', path.read_text(encoding="utf-8"), re.M))

    catalogue = Path("locale/fr/LC_MESSAGES/django.po")
    assert msgids(tmp_path / catalogue) == msgids(ROOT / catalogue), "run `make messages` and translate"


def test_the_switcher_remembers_a_signed_in_persons_choice(client, participant):
    client.force_login(participant)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.preferred_language == "es"


def test_the_switcher_ignores_an_unknown_language(client, participant):
    client.force_login(participant)
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.preferred_language == "en"
    assert '<html lang="en">' in client.get("/").text


def test_sign_up_offers_the_language_the_page_is_shown_in(client, db):
    client.cookies["django_language"] = "fr"
    response = client.get("/accounts/signup/")
    assert '<option value="fr" selected>' in response.text


def test_the_switcher_works_for_an_account_with_an_old_style_handle(client, db):
    from network.accounts.models import User

    legacy = User.objects.create_user("jane.doe@example.org", "x-long-password-1", handle="jane.doe")
    client.force_login(legacy)
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    legacy.refresh_from_db()
    assert (legacy.preferred_language, legacy.handle) == ("fr", "jane.doe")


def test_a_visitors_switcher_holds_no_csrf_token_and_works_from_this_site(client, db):
    page = client.get("/", secure=True)
    assert "csrfmiddlewaretoken" not in page.text and "csrftoken" not in page.cookies
    response = client.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/"},
        secure=True,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "https://testserver"},
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "fr"


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}, {"Origin": "https://elsewhere.example"}],
)
def test_the_switcher_refuses_a_form_sent_from_another_site(client, db, headers):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, secure=True, headers=headers)
    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_a_signed_in_persons_switcher_still_needs_the_token(participant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    page = client.get("/", secure=True)
    assert "csrfmiddlewaretoken" in page.text
    response = client.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/"},
        secure=True,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "https://testserver"},
    )
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.preferred_language == "en"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/", "csrfmiddlewaretoken": token},
        secure=True,
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "https://testserver"},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.preferred_language == "es"
