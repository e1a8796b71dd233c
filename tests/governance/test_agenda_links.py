"""Agenda items linked to plan actions, commitments, progress rounds and indicators, shown as
links on the meeting page and in the pack; the pack's headline data are the latest published
figures of the group's indicators, suppressed ones shown as suppressed."""

from __future__ import annotations

import datetime
import io

import docx
import pdfplumber
import pytest
from django.test import Client

from tests.outcomes.test_publication import by_sex
from vawdasv.governance import services
from vawdasv.governance.models import AgendaItem
from vawdasv.governance.pack import gather, render_docx, render_pdf
from vawdasv.outcomes.services import framework, publication
from vawdasv.progress import services as progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world, outcomes):
    return framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip


@pytest.fixture
def progress_round(world):
    return progress.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2026/27 Q1",
        deadline=datetime.date(2026, 7, 31),
    )  # fmt: skip


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_agenda_form_links_an_item_to_each_kind_of_record_and_the_page_shows_the_links(
    world, gov, indicator, progress_round
):
    client = _client(world.admin)
    form = client.get(f"/governance/meetings/{gov.june.pk}/agenda/new/").content.decode()
    assert "MARAC cases" in form and "2026/27 Q1" in form
    response = client.post(
        f"/governance/meetings/{gov.june.pk}/agenda/new/",
        {"title_en": "Quarterly performance", "title_cy": "Perfformiad chwarterol",
         "actions": [world.police_action.pk], "commitments": [world.commitment.pk],
         "rounds": [progress_round.pk], "indicators": [indicator.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.indicator_ids == [indicator.pk]
    page = client.get(f"/governance/meetings/{gov.june.pk}/").content.decode()
    assert f'href="{world.police_action.get_absolute_url()}"' in page
    assert f"#commitment-{world.commitment.pk}" in page
    assert f'href="{progress_round.get_absolute_url()}"' in page
    assert f"/outcomes/{world.partnership.slug}/dashboard/#indicator-{indicator.pk}" in page


def test_another_partnerships_records_cannot_be_linked(world, gov, indicator):
    other = framework.save_indicator(
        actor=world.outsider, partnership=world.other_partnership,
        data={"code": "other", "name_en": "Other", "numerator": _other_measure(world)},
    )  # fmt: skip
    response = _client(world.admin).post(
        f"/governance/meetings/{gov.june.pk}/agenda/new/",
        {"title_en": "Item", "indicators": [other.pk]},
    )
    assert response.status_code == 400
    assert "Choose the partnership’s own indicators" in response.content.decode()
    assert not AgendaItem.objects.exists()
    with pytest.raises(Exception, match="own indicators"):
        services.add_agenda_item(
            actor=world.admin, meeting=gov.june, data={"title_en": "x"}, indicator_ids=[other.pk]
        )


def _other_measure(world):
    from vawdasv.outcomes.enums import Direction, Unit
    from vawdasv.partnerships.enums import OrganisationType

    return framework.save_measure(
        actor=world.outsider, partnership=world.other_partnership,
        data={"code": "other", "name_en": "Other", "direction": Direction.NEITHER,
              "unit": Unit.COUNT, "supplier_type": OrganisationType.POLICE_FORCE,
              "source": "x"},
    )  # fmt: skip


def test_the_pack_has_the_agenda_links_and_the_published_headline_data_with_suppression(
    world,
    gov,
    outcomes,
    indicator,
    settings,
):
    # Cardiff's total of 3 is below the threshold, so it is withheld (and the Vale's with it).
    by_sex(world, outcomes, cardiff=(2, 1), vale=(20, 9))
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    indicator.commitments.add(world.commitment)  # linked to the plan, not to the agenda
    services.set_group_actions(actor=world.admin, group=gov.group, actions=[world.police_action])
    services.add_agenda_item(
        actor=world.admin, meeting=gov.june, data={"title_en": "Performance"},
        actions=[world.police_action],
    )  # fmt: skip
    settings.SITE_URL = "https://vawdasv.example"
    data = gather(gov.june, "en")
    assert [link.url for link in data.agenda[0].links] == [
        f"https://vawdasv.example{world.police_action.get_absolute_url()}"
    ]
    [headline] = data.headlines
    assert headline.name == "MARAC cases" and headline.period == "2025/26 Q2"
    figures = dict(headline.figures)
    assert figures["Cardiff"] == "suppressed"
    assert "3" not in figures.values()
    document = docx.Document(io.BytesIO(render_docx(data)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("Cardiff: suppressed" in text for text in cells)
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert f"https://vawdasv.example{world.police_action.get_absolute_url()}" in targets
    welsh = gather(gov.june, "cy")
    assert welsh.headlines[0].name == "Achosion MARAC"
    with pdfplumber.open(io.BytesIO(render_pdf(data))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        uris = [link.get("uri") for page in pdf.pages for link in page.hyperlinks]
    assert "Cardiff: suppressed" in text and "Headline data" in text
    assert f"https://vawdasv.example{world.police_action.get_absolute_url()}" in uris


def test_a_pack_without_linked_indicators_says_so(world, gov):
    data = gather(gov.june, "en")
    assert data.headlines == []
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(data))).paragraphs)
    assert "No indicators are linked to this group’s work." in text


def test_an_agenda_item_is_changed_with_its_links_replaced_and_a_stale_change_is_refused(
    world, gov, indicator
):
    item = services.add_agenda_item(
        actor=world.admin, meeting=gov.june, data={"title_en": "Performance"},
        actions=[world.police_action],
    )  # fmt: skip
    client = _client(world.admin)
    url = f"/governance/agenda/{item.pk}/edit/"
    form = client.get(url).content.decode()
    assert 'value="Performance"' in form
    stale_version = str(item.version)
    response = client.post(
        url,
        {"title_en": "Performance data", "title_cy": "Data perfformiad",
         "commitments": [world.commitment.pk], "indicators": [indicator.pk],
         "version": stale_version},
    )  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_en == "Performance data" and item.indicator_ids == [indicator.pk]
    assert list(item.actions.all()) == [] and list(item.commitments.all()) == [world.commitment]
    again = client.post(url, {"title_en": "Old words", "version": stale_version})
    assert again.status_code == 400
    assert "What changed while you were editing" in again.content.decode()
    item.refresh_from_db()
    assert item.title_en == "Performance data"


def test_an_agenda_item_is_removed_after_confirming(world, gov):
    item = services.add_agenda_item(
        actor=world.admin, meeting=gov.june, data={"title_en": "Any other business"}
    )
    client = _client(world.admin)
    url = f"/governance/agenda/{item.pk}/remove/"
    assert "Remove this agenda item?" in client.get(url).content.decode()
    assert client.post(url, {"version": str(item.version)}).status_code == 302
    assert not AgendaItem.objects.exists()


def test_the_meeting_page_makes_as_many_queries_with_more_linked_items_and_papers(
    world, gov, indicator, progress_round, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vawdasv.governance import papers

    settings.MEDIA_ROOT = tmp_path

    def add(n: int) -> None:
        services.add_agenda_item(
            actor=world.admin, meeting=gov.june, data={"title_en": f"Item {n}"},
            actions=[world.police_action], commitments=[world.commitment],
            rounds=[progress_round], indicator_ids=[indicator.pk],
        )  # fmt: skip
        papers.add_paper(
            actor=world.admin, meeting=gov.june, data={"title_en": f"Paper {n}"},
            uploaded_file=SimpleUploadedFile(f"p{n}.pdf", b"%PDF-1.4\n%" + bytes([65 + n])),
        )  # fmt: skip

    client = _client(world.admin)
    url = f"/governance/meetings/{gov.june.pk}/"
    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(2)
    add(3)
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    assert page.count("#indicator-") == 3
    assert len(three) == len(one)
