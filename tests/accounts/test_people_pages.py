"""Staff's list of people pages by keyset in the order of handles, keeping the search and the role across its links,
in the same queries on every page, read from the handles' unique index without a sort."""

import re
from urllib.parse import unquote

import pytest

from network.accounts import views
from network.accounts.roles import Role
from network.accounts.services import role_grant
from network.accounts.system import SYSTEM
from tests.factories import UserFactory
from tests.keyset_plans import next_cursor, page_query_plans

pytestmark = pytest.mark.django_db

URL = "/staff/people/"


@pytest.fixture
def people(monkeypatch):
    """Seven people whose handles start with `pk_`, the even ones city representatives."""
    monkeypatch.setattr(views, "PEOPLE_PER_PAGE", 2)
    made = [UserFactory(handle=f"pk_{name}") for name in ("delta", "alpha", "gamma", "beta", "eta", "zeta", "epsilon")]
    for person in made[::2]:
        role_grant(actor=SYSTEM, user=person, role=Role.CITY_REPRESENTATIVE, reason="set-up")
    return made


def _walk(client, params: dict) -> list[list[str]]:
    pages = []
    while True:
        body = client.get(URL, params).text
        pages.append([part.split("<")[0] for part in body.split('<th scope="row">')[1:]])
        if 'rel="next"' not in body:
            if len(pages) > 1:
                assert ">First page</a>" in body
            return pages
        assert ">Next page</a>" in body
        link = re.search(r'href="(\?[^"]*)" rel="next"', body).group(1)
        assert all(f"{key}={value}&amp;" in link for key, value in params.items() if key != "after")
        params = {**params, "after": unquote(next_cursor(body))}


def test_staff_read_everyone_matching_once_in_the_order_of_handles(
    client, staff_member, login_with_second_factor, people
):
    login_with_second_factor(staff_member)
    pages = _walk(client, {"q": "pk_"})
    assert pages == [["pk_alpha", "pk_beta"], ["pk_delta", "pk_epsilon"], ["pk_eta", "pk_gamma"], ["pk_zeta"]]
    representatives = _walk(client, {"q": "pk_", "role": "city_representative"})
    assert [handle for page in representatives for handle in page] == ["pk_delta", "pk_epsilon", "pk_eta", "pk_gamma"]


def test_a_forged_cursor_shows_the_first_page(client, staff_member, login_with_second_factor, people):
    login_with_second_factor(staff_member)
    body = client.get(URL, {"q": "pk_", "after": "%%%"}).text
    assert "pk_alpha" in body and 'rel="first"' not in body


def test_a_deep_page_takes_the_queries_of_the_first(
    client, staff_member, login_with_second_factor, people, django_assert_num_queries
):
    login_with_second_factor(staff_member)
    client.get(URL)
    with django_assert_num_queries(8):
        body = client.get(URL).text
    for _ in range(3):
        cursor = unquote(next_cursor(body))
        with django_assert_num_queries(8):
            body = client.get(URL, {"after": cursor}).text


def test_the_list_is_read_in_the_order_of_the_handles_index_without_a_sort(
    client, staff_member, login_with_second_factor, people
):
    login_with_second_factor(staff_member)
    cursor = unquote(next_cursor(client.get(URL).text))
    for params in ({}, {"after": cursor}, {"q": "pk_", "after": cursor}):
        for plan in page_query_plans(client, URL, params, "accounts_user"):
            assert "handle" in plan and "Index" in plan, plan
            assert "Sort" not in plan, plan
