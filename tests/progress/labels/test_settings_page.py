"""The RAG labels page: who may open it, saving, conflicts, the Welsh state and resetting."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from vawdasv.progress import rag
from vawdasv.progress.models import RagLabels


def page(world, language: str = "en") -> str:
    with translation.override(language):
        return reverse("progress:rag-labels", args=[world.strategy.slug])


def reset_page(world) -> str:
    return reverse("progress:rag-labels-reset", args=[world.strategy.slug])


def form_data(version: int, **words: str) -> dict[str, str]:
    return {**dict.fromkeys(rag.LABEL_FIELDS, ""), "version": str(version), **words}


def test_an_administrator_sees_the_platforms_words_as_hints_and_the_tags(client, world):
    client.force_login(world.admin)
    response = client.get(page(world))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'Leave blank to use the platform&#x27;s wording: “<span lang="en">Red</span>”.' in text
    assert 'Leave blank to use the platform&#x27;s wording: “<span lang="cy">Coch</span>”.' in text
    assert "govuk-tag--red" in text and ">Red</strong>" in text and ">Coch</strong>" in text
    assert "Reset to the platform" not in text  # nothing to reset yet


@pytest.mark.parametrize(
    ("persona", "status"), [("lead", 403), ("council_lead", 403), ("board", 403), ("outsider", 403)]
)
def test_nobody_but_the_partnerships_administrators_may_open_or_save(
    client, world, persona, status
):
    client.force_login(getattr(world, persona))
    assert client.get(page(world)).status_code == status
    assert client.post(page(world), form_data(0, red_label_en="Off track")).status_code == status
    assert client.post(reset_page(world), {"confirm": "on"}).status_code == status
    assert not RagLabels.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    assert client.get(page(world)).status_code == 302


def test_an_administrator_renames_red_and_the_page_shows_it(client, world):
    client.force_login(world.admin)
    response = client.post(
        page(world), form_data(0, red_label_en="Off track", red_label_cy="Oddi ar y trywydd")
    )
    assert response.status_code == 302
    labels = RagLabels.objects.get(partnership=world.partnership)
    assert (labels.red_label_en, labels.red_label_cy) == ("Off track", "Oddi ar y trywydd")
    text = client.get(page(world)).content.decode()
    assert ">Off track</strong>" in text and ">Oddi ar y trywydd</strong>" in text
    assert "Not yet translated into Welsh" not in text


def test_an_english_only_label_is_marked_not_yet_translated(client, world, renamed):
    client.force_login(world.admin)
    text = client.get(page(world)).content.decode()
    assert ">At risk</strong>" in text
    assert ">Ambr</strong>" in text  # what Welsh readers see meanwhile
    assert text.count("Not yet translated into Welsh") == 1


def test_a_welsh_administrator_reads_the_page_in_welsh(client, world, renamed):
    client.force_login(world.admin)
    response = client.get(page(world, "cy"))
    assert response.status_code == 200
    assert 'lang="cy"' in response.content.decode()


def test_a_stale_save_shows_both_versions_and_keeps_the_administrators_words(
    client, world, renamed
):
    client.force_login(world.admin)
    rag.save_rag_labels(
        actor=world.admin, partnership=world.partnership, data={"red_label_en": "Stuck"}
    )
    response = client.post(page(world), form_data(renamed.version, red_label_en="Late"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Somebody else saved the RAG labels while you were editing them" in text
    assert "Stuck" in text and 'value="Late"' in text
    assert f'name="version" value="{renamed.version + 1}"' in text
    assert RagLabels.objects.get().red_label_en == "Stuck"


def test_a_label_that_is_too_long_is_refused_beside_its_box(client, world):
    client.force_login(world.admin)
    response = client.post(page(world), form_data(0, red_label_en="x" * 41))
    assert response.status_code == 400
    assert 'href="#id_red_label_en"' in response.content.decode()
    assert not RagLabels.objects.exists()


def test_reset_asks_first_then_goes_back_to_the_platforms_words(client, world, renamed):
    client.force_login(world.admin)
    assert "Reset to the platform" in client.get(page(world)).content.decode()
    confirm = client.get(reset_page(world))
    assert confirm.status_code == 200
    assert "Reset the RAG labels?" in confirm.content.decode()
    unticked = client.post(reset_page(world), {})
    assert unticked.status_code == 400
    assert RagLabels.objects.get().red_label_en == "Off track"
    assert client.post(reset_page(world), {"confirm": "on"}).status_code == 302
    labels = RagLabels.objects.get()
    assert all(getattr(labels, name) == "" for name in rag.LABEL_FIELDS)


def test_the_rounds_page_links_administrators_to_the_labels(client, world):
    rounds = reverse("progress:rounds", args=[world.strategy.slug])
    client.force_login(world.admin)
    assert page(world) in client.get(rounds).content.decode()
    client.force_login(world.lead)
    assert page(world) not in client.get(rounds).content.decode()
