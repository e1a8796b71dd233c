"""Editing a plan through its pages: the journeys of the regional team and lead officers."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from tests.factories import allow_direct_edits
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans.models import Action, Commitment


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_data(response: Any) -> dict[str, Any]:
    """What a browser would send back from the form on the page, unchanged."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = value
    if "submission" in response.context:
        data["submission"] = response.context["submission"]
    return data


def _history(html: str) -> str:
    """The history section of an action page, as text."""
    section = html.split('<h2 class="govuk-heading-m">', 1)[-1]
    return re.sub(r"\s+", " ", section)


def test_administrator_changes_a_timescale_and_the_history_says_so_in_english(world):
    client = _signed_in(world.admin)
    edit_url = f"/strategies/actions/{world.police_action.pk}/edit/"
    data = _form_data(client.get(edit_url))
    assert data["timescale_text"] == "Mar 2026"

    response = client.post(edit_url, {**data, "timescale_text": "Mar 2027"})

    assert response.status_code == 302
    assert response["Location"] == f"/strategies/actions/{world.police_action.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Timescale changed from Mar 2026 to Mar 2027 by Alys" in page
    assert "Action saved" in page


def test_the_welsh_action_page_shows_the_history_too(world):
    client = _signed_in(world.admin)
    edit_url = f"/cy/strategies/actions/{world.police_action.pk}/edit/"
    response = client.post(
        edit_url, {**_form_data(client.get(edit_url)), "timescale_text": "Mar 2027"}
    )
    assert response["Location"] == f"/cy/strategies/actions/{world.police_action.pk}/"

    html = client.get(response["Location"]).content.decode()
    assert '<html lang="cy"' in html
    history = _history(html)
    # The months read in Welsh on a Welsh page; the stored text stays "Mar 2027".
    assert re.search(r"<li>[^<]*Maw 2026[^<]*Maw 2027[^<]*Alys[^<]*</li>", history), history


def test_lead_officer_edits_the_action_their_organisation_leads(world):
    allow_direct_edits(world)
    client = _signed_in(world.lead)
    edit_url = f"/strategies/actions/{world.police_action.pk}/edit/"
    data = _form_data(client.get(edit_url))

    response = client.post(edit_url, {**data, "evidence_en": "Training attendance records"})

    assert response.status_code == 302
    action = Action.objects.get(pk=world.police_action.pk)
    assert action.evidence_en == "Training attendance records"
    assert list(action.lead_organisations.all()) == [world.police]
    entry = AuditEntry.objects.get(object_id=action.pk, verb=Verb.UPDATED)
    assert entry.actor == world.lead


def test_lead_officer_cannot_edit_another_organisations_action(world):
    client = _signed_in(world.lead)
    response = client.post(
        f"/strategies/actions/{world.council_action.pk}/edit/",
        {"text_en": "Taken over", "lead_organisations": [world.police.pk], "version": "1"},
    )
    assert response.status_code == 403
    assert Action.objects.get(pk=world.council_action.pk).text_en == world.council_action.text_en


def test_second_of_two_people_editing_at_once_sees_both_versions_and_loses_nothing(world):
    allow_direct_edits(world)
    alys, owain = _signed_in(world.admin), _signed_in(world.lead)
    edit_url = f"/strategies/actions/{world.police_action.pk}/edit/"
    alys_form = _form_data(alys.get(edit_url))
    owain_form = _form_data(owain.get(edit_url))

    first = alys.post(edit_url, {**alys_form, "timescale_text": "Mar 2027"})
    second = owain.post(edit_url, {**owain_form, "evidence_en": "Owain's evidence"})

    assert first.status_code == 302
    assert second.status_code == 400
    html = second.content.decode()
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "Somebody else saved a change" in html
    table = re.sub(r"\s+", " ", html.split("What changed while you were editing", 1)[1])
    table = table.split("</table>", 1)[0]
    assert re.search(r"Timescale</th>\s*<td[^>]*>Mar 2027</td>\s*<td[^>]*>Mar 2026</td>", table)
    assert "Owain&#x27;s evidence" in table
    saved = Action.objects.get(pk=world.police_action.pk)
    assert (saved.timescale_text, saved.evidence_en) == ("Mar 2027", "Minutes of meetings")
    assert saved.version == 2
    # The form now carries the saved version, so saving again is a deliberate choice.
    assert second.context["form"].data["version"] == "2"
    assert second.context["form"].data["evidence_en"] == "Owain's evidence"


def test_a_double_submit_of_an_edit_form_is_harmless(world):
    client = _signed_in(world.admin)
    edit_url = f"/strategies/actions/{world.police_action.pk}/edit/"
    data = {**_form_data(client.get(edit_url)), "timescale_text": "Mar 2027"}

    first, second = client.post(edit_url, data), client.post(edit_url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert second["Location"] == first["Location"]
    assert (
        AuditEntry.objects.filter(object_id=world.police_action.pk, verb=Verb.UPDATED).count() == 1
    )


def test_a_double_submit_of_a_create_form_adds_one_action(world):
    client = _signed_in(world.admin)
    create_url = f"/strategies/commitments/{world.commitment.pk}/actions/new/"
    form_page = client.get(create_url)
    assert 'data-prevent-double-click="true"' in form_page.content.decode()
    data = {
        **_form_data(form_page), "text_en": "Publish the MARAC review",
        "timescale_text": "Q3 2024/25", "lead_organisations": [str(world.council.pk)],
    }  # fmt: skip
    assert data["submission"]

    first, second = client.post(create_url, data), client.post(create_url, data)

    created = Action.objects.filter(text_en="Publish the MARAC review")
    assert created.count() == 1
    assert first["Location"] == second["Location"] == created.get().get_absolute_url()


def test_two_create_forms_opened_separately_add_two_actions(world):
    client = _signed_in(world.admin)
    create_url = f"/strategies/commitments/{world.commitment.pk}/actions/new/"
    for _ in range(2):
        data = {**_form_data(client.get(create_url)), "text_en": "Annual report to the board"}
        assert client.post(create_url, data).status_code == 302
    assert Action.objects.filter(text_en="Annual report to the board").count() == 2


def test_missing_text_shows_an_error_summary_linking_to_the_field(world):
    client = _signed_in(world.admin)
    response = client.post(
        f"/strategies/commitments/{world.commitment.pk}/actions/new/",
        {"text_en": "", "text_cy": "", "timescale_text": "Mar 2026"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    assert '<a href="#id_text_en">Enter the action in English or Welsh</a>' in html
    group = html.split('for="id_text_en"', 1)[0].rsplit("<div", 1)[1]
    assert "govuk-form-group--error" in group
    assert 'id="id_text_en_error"' in html
    assert not Action.objects.filter(timescale_text="Mar 2026", text_en="").exists()


def test_missing_text_on_an_edit_form_changes_nothing(world):
    client = _signed_in(world.admin)
    response = client.post(
        f"/strategies/commitments/{world.commitment.pk}/edit/", {"text_en": "", "version": "1"}
    )
    assert response.status_code == 400
    assert '<a href="#id_text_en">' in response.content.decode()
    assert Commitment.objects.get(pk=world.commitment.pk).text_en == world.commitment.text_en


def test_delete_needs_the_confirmation_box_ticked(world):
    client = _signed_in(world.admin)
    url = f"/strategies/action/{world.police_action.pk}/delete/"
    assert client.get(url).status_code == 200

    response = client.post(url, {})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick the box to confirm you want to delete this" in html
    assert 'href="#id_confirm"' in html
    assert Action.objects.filter(pk=world.police_action.pk).exists()
    assert not AuditEntry.objects.filter(verb=Verb.DELETED).exists()


def test_confirmed_delete_removes_the_action_and_records_it(world):
    client = _signed_in(world.admin)
    pk = world.police_action.pk

    response = client.post(f"/strategies/action/{pk}/delete/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == world.strategy.get_absolute_url()
    assert not Action.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(verb=Verb.DELETED, object_id=pk)
    assert (entry.actor, entry.object_repr) == (world.admin, world.police_action.text_en)
    assert (
        "Deleted. The change is recorded in the history."
        in client.get(response["Location"]).content.decode()
    )


def test_confirmed_theme_delete_records_everything_under_it(world):
    client = _signed_in(world.admin)
    response = client.post(f"/strategies/theme/{world.theme.pk}/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(verb=Verb.DELETED).count() == 4  # theme, commitment, 2 actions


def test_a_create_form_corrected_after_an_error_still_saves_once(world):
    client = _signed_in(world.admin)
    create_url = f"/strategies/themes/{world.theme.pk}/commitments/new/"
    data = _form_data(client.get(create_url))

    refused = client.post(create_url, {**data, "text_en": ""})
    assert refused.status_code == 400
    assert refused.context["submission"] == data["submission"]
    saved = client.post(create_url, {**data, "text_en": "We will commission refuges"})
    again = client.post(create_url, {**data, "text_en": "We will commission refuges"})

    assert (saved.status_code, again.status_code) == (302, 302)
    assert Commitment.objects.filter(text_en="We will commission refuges").count() == 1


def test_an_error_on_a_radio_question_links_to_its_first_option(world):
    client = _signed_in(world.admin)
    response = client.post(
        f"/strategies/new/{world.partnership.slug}/",
        {"title_en": "Next strategy", "slug": "cv-2028", "start_year": "2028", "end_year": "2033"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_status_0"' in html
    assert 'id="id_status_0"' in html
