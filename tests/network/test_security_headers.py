import re


def test_a_page_carries_the_security_headers(client, db):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_scripts_and_styles_are_files_of_the_site_with_no_nonce(client, db):
    # A visitor's page is kept for every visitor: it cannot carry a nonce of one response, so it needs none.
    response = client.get("/", secure=True)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "nonce" not in csp and "nonce=" not in response.text
    scripts = re.findall(r"<script([^>]*)>", response.text)
    assert scripts and all(' src="/static/' in attributes for attributes in scripts)
    assert "<style" not in response.text and " style=" not in response.text


def test_cookies_are_secure_and_http_only(client, participant, password):
    # As configured for production (DEBUG off), not set by this test.
    client.get("/accounts/login/", secure=True)
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post("/accounts/login/", {"login": participant.email, "password": password}, secure=True)
    for name in ["sessionid", "django_language"]:
        cookie = response.cookies[name]
        assert cookie["secure"] and cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name


def test_plain_http_is_redirected_in_production(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301 and response.url.startswith("https://")


def test_a_forged_form_gets_the_sites_own_csrf_page(participant, password):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": participant.email, "password": password}, secure=True)
    assert response.status_code == 403
    assert "Your form has expired" in response.text
    assert "<style" not in response.text
