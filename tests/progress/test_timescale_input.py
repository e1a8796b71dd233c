"""A proposed timescale is entered as a month and a year, or a kind, not as free text (issue 11,
"The round", item 2). The form works without JavaScript; the autosave endpoint takes the same
fields; a proposal first written as free text still shows and survives a save."""

import pytest
from django.test import Client
from django.urls import reverse

from vawdasv.progress import services
from vawdasv.progress.models import ProgressUpdate
from vawdasv.progress.timescale_input import TimescaleWidget, parts

from .conftest import GOOD_UPDATE

FIELD = "proposed_timescale_text"
TEXTS = {k: v for k, v in GOOD_UPDATE.items() if k != "completed"}


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(progress_round, action, name="progress:update"):
    return reverse(name, args=[progress_round.pk, action.pk])


def _post(world, progress_round, month="", year="", kind="", written="", intent="save"):
    data = {
        "intent": intent, "version": "0", **TEXTS,
        f"{FIELD}_0": month, f"{FIELD}_1": year, f"{FIELD}_2": kind, f"{FIELD}_3": written,
    }  # fmt: skip
    return _login(world.lead).post(_url(progress_round, world.police_action), data)


def test_the_form_offers_month_and_year_selects_and_kinds_in_a_fieldset_with_a_legend(
    world, progress_round
):
    html = _login(world.lead).get(_url(progress_round, world.police_action)).content.decode()
    group = html.split("<legend", 2)[2].split("</fieldset>", 1)[0]  # the first group's own
    assert "New timescale" in group
    assert f'<select name="{FIELD}_0"' in group and f'<select name="{FIELD}_1"' in group
    assert f'<label class="govuk-label govuk-date-input__label" for="id_{FIELD}_0">Month' in group
    assert ">September</option>" in group and ">To be confirmed</option>" in group
    assert f'name="{FIELD}"' not in html  # no free-text box


def test_the_welsh_form_names_the_months_in_welsh(world, progress_round):
    url = "/cy" + _url(progress_round, world.police_action)
    html = _login(world.lead).get(url).content.decode()
    assert ">Medi</option>" in html and ">Gorffennaf</option>" in html and "September" not in html


@pytest.mark.parametrize(
    ("month", "year", "kind", "stored"),
    [("9", "2028", "", "Sep 2028"), ("", "", "ongoing", "Ongoing"),
     ("", "", "annually", "Annually"), ("", "", "tbc", "TBC"), ("", "", "", "")],
)  # fmt: skip
def test_a_chosen_timescale_is_saved_as_the_plans_text(
    world, progress_round, month, year, kind, stored
):
    response = _post(world, progress_round, month, year, kind)
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().proposed_timescale_text == stored


@pytest.mark.parametrize(
    ("month", "year", "kind", "message"),
    [
        ("9", "", "", "Choose the year of the new timescale"),
        ("", "2028", "", "Choose the month of the new timescale"),
        ("9", "2028", "ongoing", "not both"),
        ("13", "2028", "", "Choose the month of the new timescale"),
    ],
)
def test_an_incomplete_timescale_is_refused_with_a_message_naming_the_field(
    world, progress_round, month, year, kind, message
):
    response = _post(world, progress_round, month, year, kind)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'href="#id_{FIELD}_0"' in html  # the error summary links to the field
    assert not ProgressUpdate.objects.exists()


def test_the_autosave_endpoint_takes_the_month_and_year(world, progress_round):
    data = {"version": "0", f"{FIELD}_0": "3", f"{FIELD}_1": "2027", f"{FIELD}_2": ""}
    url = _url(progress_round, world.police_action, "progress:update-autosave")
    response = _login(world.lead).post(url, data)
    assert response.status_code == 200, response.content
    assert ProgressUpdate.objects.get().proposed_timescale_text == "Mar 2027"


def test_a_proposal_written_as_free_text_still_shows_and_survives_a_save(world, progress_round):
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, FIELD: "After the election"},
    )  # fmt: skip
    html = _login(world.lead).get(_url(progress_round, world.police_action)).content.decode()
    assert "As first written: After the election" in html

    update = ProgressUpdate.objects.get()
    response = _login(world.lead).post(
        _url(progress_round, world.police_action),
        {"intent": "save", "version": str(update.version), **TEXTS,
         f"{FIELD}_2": "as-written", f"{FIELD}_3": "After the election"},
    )  # fmt: skip
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.proposed_timescale_text == "After the election"


def test_a_month_chosen_over_a_free_text_proposal_replaces_it(world, progress_round):
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, FIELD: "After the election"},
    )  # fmt: skip
    update = ProgressUpdate.objects.get()
    response = _login(world.lead).post(
        _url(progress_round, world.police_action),
        {"intent": "save", "version": str(update.version), **TEXTS,
         f"{FIELD}_0": "5", f"{FIELD}_1": "2027", f"{FIELD}_3": "After the election"},
    )  # fmt: skip
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.proposed_timescale_text == "May 2027"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Sep 2028", ["9", "2028", "", ""]),
        ("Medi 2028", ["9", "2028", "", ""]),
        ("Parhaus", ["", "", "ongoing", ""]),
        ("TBC", ["", "", "tbc", ""]),
        ("2026/27", ["", "", "as-written", "2026/27"]),
        ("Ongoing until funding ends", ["", "", "as-written", "Ongoing until funding ends"]),
        ("15 June 2025", ["", "", "as-written", "15 June 2025"]),
    ],
)
def test_a_stored_proposal_fills_the_selects_only_when_it_is_a_plain_month_or_kind(stored, shown):
    assert parts(stored) == shown


def test_an_older_proposals_year_stays_on_offer():
    html = TimescaleWidget().render(FIELD, "Mar 2001")
    assert '<option value="2001" selected>2001</option>' in html
