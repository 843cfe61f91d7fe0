"""Parameters and bodies no view could store or trust are refused once, for the whole platform, with a 400."""

import json

import pytest

from network.input_limits import MAX_JSON_DEPTH, MAX_QUERY_VALUE_LENGTH


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.fixture
def city_rep_city(city_rep, member_city):
    return member_city(city_rep)


@pytest.mark.parametrize(
    "path",
    [
        "/cities/gazetteer/?q=a%00b",
        "/cities/apply/?q=%00",
        "/staff/people/?q=%00",
        "/staff/audit/?action=%00",
        "/cities/?q=%00",
        "/practices/?q=%00",
        "/api/v1/cities/?q=%00",
        "/?a%00b=1",
    ],
)
def test_it_refuses_a_nul_byte_in_any_query_parameter_with_the_sites_400_page(
    client, staff_member, login_with_second_factor, path
):
    login_with_second_factor(staff_member)
    response = client.get(path)
    assert response.status_code == 400, path
    if path.startswith("/api/"):
        assert "NUL character" in response.json()["detail"]
    else:
        assert "The request could not be understood" in response.text
        assert "contains a NUL character" in response.text


def test_it_refuses_a_nul_byte_on_the_adoption_form_of_a_city(client, city_rep, city_rep_city):
    client.force_login(city_rep)
    assert client.get(f"/practices/adoptions/{city_rep_city.slug}/record/").status_code == 200
    response = client.get(f"/practices/adoptions/{city_rep_city.slug}/record/?practice=%00")
    assert response.status_code == 400
    assert "“practice” contains a NUL character" in response.text


def test_it_refuses_a_nul_byte_in_a_posted_form(client, participant):
    client.force_login(participant)
    response = client.post("/accounts/profile/", {"handle": "river\x00watch", "affiliation": ""})
    assert response.status_code == 400
    assert "“handle” contains a NUL character" in response.text
    participant.refresh_from_db()
    assert participant.handle == "river_watch"


def test_it_refuses_a_query_string_that_is_not_utf8(client, db):
    response = client.get("/cities/", QUERY_STRING="q=%ff%fe")
    assert response.status_code == 400
    assert "not valid UTF-8" in response.text
    # Valid UTF-8, percent-encoded or not, passes.
    assert client.get("/cities/", QUERY_STRING="q=S%C3%A3o").status_code == 200


def test_it_refuses_an_over_long_query_parameter(client, db):
    assert client.get("/cities/", {"region": "x" * MAX_QUERY_VALUE_LENGTH}).status_code < 500
    response = client.get("/cities/", {"q": "x" * (MAX_QUERY_VALUE_LENGTH + 1)})
    assert response.status_code == 400
    assert f"longer than {MAX_QUERY_VALUE_LENGTH} characters" in response.text


@pytest.mark.parametrize("method", ["patch_me", "post_adoption"])
def test_it_refuses_a_json_body_nested_1500_levels_deep(client, city_rep, city_rep_city, method):
    client.force_login(city_rep)
    deep = '{"handle": ' + _nested(1500) + "}"
    if method == "patch_me":
        response = client.patch("/api/v1/me/", deep, content_type="application/json")
    else:
        response = client.post("/api/v1/adoptions/", deep, content_type="application/json")
    assert response.status_code == 400
    assert f"nested deeper than {MAX_JSON_DEPTH} levels" in response.json()["detail"]


def test_it_refuses_json_nested_just_past_the_limit_and_accepts_it_at_the_limit(client, participant):
    client.force_login(participant)
    # The body itself is one level; the limit counts it.
    at_limit = '{"affiliation": ' + _nested(MAX_JSON_DEPTH - 1) + "}"
    response = client.patch("/api/v1/me/", at_limit, content_type="application/json")
    assert response.status_code == 400
    assert "affiliation" in response.json()  # a field error from the serializer, not a parse error
    response = client.patch(
        "/api/v1/me/", '{"affiliation": ' + _nested(MAX_JSON_DEPTH) + "}", content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested deeper" in response.json()["detail"]


def test_it_refuses_nul_bytes_huge_numbers_and_broken_utf8_in_json(client, participant):
    client.force_login(participant)
    for body, message in [
        (json.dumps({"affiliation": "a\x00b"}), "NUL character"),
        (json.dumps({"a\x00": "b"}), "NUL character"),
        ('{"affiliation": 1e999}', "too large"),
        ('{"affiliation": ' + "9" * 5000 + "}", "JSON parse error"),
        (b'{"affiliation": "\xff\xfe"}', "JSON parse error"),
    ]:
        response = client.patch("/api/v1/me/", body, content_type="application/json")
        assert response.status_code == 400, body[:40]
        assert message in response.json()["detail"], body[:40]
    participant.refresh_from_db()
    assert participant.affiliation == ""
    response = client.patch("/api/v1/me/", {"affiliation": "Neighbourhood watchers"}, content_type="application/json")
    assert response.status_code == 200
