"""Member cities: a letter to attach, applications and member cities built through the real services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cities import services
from cities.models import City, MembershipApplication

TBILISI = 611717
GLASGOW = 2648579
KAMPALA = 232422
KINSHASA = 2314302
SAO_PAULO = 3448439

COMMITMENTS = {
    "commits_use_of_force_policy": True,
    "commits_consult_communities": True,
    "commits_vet_exchanges": True,
    "commits_report_honestly": True,
}
OFFICE = {
    "office_name": "Office of the Mayor",
    "office_address": "City Hall\n1 Main Square",
    "office_website": "https://www.city.example/",
    "applicant_position": "Chief of staff",
    "official_email": "mayor@city.example",
}


def pdf_bytes(body: bytes = b"") -> bytes:
    """A small, well-formed PDF: one empty page (and whatever `body` adds to it)."""
    return (
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def letter(content: bytes | None = None, name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft():
    def make(applicant, geonames_id: int = KAMPALA, **fields) -> MembershipApplication:
        application = services.application_create(actor=applicant, geonames_id=geonames_id)
        return services.application_update(
            actor=applicant, application=application, letter=letter(), **{**OFFICE, **COMMITMENTS, **fields}
        )

    return make


@pytest.fixture
def submitted(draft):
    def make(applicant, geonames_id: int = KAMPALA, **fields) -> MembershipApplication:
        return services.application_submit(actor=applicant, application=draft(applicant, geonames_id, **fields))

    return make


@pytest.fixture
def member_city(submitted, staff_member):
    """A member city whose lead is `lead` (approved through the real review)."""

    def make(lead, geonames_id: int = KAMPALA) -> City:
        application = services.application_approve(actor=staff_member, application=submitted(lead, geonames_id))
        return City.objects.get(pk=application.city_id)

    return make
