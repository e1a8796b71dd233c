"""A refused stale save keeps the other person's work (issue 11, "The round", item 7)."""

import html
import re

from django.test import Client
from django.urls import reverse

from vawdasv.progress import services
from vawdasv.progress.models import ProgressUpdate


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, name
    return html.unescape(match.group(1))


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    assert match, name
    return html.unescape(match.group(1))


def _start(world, progress_round):
    draft = services.save_draft(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "First words", "narrative_cy": "Geiriau cyntaf"},
    )  # fmt: skip
    url = reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
    loaded = _login(world.lead).get(url).content.decode()
    form = {
        "intent": "save",
        "version": _hidden(loaded, "version"),
        "base": _hidden(loaded, "base"),
        "narrative_en": "First words",
        "narrative_cy": "Geiriau cyntaf",
    }
    return draft, url, form


def test_fields_only_the_other_person_changed_take_their_values(world, progress_round):
    draft, url, form = _start(world, progress_round)
    services.save_draft(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={"narrative_cy": "Cywiriad y tîm"}, expected_version=draft.version,
    )  # fmt: skip

    refused = _login(world.lead).post(url, {**form, "narrative_en": "Owain's second thoughts"})
    page = refused.content.decode()

    assert refused.status_code == 400
    assert _textarea(page, "narrative_cy") == "Cywiriad y tîm"  # theirs, kept
    assert _textarea(page, "narrative_en") == "Owain's second thoughts"  # mine, kept
    assert "What changed while you were editing" not in page  # nothing both changed

    # Saving the form as shown keeps both people's work.
    again = {
        **form,
        "version": _hidden(page, "version"),
        "base": _hidden(page, "base"),
        "narrative_en": _textarea(page, "narrative_en"),
        "narrative_cy": _textarea(page, "narrative_cy"),
    }
    assert _login(world.lead).post(url, again).status_code == 302
    saved = ProgressUpdate.objects.get()
    assert (saved.narrative_en, saved.narrative_cy) == ("Owain's second thoughts", "Cywiriad y tîm")


def test_only_fields_both_changed_are_shown_side_by_side(world, progress_round):
    draft, url, form = _start(world, progress_round)
    services.save_draft(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={"narrative_en": "The team's correction", "narrative_cy": "Cywiriad y tîm"},
        expected_version=draft.version,
    )  # fmt: skip

    page = (
        _login(world.lead)
        .post(url, {**form, "narrative_en": "Owain's second thoughts", "rag": "amber"})
        .content.decode()
    )

    table = page[page.index("What changed while you were editing") : page.index("</table>")]
    assert "The team&#x27;s correction" in table and "Owain&#x27;s second thoughts" in table
    assert "Cywiriad" not in table  # only the other person changed the Welsh
    assert "Amber" not in table  # only Owain changed the rating
    assert _textarea(page, "narrative_cy") == "Cywiriad y tîm"
    assert re.search(r'name="rag" value="amber"[^>]*checked', page)  # mine, kept


def test_a_form_without_its_base_still_never_overwrites_silently(world, progress_round):
    draft, url, form = _start(world, progress_round)
    services.save_draft(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={"narrative_cy": "Cywiriad y tîm"}, expected_version=draft.version,
    )  # fmt: skip
    del form["base"]

    page = _login(world.lead).post(url, form).content.decode()

    assert "What changed while you were editing" in page
    assert ProgressUpdate.objects.get().narrative_cy == "Cywiriad y tîm"
