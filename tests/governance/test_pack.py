from __future__ import annotations

import datetime
import io

import docx
import pdfplumber
import pytest
from django.test import Client

from vawdasv.governance import services
from vawdasv.governance.enums import PackState
from vawdasv.governance.models import PackJob
from vawdasv.progress import services as progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(world, gov):
    services.set_group_actions(actor=world.admin, group=gov.group, actions=[world.police_action])
    services.add_agenda_item(
        actor=world.admin, meeting=gov.september,
        data={"title_en": "Minutes of the last meeting",
              "title_cy": "Cofnodion y cyfarfod diwethaf"},
    )  # fmt: skip
    services.add_log_item(
        actor=world.admin, meeting=gov.june,
        data={"text_en": "Circulate the draft", "text_cy": "Dosbarthu’r drafft",
              "owner_person": "B. Evans", "status": "open"},
    )  # fmt: skip
    services.add_log_item(
        actor=world.admin, meeting=gov.june, data={"text_en": "Closed item", "status": "done"}
    )
    progress_round = progress.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2026/27 Q1",
        deadline=datetime.date(2026, 7, 31),
    )  # fmt: skip
    update = progress.submit_update(
        actor=world.admin, progress_round=progress_round, action=world.police_action,
        data={"rag": "green", "narrative_en": "Training delivered.",
              "narrative_cy": "Hyfforddiant."},
    )  # fmt: skip
    progress.approve_update(actor=world.admin, update=update, comment="")
    return gov


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts)


def test_the_pack_is_made_in_the_background_with_agenda_progress_and_open_items(
    world, ready, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(world.board)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/governance/meetings/{ready.september.pk}/pack/",
            {"format": "docx", "language": "en"},
        )
    job = PackJob.objects.get()
    assert response.status_code == 302 and response.url == f"/governance/packs/{job.pk}/"
    assert job.state == PackState.DONE  # tests run tasks at once
    download = client.get(f"/governance/packs/{job.pk}/file/")
    text = _docx_text(b"".join(download.streaming_content))
    assert "Minutes of the last meeting" in text
    assert "Training delivered." in text and "Green" in text
    assert "Circulate the draft" in text and "Closed item" not in text


def test_the_welsh_pdf_pack_is_in_welsh(world, ready, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world.board)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/governance/meetings/{ready.september.pk}/pack/", {"format": "pdf", "language": "cy"}
        )
    job = PackJob.objects.get()
    data = b"".join(client.get(f"/governance/packs/{job.pk}/file/").streaming_content)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Cofnodion y cyfarfod diwethaf" in text
    assert "Dosbarthu’r drafft" in text
    assert "Cyfarfod Grŵp Llywio Rhanbarthol" in text and "11 Medi 2026" in text
    assert "Eitemau agored yn y log gweithredu" in text
    assert "Maw 2026" in text and "Mar 2026" not in text  # the action's timescale, in Welsh


def test_someone_elses_pack_is_not_found(world, ready):
    owner = Client()
    owner.force_login(world.board)
    owner.post(f"/governance/meetings/{ready.june.pk}/pack/", {"format": "docx", "language": "en"})
    job = PackJob.objects.get()
    other = Client()
    other.force_login(world.lead)
    assert other.get(f"/governance/packs/{job.pk}/").status_code == 404
    assert other.get(f"/governance/packs/{job.pk}/file/").status_code == 404


def test_a_pack_without_a_format_is_refused_with_a_message(world, ready):
    client = Client()
    client.force_login(world.board)
    response = client.post(f"/governance/meetings/{ready.june.pk}/pack/", {"language": "en"})
    assert response.status_code == 400
    assert "Choose Word or PDF" in response.content.decode()
    assert not PackJob.objects.exists()
