import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from tests import factories
from tests.national.conftest import approved, objective, quarter_round
from vawdasv.national.models import NationalReport, UpdateMark
from vawdasv.national.report import data, jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def observer():
    return factories.UserFactory(username="wg", national_observer=True)


@pytest.fixture
def reported(world):
    item = objective("1")
    world.police_action.alignments.set([item])
    world.council_action.alignments.set([item])
    world.council_action.due_date = datetime.date(2026, 9, 1)
    world.council_action.save()
    q2 = quarter_round(world.strategy, "2025/26 Q2", datetime.date(2025, 9, 30))
    update = approved(q2, world.police_action, "green", narrative="Forty officers trained.")
    UpdateMark.objects.create(update=update, highlight=True)
    approved(q2, world.council_action, "amber", narrative="Venue booked.")
    return item


def test_the_report_gives_each_objective_regions_delivery_highlights_and_what_is_next(
    world, reported
):
    report = data.gather(2025, "en")
    first = next(o for o in report.objectives if o.item == reported)
    regions = dict(first.regions)
    cell = regions["Cardiff and Vale of Glamorgan VAWDASV Partnership"]
    assert (cell.actions, cell.green, cell.amber) == (2, 1, 1)
    assert [h.narrative for h in first.highlights] == ["Forty officers trained."]
    assert first.due_next_year == 1
    assert "Gwent VAWDASV Partnership" not in regions  # no published plan


def test_issuing_makes_a_frozen_docx_in_the_background_and_the_next_issue_is_a_new_version(
    world, reported, observer, client, django_capture_on_commit_callbacks
):
    client.force_login(observer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("national:report"), {"year": "2025", "language": "cy", "format": "docx"}
        )
    assert response.status_code == 302
    report = NationalReport.objects.get()
    assert (report.state, report.version) == ("done", 1)  # tests run tasks at once
    document = Document(io.BytesIO(report.file.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Adroddiad cynnydd blynyddol cenedlaethol 2025/26" in text
    assert "Forty officers trained." in text
    first_file = report.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("national:report"), {"year": "2025", "language": "cy", "format": "docx"}
        )
    assert NationalReport.objects.get(version=1).file.name == first_file
    assert NationalReport.objects.filter(version=2, state="done").exists()
    download = client.get(reverse("national:report-download", args=[report.pk]))
    assert download.status_code == 200


def test_only_national_observers_issue_the_report(world, client):
    client.force_login(world.admin)
    assert client.get(reverse("national:report")).status_code == 403
    with pytest.raises(Exception, match="permission"):
        jobs.issue(actor=world.admin, year=2025, language="en", format="docx")


def test_the_pdf_is_typeset_with_markup_in_narratives_printed_as_written(
    world, reported, observer, django_capture_on_commit_callbacks
):
    UpdateMark.objects.filter(highlight=True).update(highlight=True)
    update = UpdateMark.objects.get(highlight=True).update
    update.narrative_en = "#panic() *bold* $x$ [link]"
    update.save()
    with django_capture_on_commit_callbacks(execute=True):
        report = jobs.issue(actor=observer, year=2025, language="en", format="pdf")
    report.refresh_from_db()
    assert report.state == "done"
    content = report.file.read()
    assert content.startswith(b"%PDF")
    assert report.file_name.endswith("-en-v1.pdf")


from tests.outcomes.conftest import outcomes  # noqa: E402, F401  (the outcomes fixture)


def test_each_objective_shows_the_published_headline_data_of_indicators_linked_to_it(
    world,
    reported,
    outcomes,  # noqa: F811
):
    from tests.outcomes.test_publication import by_sex
    from vawdasv.national.models import CommitmentAlignment
    from vawdasv.outcomes.services import framework, publication

    CommitmentAlignment.objects.create(commitment=world.commitment, item=reported)
    linked = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip
    framework.link_indicator(
        actor=world.admin, indicator=linked, themes=[], commitments=[world.commitment]
    )
    unpublished = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "repeats", "name_en": "Repeat cases", "numerator": outcomes.repeats},
    )  # fmt: skip
    framework.link_indicator(
        actor=world.admin, indicator=unpublished, themes=[], commitments=[world.commitment]
    )
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    assert (
        next(o for o in data.gather(2025, "en").objectives if o.item == reported).indicators == []
    )
    publication.publish(actor=world.admin, indicator=linked, period_label="2025/26 Q2")
    first = next(o for o in data.gather(2025, "en").objectives if o.item == reported)
    assert [(line.indicator, line.period, line.figure) for line in first.indicators] == [
        ("MARAC cases", "2025/26 Q2", "72")
    ]  # approved but unpublished figures stay out of a published report
    welsh = next(o for o in data.gather(2025, "cy").objectives if o.item == reported)
    assert welsh.indicators[0].indicator == "Achosion MARAC"
    assert (
        next(o for o in data.gather(2024, "en").objectives if o.item == reported).indicators == []
    )
    from vawdasv.national.report.docx import render_docx

    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(render_docx(data.gather(2025, "en")))).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "MARAC cases" in text and "72" in text
    from vawdasv.national.report.pdf import render_pdf

    assert render_pdf(data.gather(2025, "en")).startswith(b"%PDF")  # the table typesets
