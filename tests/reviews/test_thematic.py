"""The thematic learning report: asked for on a page, made in the background, in either
language."""

import io

import docx
import pytest

from vawdasv.demo.reviews import load_demo_reviews
from vawdasv.reviews.models import ThematicReportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world):
    return load_demo_reviews(
        partnership=world.partnership, strategy=world.strategy, people={"alys": world.admin}
    )


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Thematic learning"), ("cy", "Dysgu thematig")]
)
def test_the_report_is_made_in_the_background_and_downloaded(
    client, world, demo, language, heading, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/reviews/thematic/{world.partnership.slug}/",
            {
                "theme": "coercive-control",
                "language": language,
                "year_from": "2023",
                "format": "docx",
            },
        )
    job = ThematicReportJob.objects.get()
    assert response.url == f"/reviews/thematic/jobs/{job.pk}/"
    assert job.state == "done"
    text = text_of(b"".join(client.get(f"/reviews/thematic/jobs/{job.pk}/file/").streaming_content))
    assert heading in text
    assert "DEMO-SUSR-2025-01" in text
    assert "coercive-control" in text


def test_a_board_member_may_neither_ask_for_nor_read_a_report(client, world, demo):
    client.force_login(world.board)
    assert client.get(f"/reviews/thematic/{world.partnership.slug}/").status_code == 403
    job = ThematicReportJob.objects.create(partnership=world.partnership, language="en")
    assert client.get(f"/reviews/thematic/jobs/{job.pk}/").status_code == 404


def test_the_report_can_be_a_pdf(client, world, demo, django_capture_on_commit_callbacks):
    import pdfplumber

    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/reviews/thematic/{world.partnership.slug}/", {"language": "cy", "format": "pdf"}
        )
    job = ThematicReportJob.objects.get()
    response = client.get(f"/reviews/thematic/jobs/{job.pk}/file/")
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Dysgu thematig" in text
    assert "DEMO-DHR-2023-02" in text
