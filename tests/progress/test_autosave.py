"""Saving a draft in the background: the JSON endpoint behind progress update autosave."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import time_format
from django.utils.translation import gettext

from vawdasv.progress import services
from vawdasv.progress.enums import UpdateState
from vawdasv.progress.models import ProgressUpdate

from .conftest import GOOD_UPDATE


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _english(name: str, *args) -> str:
    # A /cy/ request leaves Welsh active in the thread; build the English address to prefix.
    with translation.override("en"):
        return reverse(name, args=args)


def _post(client: Client, progress_round, action, prefix: str = "", **data):
    """Post like the page's script: the form's fields and its CSRF token."""
    client.get(prefix + _english("progress:update", progress_round.pk, action.pk))  # CSRF cookie
    url = prefix + _english("progress:update-autosave", progress_round.pk, action.pk)
    token = client.cookies["csrftoken"].value
    return client.post(url, {"csrfmiddlewaretoken": token, **data})


def _draft(world, progress_round, **data) -> ProgressUpdate:
    return services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=data or {"narrative_en": "Started."},
    )  # fmt: skip


def test_autosave_keeps_the_draft_and_answers_with_its_version_and_time(world, progress_round):
    response = _post(
        _client(world.lead), progress_round, world.police_action, narrative_en="Half written"
    )
    assert response.status_code == 200
    update = ProgressUpdate.objects.get()
    assert update.narrative_en == "Half written"
    assert update.state == UpdateState.DRAFT
    body = response.json()
    assert body["version"] == update.version
    at = time_format(timezone.localtime(update.updated_at), "H:i")
    assert body["saved_at"] == f"Draft saved at {at}"


def test_each_autosave_moves_the_version_on(world, progress_round):
    draft = _draft(world, progress_round)
    client = _client(world.lead)
    response = _post(
        client, progress_round, world.police_action, narrative_en="More", version=draft.version
    )
    assert response.json()["version"] == draft.version + 1
    again = _post(
        client, progress_round, world.police_action, narrative_en="Even more",
        version=draft.version + 1,
    )  # fmt: skip
    assert again.status_code == 200
    assert ProgressUpdate.objects.get().narrative_en == "Even more"


def test_an_autosave_from_an_old_version_is_refused_and_both_texts_survive(world, progress_round):
    draft = _draft(world, progress_round)
    _draft(world, progress_round, narrative_en="Bethan's colleague wrote this")  # saved meanwhile
    response = _post(
        _client(world.lead), progress_round, world.police_action,
        narrative_en="Owain's text", version=draft.version,
    )  # fmt: skip
    assert response.status_code == 409
    assert "Save draft" in response.json()["errors"][0]
    assert ProgressUpdate.objects.get().narrative_en == "Bethan's colleague wrote this"


def test_autosave_is_refused_in_a_closed_round(world, progress_round):
    draft = _draft(world, progress_round)
    services.close_round(actor=world.admin, progress_round=progress_round)
    response = _post(
        _client(world.lead), progress_round, world.police_action,
        narrative_en="Too late", version=draft.version,
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"]
    assert ProgressUpdate.objects.get().narrative_en == "Started."


@pytest.mark.parametrize("state", [UpdateState.SUBMITTED, UpdateState.APPROVED])
def test_autosave_never_changes_an_update_sent_for_review(world, progress_round, state):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    if state == UpdateState.APPROVED:
        update = services.approve_update(actor=world.admin, update=update)
    response = _post(
        _client(world.lead), progress_round, world.police_action,
        narrative_en="Changed afterwards", version=update.version,
    )  # fmt: skip
    assert response.status_code == 400
    update.refresh_from_db()
    assert update.state == state
    assert update.narrative_en == GOOD_UPDATE["narrative_en"]


def test_a_lead_officer_of_another_organisation_cannot_autosave(world, progress_round):
    response = _post(
        _client(world.council_lead), progress_round, world.police_action, narrative_en="Not mine"
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_an_administrator_of_another_partnership_cannot_autosave(world, progress_round):
    client = _client(world.outsider)
    url = reverse("progress:update-autosave", args=[progress_round.pk, world.police_action.pk])
    response = client.post(url, {"narrative_en": "Not ours"})
    assert response.status_code in (403, 404)
    assert not ProgressUpdate.objects.exists()


def test_autosave_without_the_csrf_token_is_refused(world, progress_round):
    client = _client(world.lead)
    url = reverse("progress:update-autosave", args=[progress_round.pk, world.police_action.pk])
    response = client.post(url, {"narrative_en": "Forged"})
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_autosave_only_accepts_posts(world, progress_round):
    url = reverse("progress:update-autosave", args=[progress_round.pk, world.police_action.pk])
    assert _client(world.lead).get(url).status_code == 405


def test_a_value_the_form_refuses_is_explained_and_nothing_is_saved(world, progress_round):
    response = _post(_client(world.lead), progress_round, world.police_action, rag="purple")
    assert response.status_code == 400
    assert any("RAG status" in line for line in response.json()["errors"])
    assert not ProgressUpdate.objects.exists()


def test_autosave_under_cy_answers_in_welsh(world, progress_round):
    response = _post(
        _client(world.lead), progress_round, world.police_action, prefix="/cy",
        narrative_cy="Wedi dechrau",
    )  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Language"] == "cy"
    update = ProgressUpdate.objects.get()
    at = time_format(timezone.localtime(update.updated_at), "H:i")
    with translation.override("cy"):
        expected = gettext("Draft saved at %(time)s") % {"time": at}
    assert response.json()["saved_at"] == expected


def test_the_update_form_tells_the_script_where_and_how_to_save(world, progress_round):
    url = _english("progress:update", progress_round.pk, world.police_action.pk)
    html = _client(world.lead).get("/cy" + url).content.decode()
    autosave = _english("progress:update-autosave", progress_round.pk, world.police_action.pk)
    assert f'data-autosave-url="/cy{autosave}"' in html
    assert 'data-autosave-delay="3000"' in html
    assert 'role="status"' in html and "data-autosave-status" in html
    assert "vawdasv/js/autosave.js" in html


def test_a_submitted_update_page_has_no_autosave(world, progress_round):
    services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data=GOOD_UPDATE,
    )  # fmt: skip
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
    html = _client(world.lead).get(url).content.decode()
    assert "data-autosave-url" not in html


def test_two_people_starting_the_same_new_update_cannot_overwrite_each_other(world, progress_round):
    """Both pages were opened before the update existed, so both carry version 0."""
    page = _client(world.lead).get(
        _english("progress:update", progress_round.pk, world.police_action.pk)
    )
    assert 'name="version" value="0"' in page.content.decode()
    first = _post(
        _client(world.admin), progress_round, world.police_action,
        narrative_en="Alys started it", version=0,
    )  # fmt: skip
    second = _post(
        _client(world.lead), progress_round, world.police_action,
        narrative_en="Owain started it too", version=0,
    )  # fmt: skip
    assert (first.status_code, second.status_code) == (200, 409)
    assert ProgressUpdate.objects.get().narrative_en == "Alys started it"
