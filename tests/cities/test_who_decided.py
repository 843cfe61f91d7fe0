"""Pages name the applicant as the applicant and the member of staff who decided as the one who decided: never
"Approved by" followed by the applicant's handle."""

import re

from cities import services


def test_the_staff_page_names_the_applicant_and_the_decider_apart(
    client, staff_member, participant, submitted, login_with_second_factor
):
    application = submitted(participant)
    services.application_request_info(actor=staff_member, application=application, reason="Sign the letter.")
    application.refresh_from_db()
    services.application_submit(actor=participant, application=application)
    login_with_second_factor(staff_member)
    page = client.get(f"/staff/cities/applications/{application.pk}/").text
    people = re.search(r'<dl class="facts" id="application-people">(.*?)</dl>', page, re.S).group(1)
    assert re.search(rf"<dt>Applicant</dt><dd>{participant.handle}</dd>", people)
    assert re.search(rf"<dt>Last decision taken by</dt><dd>{staff_member.handle}\b", people)
    # The status badge is never followed by the applicant's handle as if they had decided.
    assert not re.search(rf"</span>\s*by {participant.handle}", page)
    assert f"decided by {staff_member.handle}" in page
