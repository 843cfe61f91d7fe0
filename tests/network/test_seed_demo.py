from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cities.models import City, CityChallenge, MembershipApplication, PoliceAgency, Representative
from network.accounts.models import User
from network.accounts.permissions import user_roles
from network.accounts.roles import Role
from network.audit.models import AuditEntry
from practices.models import CollectionTranslation, Pledge, PracticeTranslation


def test_it_loads_the_demo_network_once(db, settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    assert "4 created, 0 already present" in first.getvalue()
    assert "0 created, 4 already present" in second.getvalue()
    assert "Demo cities: 12 member cities and 4 applications added." in first.getvalue()
    assert "Demo cities: 0 member cities and 0 applications added." in second.getvalue()
    assert "Demo challenges: 8 added." in first.getvalue() and "Demo challenges: 0 added." in second.getvalue()
    assert CityChallenge.objects.count() == 8
    assert City.objects.get(name="Kampala").legal_system == "common_law"
    assert user_roles(User.objects.get(email="staff@demo.example")) == {Role.STAFF}
    # The four demo accounts, eleven more leads (Glasgow's is the demo mayor's office), two colleagues, the
    # four applicants still waiting, the second member of staff and second reviewer of exchange vetting, and the
    # nine participants of the forums.
    assert User.objects.count() == 4 + 11 + 2 + 4 + 2 + 9
    members = City.objects.filter(membership_status="member")
    assert set(members.values_list("name", flat=True)) >= {"Tbilisi", "Glasgow", "Kinshasa", "Kampala", "Oakland"}
    assert members.count() == 12
    assert Representative.objects.filter(is_lead=True).count() == 12 and Representative.objects.count() == 14
    assert PoliceAgency.objects.filter(city__in=members).values("city").distinct().count() == 12
    assert set(MembershipApplication.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "more_info_requested",
        "declined",
        "approved",
    }
    glasgow = Representative.objects.get(city__name="Glasgow", is_lead=True).user
    assert glasgow.email == "mayor.office@demo.example"
    # The three role grants of the demo accounts, one for each other representative, and exchange vetting's two.
    assert AuditEntry.objects.filter(action="accounts.role.grant").count() == 3 + 11 + 2 + 2
    # The 8 Can't Wait policies and their collection, in French and Spanish, once.
    assert "18 translations added" in first.getvalue() and "0 translations added" in second.getvalue()
    assert PracticeTranslation.objects.filter(practice__collections__slug="8-cant-wait").count() == 16
    assert CollectionTranslation.objects.filter(collection__slug="8-cant-wait").count() == 2
    # Chicago's pledge of 8 Can't Wait (with a first report) and Glasgow's of crisis response teams, once.
    assert "2 pledges published." in first.getvalue() and "0 pledges published." in second.getvalue()
    chicago = Pledge.objects.get(city__slug="chicago-us")
    assert chicago.status == "published" and chicago.items.count() == 8 and chicago.reports.count() == 1


def test_it_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
    call_command("seed_demo", "--allow-without-debug", stdout=StringIO())
    assert User.objects.filter(email__in=["staff@demo.example", "activist@demo.example"]).count() == 2


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_it_loads_the_library_with_the_published_data_set(db, settings):
    from practices.demo import DATA_SET
    from practices.models import Adoption, Practice
    from tests.conftest import require_service

    if not DATA_SET.is_file():
        require_service(f"The data set {DATA_SET} is missing: it is kept in ../shared/data/, beside the repository")
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Library: 16 records loaded; adoption records: 728 imported from the 2016 use-of-force data set" in (
        out.getvalue()
    )
    assert Practice.objects.count() == 16 and DATA_SET.exists()
    assert Adoption.objects.filter(source="imported").count() == 728 - 2  # Minneapolis reported two itself
    assert Adoption.objects.filter(source="self_reported").count() == 11


def test_without_the_data_set_the_demo_has_adoption_records_of_its_own(db, settings, monkeypatch, tmp_path):
    from practices import demo
    from practices.models import Adoption

    monkeypatch.setattr(demo, "DATA_SET", tmp_path / "absent.csv")
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "of the demo's own" in out.getvalue()
    assert Adoption.objects.filter(city__slug="oakland-us", status="adopted").count() == 8
    assert not Adoption.objects.filter(source="imported").exists()
    response_matrix = Adoption.objects.filter(practice__collections__slug="8-cant-wait").values("city").distinct()
    assert response_matrix.count() == 3
