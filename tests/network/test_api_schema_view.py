"""The OpenAPI schema is made once per process, language and format, then served from memory: asking for it again
costs no generation, so nobody keeps a worker busy by asking for it over and over."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

JSON = "application/vnd.oai.openapi+json"


@pytest.fixture
def generated(monkeypatch):
    calls = []
    original = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        calls.append(kwargs.get("public"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    return calls


def test_the_schema_is_made_once_per_language_and_format(client, generated, settings):
    settings.ROOT_URLCONF = "network.urls"  # a setting changed: whatever an earlier test kept is forgotten
    first = client.get("/api/schema/")
    again = client.get("/api/schema/")
    assert first.status_code == again.status_code == 200 and len(generated) == 1
    assert again.content == first.content and b"/api/v1/me/" in again.content
    assert again["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert again["Content-Disposition"] == first["Content-Disposition"] and again["Content-Disposition"].endswith(
        '.yaml"'
    )
    as_json = [client.get("/api/schema/", HTTP_ACCEPT=JSON) for _ in range(2)]
    assert [response["Content-Type"] for response in as_json] == [JSON, JSON] and len(generated) == 2
    assert as_json[0].json()["paths"] and as_json[0].content == as_json[1].content
    french = [client.get("/api/schema/", {"lang": "fr"}) for _ in range(2)]
    assert len(generated) == 3 and french[0].content == french[1].content != first.content


def test_a_language_the_platform_does_not_speak_is_refused_not_an_error(client, generated):
    for language in ("zz", "xx-evil", "fr-CA"):
        response = client.get("/api/schema/", {"lang": language}, HTTP_ACCEPT=JSON)
        assert response.status_code == 400, (language, response.status_code)
        assert "lang" in response.json()
    assert generated == []
