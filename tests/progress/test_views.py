"""The progress pages for each persona, through the Django test client."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from vawdasv.audit.services import history_for
from vawdasv.plans.models import Action
from vawdasv.progress import services
from vawdasv.progress.enums import RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

from .conftest import GOOD_UPDATE

OK, SIGN_IN, DENIED, HIDDEN = 200, 302, 403, 404
# Deadlines set through the pages must not be in the past (issue 11).
FUTURE = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
PERSONAS = ("anonymous", "admin", "lead", "council_lead", "board", "outsider")


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


def _submitted(world, progress_round, **data):
    return services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, **data},
    )  # fmt: skip


def _form(version=None, intent="save", **data):
    values = {"intent": intent, **{k: v for k, v in GOOD_UPDATE.items() if k != "completed"}}
    values.update(data)
    if version is not None:
        values["version"] = str(version)
    return values


# fmt: off
#                                 anon     admin  lead  o.lead  board   outsider
EXPECTED_GET = {
    "my_actions":               (SIGN_IN,  OK,    OK,   OK,     OK,     OK),
    "rounds":                   (SIGN_IN,  OK,    OK,   OK,     OK,     DENIED),
    "round_open":               (SIGN_IN,  OK,    DENIED, DENIED, DENIED, DENIED),
    "round":                    (SIGN_IN,  OK,    OK,   OK,     OK,     DENIED),
    "round_close":              (SIGN_IN,  OK,    DENIED, DENIED, DENIED, DENIED),
    "round_deadline":           (SIGN_IN,  OK,    DENIED, DENIED, DENIED, DENIED),
    "review_queue":             (SIGN_IN,  OK,    DENIED, DENIED, DENIED, OK),
    "update":                   (SIGN_IN,  OK,    OK,   OK,     OK,     DENIED),
    "review":                   (SIGN_IN,  OK,    DENIED, HIDDEN, HIDDEN, DENIED),
}
# fmt: on


def _url(name, world, progress_round, update):
    return {
        "my_actions": reverse("progress:my-actions"),
        "rounds": reverse("progress:rounds", args=[world.strategy.slug]),
        "round_open": reverse("progress:round-open", args=[world.strategy.slug]),
        "round": progress_round.get_absolute_url(),
        "round_close": reverse("progress:round-close", args=[progress_round.pk]),
        "round_deadline": reverse("progress:round-deadline", args=[progress_round.pk]),
        "review_queue": reverse("progress:review-queue"),
        "update": reverse("progress:update", args=[progress_round.pk, world.police_action.pk]),
        "review": reverse("progress:review", args=[update.pk]),
    }[name]


@pytest.mark.parametrize("page", sorted(EXPECTED_GET))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_each_progress_page(world, progress_round, page, persona):
    update = _submitted(world, progress_round)
    response = client_for(world, persona).get(_url(page, world, progress_round, update))
    assert response.status_code == EXPECTED_GET[page][PERSONAS.index(persona)]


def test_progress_pages_work_in_welsh(world, progress_round):
    response = client_for(world, "lead").get("/cy/progress/")
    assert response.status_code == OK
    assert 'lang="cy"' in response.content.decode()


# My actions ------------------------------------------------------------------------------


def test_my_actions_lists_only_the_actions_my_organisation_leads(world, progress_round):
    page = client_for(world, "lead").get(reverse("progress:my-actions")).content.decode()
    assert world.police_action.text_en in page
    assert world.council_action.text_en not in page
    assert "31 October 2025" in page  # grouped under the round's deadline
    assert "Not started" in page


def test_my_actions_shows_the_last_approved_update_beside_each_action(world):
    earlier = services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q1",
        deadline=__import__("datetime").date(2025, 7, 31),
    )  # fmt: skip
    update = services.submit_update(
        actor=world.lead, progress_round=earlier, action=world.police_action,
        data={**GOOD_UPDATE, "rag": "amber", "narrative_en": "Recruiting trainers."},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    services.close_round(actor=world.admin, progress_round=earlier)
    services.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2025/26 Q2",
        deadline=__import__("datetime").date(2025, 10, 31),
    )  # fmt: skip
    page = client_for(world, "lead").get(reverse("progress:my-actions")).content.decode()
    assert "Last approved update (2025/26 Q1)" in page
    assert "Recruiting trainers." in page
    assert "Amber" in page


def test_my_actions_explains_when_the_account_has_no_organisation(world, progress_round):
    page = client_for(world, "board").get(reverse("progress:my-actions")).content.decode()
    assert "not linked to an organisation" in page


def test_signed_in_people_see_my_actions_in_the_navigation(world):
    page = client_for(world, "lead").get(reverse("core:home")).content.decode()
    assert reverse("progress:my-actions") in page
    assert reverse("progress:my-actions") not in Client().get(reverse("core:home")).content.decode()


def test_the_plan_page_links_members_to_its_progress_rounds(world):
    rounds_url = reverse("progress:rounds", args=[world.strategy.slug])
    plan_url = world.strategy.get_absolute_url()
    assert rounds_url in client_for(world, "board").get(plan_url).content.decode()
    assert rounds_url not in client_for(world, "outsider").get(plan_url).content.decode()
    assert rounds_url not in Client().get(plan_url).content.decode()


# Rounds ----------------------------------------------------------------------------------


def test_administrator_opens_a_round_from_the_form(world):
    response = client_for(world, "admin").post(
        reverse("progress:round-open", args=[world.strategy.slug]),
        {"period": "2025/26 Q3", "deadline": FUTURE},
    )
    progress_round = ProgressRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == progress_round.get_absolute_url()
    assert progress_round.period_label == "2025/26 Q3"


def test_opening_a_round_without_a_period_shows_an_error(world):
    response = client_for(world, "admin").post(
        reverse("progress:round-open", args=[world.strategy.slug]), {"deadline": FUTURE}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not ProgressRound.objects.exists()


@pytest.mark.parametrize("persona", ["lead", "board", "outsider"])
def test_others_cannot_open_a_round_by_posting(world, persona):
    response = client_for(world, persona).post(
        reverse("progress:round-open", args=[world.strategy.slug]),
        {"period": "2025/26 Q3", "deadline": FUTURE},
    )
    assert response.status_code == DENIED
    assert not ProgressRound.objects.exists()


def test_the_round_page_shows_each_actions_update_with_its_rag_word(world, progress_round):
    services.approve_update(actor=world.admin, update=_submitted(world, progress_round))
    page = client_for(world, "board").get(progress_round.get_absolute_url()).content.decode()
    assert "govuk-tag--green" in page and ">Green<" in page
    assert world.council_action.text_en in page
    assert "Not started" in page


def test_closing_needs_confirmation(world, progress_round):
    url = reverse("progress:round-close", args=[progress_round.pk])
    assert client_for(world, "admin").post(url, {}).status_code == 400
    progress_round.refresh_from_db()
    assert progress_round.status == RoundStatus.OPEN


def test_administrator_closes_and_reopens_a_round_and_drafts_survive(world, progress_round):
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "Half written"},
    )  # fmt: skip
    admin = client_for(world, "admin")
    admin.post(reverse("progress:round-close", args=[progress_round.pk]), {"confirm": "on"})
    progress_round.refresh_from_db()
    assert progress_round.status == RoundStatus.CLOSED
    assert ProgressUpdate.objects.get().narrative_en == "Half written"
    admin.post(
        reverse("progress:round-reopen", args=[progress_round.pk]),
        {"confirm": "on", "deadline": FUTURE},
    )
    progress_round.refresh_from_db()
    assert progress_round.status == RoundStatus.OPEN
    assert str(progress_round.deadline) == FUTURE


def test_a_lead_officer_cannot_close_a_round_by_posting(world, progress_round):
    response = client_for(world, "lead").post(
        reverse("progress:round-close", args=[progress_round.pk]), {"confirm": "on"}
    )
    assert response.status_code == DENIED
    progress_round.refresh_from_db()
    assert progress_round.status == RoundStatus.OPEN


# Updates ---------------------------------------------------------------------------------


def _update_url(progress_round, action):
    return reverse("progress:update", args=[progress_round.pk, action.pk])


def test_lead_officer_saves_a_draft_then_submits(world, progress_round):
    client = client_for(world, "lead")
    url = _update_url(progress_round, world.police_action)
    page = client.get(url).content.decode()
    assert 'value="save"' in page and 'value="submit"' in page
    assert 'govuk-tag--red" title="Red — poor or no progress, or no longer relevant">Red<' in page
    response = client.post(url, _form(intent="save", rag=""))
    assert response.status_code == 302 and response["Location"] == url
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.DRAFT
    response = client.post(url, _form(version=update.version, intent="submit"))
    assert response.status_code == 302
    assert response["Location"] == reverse("progress:my-actions")
    assert ProgressUpdate.objects.get().state == UpdateState.SUBMITTED


def test_submitting_an_incomplete_update_shows_what_is_missing(world, progress_round):
    response = client_for(world, "lead").post(
        _update_url(progress_round, world.police_action), _form(intent="submit", rag="")
    )
    assert response.status_code == 400
    assert "Select a RAG status" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_double_clicked_submit_is_harmless(world, progress_round):
    client = client_for(world, "lead")
    url = _update_url(progress_round, world.police_action)
    first = client.post(url, _form(intent="submit"))
    second = client.post(url, _form(intent="submit"))
    assert (first.status_code, second.status_code) == (302, 302)
    update = ProgressUpdate.objects.get()
    assert update.state == UpdateState.SUBMITTED
    submissions = [
        e for e in history_for(update) if e.changes.get("state", {}).get("after") == "submitted"
    ]
    assert len(submissions) == 1


def test_a_stale_save_is_refused_showing_both_versions(world, progress_round):
    draft = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "First words"},
    )  # fmt: skip
    url = _update_url(progress_round, world.police_action)
    client_for(world, "admin").post(
        url, _form(version=draft.version, narrative_en="The administrator's correction")
    )
    response = client_for(world, "lead").post(
        url, _form(version=draft.version, narrative_en="The lead officer's second thoughts")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "What changed while you were editing" in page
    assert "The administrator&#x27;s correction" in page
    assert "The lead officer&#x27;s second thoughts" in page
    assert ProgressUpdate.objects.get().narrative_en == "The administrator's correction"
    assert 'name="version" value="2"' in page  # saving again keeps the lead officer's version


@pytest.mark.parametrize("persona", ["council_lead", "board", "outsider"])
def test_others_cannot_write_the_update_by_posting(world, progress_round, persona):
    response = client_for(world, persona).post(
        _update_url(progress_round, world.police_action), _form(intent="submit")
    )
    assert response.status_code == DENIED
    assert not ProgressUpdate.objects.exists()


def test_another_lead_officer_does_not_see_a_submitted_update(world, progress_round):
    _submitted(world, progress_round)
    page = (
        client_for(world, "council_lead")
        .get(_update_url(progress_round, world.police_action))
        .content.decode()
    )
    assert GOOD_UPDATE["narrative_en"] not in page
    assert "Not started" in page
    assert 'value="submit"' not in page


def test_another_lead_officer_sees_the_approved_update_without_a_form(world, progress_round):
    services.approve_update(actor=world.admin, update=_submitted(world, progress_round))
    page = (
        client_for(world, "council_lead")
        .get(_update_url(progress_round, world.police_action))
        .content.decode()
    )
    assert GOOD_UPDATE["narrative_en"] in page
    assert 'value="submit"' not in page


def test_a_closed_round_shows_updates_read_only(world, progress_round):
    services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "Half written"},
    )  # fmt: skip
    services.close_round(actor=world.admin, progress_round=progress_round)
    page = (
        client_for(world, "lead")
        .get(_update_url(progress_round, world.police_action))
        .content.decode()
    )
    assert "This round is closed" in page and 'value="submit"' not in page


# Review ----------------------------------------------------------------------------------


def test_administrator_approves_a_proposed_date_change_from_the_review_page(world, progress_round):
    update = _submitted(
        world, progress_round, proposed_timescale_text="Mar 2027",
        proposed_timescale_reason="Funding confirmed late",
    )  # fmt: skip
    url = reverse("progress:review", args=[update.pk])
    admin = client_for(world, "admin")
    assert "Change the timescale from March 2026 to March 2027" in admin.get(url).content.decode()
    response = admin.post(url, {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    assert Action.objects.get(pk=world.police_action.pk).timescale_text == "Mar 2027"
    history = admin.get(world.police_action.get_absolute_url()).content.decode()
    assert "Source: 2025/26 Q2 progress round" in history


def test_returning_without_a_comment_is_refused(world, progress_round):
    update = _submitted(world, progress_round)
    response = client_for(world, "admin").post(
        reverse("progress:review", args=[update.pk]), {"decision": "return", "comment": ""}
    )
    assert response.status_code == 400
    assert ProgressUpdate.objects.get().state == UpdateState.SUBMITTED


def test_a_returned_update_shows_the_comment_and_the_form_again(world, progress_round):
    update = _submitted(world, progress_round)
    client_for(world, "admin").post(
        reverse("progress:review", args=[update.pk]),
        {"decision": "return", "comment": "Say how many were trained"},
    )
    page = (
        client_for(world, "lead")
        .get(_update_url(progress_round, world.police_action))
        .content.decode()
    )
    assert "Say how many were trained" in page
    assert 'value="submit"' in page


def test_a_lead_officer_cannot_approve_by_posting(world, progress_round):
    update = _submitted(world, progress_round)
    response = client_for(world, "lead").post(
        reverse("progress:review", args=[update.pk]), {"decision": "approve"}
    )
    assert response.status_code == DENIED
    assert ProgressUpdate.objects.get().state == UpdateState.SUBMITTED
