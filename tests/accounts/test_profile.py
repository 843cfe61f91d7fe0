from network.audit.models import AuditEntry


def test_it_saves_handle_affiliation_and_language(client, participant):
    client.force_login(participant)
    response = client.post(
        "/accounts/profile/",
        {
            "handle": "new_handle",
            "affiliation_kind": "researcher",
            "affiliation": "Univ. of Lagos",
            "preferred_language": "es",
        },
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
    participant.refresh_from_db()
    assert (participant.handle, participant.affiliation, participant.preferred_language) == (
        "new_handle",
        "Univ. of Lagos",
        "es",
    )
    entry = AuditEntry.objects.get(action="accounts.user.rename")
    assert entry.before == {"handle": "river_watch"} and entry.after == {"handle": "new_handle"}


def test_it_keeps_what_was_typed_when_the_handle_is_taken(client, participant, outsider):
    client.force_login(participant)
    response = client.post(
        "/accounts/profile/",
        {"handle": outsider.handle, "affiliation_kind": "", "affiliation": "Typed text", "preferred_language": "en"},
    )
    assert response.status_code == 200
    assert "already taken" in response.text
    assert 'value="Typed text"' in response.text
    participant.refresh_from_db()
    assert participant.handle == "river_watch"


def test_it_rejects_an_unknown_language(client, participant):
    client.force_login(participant)
    response = client.post(
        "/accounts/profile/",
        {"handle": "river_watch", "affiliation_kind": "", "affiliation": "", "preferred_language": "xx"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_the_profile_needs_an_account(client, db):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_it_refuses_other_methods(client, participant):
    client.force_login(participant)
    assert client.put("/accounts/profile/").status_code == 405
