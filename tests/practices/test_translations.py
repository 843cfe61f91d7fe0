"""Records and collections carry translations written by staff; a page in French or Spanish shows them, and says
plainly when a record exists only in English."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.audit.models import AuditEntry
from practices import services
from practices.errors import MoveNotAllowed
from practices.models import PracticeTranslation


def _in(client, language: str):
    client.cookies["django_language"] = language
    return client


def test_a_page_shows_the_translation_in_the_readers_language(client, publish, staff_member):
    practice = publish(title="Duty to intervene", summary="Officers must stop a colleague.", body="English body.")
    services.practice_translation_save(
        actor=staff_member,
        practice=practice,
        language="fr",
        title="Obligation d'intervenir",
        summary="Un agent doit arrêter un collègue.",
        body="Texte **français**.",
    )
    text = _in(client, "fr").get(practice.get_absolute_url()).text
    assert "<h1>Obligation d&#x27;intervenir</h1>" in text
    assert "Un agent doit arrêter un collègue." in text
    assert "<strong>français</strong>" in text
    assert "English body." not in text
    assert "existe uniquement en anglais" not in text
    assert AuditEntry.objects.filter(action="practices.translation.save", data__language="fr").exists()


def test_a_page_says_when_a_record_exists_only_in_english(client, publish, staff_member):
    practice = publish(title="Duty to intervene", summary="Officers must stop a colleague.")
    services.practice_translation_save(
        actor=staff_member, practice=practice, language="fr", title="Obligation d'intervenir", summary="Résumé."
    )
    spanish = _in(client, "es").get(practice.get_absolute_url()).text
    assert '<h1 lang="en">Duty to intervene</h1>' in spanish
    assert "solo existe en inglés" in spanish
    english = _in(client, "en").get(practice.get_absolute_url()).text
    assert "<h1>Duty to intervene</h1>" in english and "only in English" not in english
    # A French translation without its full text says the text below is in English.
    french = _in(client, "fr").get(practice.get_absolute_url()).text
    assert "texte complet ci-dessous est en anglais" in french


def test_staff_translate_a_record_in_the_staff_pages(client, publish, staff_member, login_with_second_factor):
    practice = publish(title="Duty to intervene")
    login_with_second_factor(staff_member)
    url = f"/staff/practices/{practice.slug}/translations/es/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "", "summary": "Resumen."})
    assert response.status_code == 400 and "Resumen." in response.text
    response = client.post(url, {"title": "Deber de intervenir", "summary": "Resumen.", "body": ""})
    assert response.status_code == 302
    assert PracticeTranslation.objects.get(practice=practice, language="es").title == "Deber de intervenir"
    # Saving again rewrites the one translation.
    client.post(url, {"title": "Deber de intervenir", "summary": "Otro resumen."})
    assert PracticeTranslation.objects.get(practice=practice, language="es").summary == "Otro resumen."
    assert client.get(f"/staff/practices/{practice.slug}/translations/de/").status_code == 404


def test_only_staff_translate(client, publish, participant):
    practice = publish(title="Duty to intervene")
    client.force_login(participant)
    assert client.get(f"/staff/practices/{practice.slug}/translations/fr/").status_code == 403
    posted = {"title": "Titre", "summary": "Résumé."}
    assert client.post(f"/staff/practices/{practice.slug}/translations/fr/", posted).status_code == 403
    assert not PracticeTranslation.objects.exists()
    with pytest.raises(MoveNotAllowed):
        services.practice_translation_save(
            actor=participant, practice=practice, language="fr", title="Titre", summary="Résumé."
        )
    assert not PracticeTranslation.objects.exists()


def test_english_is_not_a_translation(publish, staff_member):
    practice = publish(title="Duty to intervene")
    with pytest.raises(ValidationError):
        services.practice_translation_save(
            actor=staff_member, practice=practice, language="en", title="Title", summary="Summary."
        )


def test_a_collection_shows_its_translation_with_no_extra_query(
    client, eight_cant_wait, staff_member, django_assert_num_queries, login_with_second_factor
):
    collection = eight_cant_wait
    services.collection_translation_save(
        actor=staff_member, collection=collection, language="es", title="8 que no esperan", description="Ocho reglas."
    )
    with django_assert_num_queries(1):
        listing = _in(client, "es").get("/practices/collections/").text
    assert "8 que no esperan" in listing and "Ocho reglas." in listing
    page = _in(client, "es").get(collection.get_absolute_url()).text
    assert "<h1>8 que no esperan</h1>" in page
    french = _in(client, "fr").get(collection.get_absolute_url()).text
    assert '<h1 lang="en">8 Can&#x27;t Wait</h1>' in french
    login_with_second_factor(staff_member)
    url = f"/staff/practices/collections/{collection.slug}/translations/fr/"
    assert client.post(url, {"title": "8 qui n'attendent pas", "description": ""}).status_code == 302
    assert "8 qui n&#x27;attendent pas" in _in(client, "fr").get(collection.get_absolute_url()).text


def test_the_library_list_shows_each_card_in_the_readers_language_with_one_query_for_all(
    client, publish, staff_member, django_assert_num_queries
):
    translated = [publish(title=f"Policy {n}", summary=f"English summary {n}.") for n in range(3)]
    untranslated = publish(title="Only in English", summary="Never translated.")
    for n, practice in enumerate(translated):
        services.practice_translation_save(
            actor=staff_member, practice=practice, language="es", title=f"Política {n}", summary=f"Resumen {n}."
        )
    with CaptureQueriesContext(connection) as in_english:
        client.get("/practices/")
    with django_assert_num_queries(len(in_english) + 1):  # the page's cards' translations, in one query
        text = _in(client, "es").get("/practices/").text
    for n in range(3):
        assert f">Política {n}</a></h2>" in text and f"<p>Resumen {n}.</p>" in text
        assert f"Policy {n}<" not in text
    # A card left in English says so to a screen reader.
    assert f'<h2 lang="en"><a href="{untranslated.get_absolute_url()}">Only in English</a></h2>' in text
    assert '<p lang="en">Never translated.</p>' in text
    assert "Política 0" not in _in(client, "en").get("/practices/").text


def test_it_shows_the_translated_emmie_notes_and_marks_the_others_english(client, publish, staff_member):
    practice = publish(
        title="Duty to intervene",
        emmie_effect="No rigorous evaluation was found.",
        emmie_mechanism="Peers stop peers.",
        emmie_moderators="",
        emmie_implementation="Needs training.",
        emmie_economic_cost="Low.",
    )
    services.practice_translation_save(
        actor=staff_member,
        practice=practice,
        language="fr",
        title="Obligation d'intervenir",
        summary="Résumé.",
        emmie_effect="Aucune évaluation rigoureuse n'a été trouvée.",
        emmie_economic_cost="  Faible.  ",
    )
    french = _in(client, "fr").get(practice.get_absolute_url()).text
    assert "<dd>Aucune évaluation rigoureuse n&#x27;a été trouvée.</dd>" in french
    assert "<dd>Faible.</dd>" in french
    # What staff did not translate shows in English, marked so for screen readers.
    assert '<dd lang="en">Peers stop peers.</dd>' in french
    assert '<dd lang="en">Needs training.</dd>' in french
    # A note the record does not have says so in the reader's language, not marked English.
    assert "<dd>Pas encore d'information.</dd>" in french
    assert "No rigorous evaluation was found." not in french
    spanish = _in(client, "es").get(practice.get_absolute_url()).text
    assert '<dd lang="en">No rigorous evaluation was found.</dd>' in spanish
    english = _in(client, "en").get(practice.get_absolute_url()).text
    assert "<dd>No rigorous evaluation was found.</dd>" in english and "Aucune" not in english
    entry = AuditEntry.objects.filter(action="practices.translation.save").latest("pk")
    assert entry.after["emmie"] == ["emmie_effect", "emmie_economic_cost"]


def test_staff_translate_the_emmie_notes_in_the_translation_form(
    client, publish, staff_member, login_with_second_factor
):
    practice = publish(title="Duty to intervene", emmie_effect="English effect.")
    login_with_second_factor(staff_member)
    url = f"/staff/practices/{practice.slug}/translations/es/"
    form = client.get(url).text
    for name in ("emmie_effect", "emmie_mechanism", "emmie_moderators", "emmie_implementation", "emmie_economic_cost"):
        assert f'name="{name}"' in form
    # A refused form keeps the notes typed.
    response = client.post(url, {"title": "", "summary": "Resumen.", "emmie_mechanism": "Los compañeros."})
    assert response.status_code == 400 and "Los compañeros." in response.text
    posted = {"title": "Deber de intervenir", "summary": "Resumen.", "emmie_mechanism": "Los compañeros."}
    assert client.post(url, posted).status_code == 302
    translation = PracticeTranslation.objects.get(practice=practice, language="es")
    assert translation.emmie_mechanism == "Los compañeros." and translation.emmie_effect == ""
    # The form opens again with what was saved.
    assert "Los compañeros.</textarea>" in client.get(url).text


def test_the_demo_translates_the_emmie_notes_of_the_eight_policies(staff_member):
    from practices.demo import load_translations
    from practices.library import load_library
    from practices.models import EMMIE_FIELDS, Collection

    load_library()
    load_translations(staff=staff_member)
    policies = Collection.objects.get(slug="8-cant-wait").practices.all()
    for language in ("fr", "es"):
        translations = PracticeTranslation.objects.filter(practice__in=policies, language=language)
        assert translations.count() == 8
        for translation in translations:
            for name in EMMIE_FIELDS:
                if getattr(translation.practice, name):
                    assert getattr(translation, name), (language, translation.practice.slug, name)
