"""The API answers JSON only: DRF's browsable pages, whose inline styles the Content-Security-Policy refuses, are
not served; people read the API through /api/docs/."""

import json

import pytest


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/cities/", "/api/v1/practices/", "/api/v1/me/"])
def test_it_answers_json_to_a_browser_asking_for_html(client, participant, path):
    client.force_login(participant)
    response = client.get(path, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    json.loads(response.content)
    assert b"<html" not in response.content


def test_it_has_no_browsable_format(client, db):
    assert client.get("/api/v1/cities/", {"format": "api"}).status_code == 404
    response = client.get("/api/v1/cities/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"


@pytest.mark.browser
def test_a_browser_opening_the_api_sees_json_and_no_policy_violation(page, participant):
    for path in ["/api/v1/", "/api/v1/cities/", "/api/v1/practices/"]:
        response = page.goto(path)
        assert response.status == 200
        assert response.headers["content-type"] == "application/json"
        json.loads(page.locator("body").inner_text())
    assert page.csp_violations == []
