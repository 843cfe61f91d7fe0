def test_it_limits_failed_logins_per_account(client, participant, password):
    # allauth's login_failed limit is 5 per 5 minutes per account, counted in the real cache.
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": participant.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.text
    response = client.post("/accounts/login/", {"login": participant.email, "password": password})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_the_limit_does_not_lock_out_other_accounts(client, participant, outsider, password):
    for _ in range(6):
        client.post("/accounts/login/", {"login": participant.email, "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": outsider.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(outsider.pk)


def test_too_many_signups_get_the_429_page(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for _ in range(2):
        assert client.post("/accounts/signup/", {"email": "not-valid"}).status_code == 200
    response = client.post("/accounts/signup/", {"email": "not-valid"})
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert '<a class="skip-link"' in response.text
