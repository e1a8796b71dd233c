"""The progress report page and its downloads, for each persona."""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from django.urls import reverse


def _url(plan, **query):
    url = reverse("progress:report", kwargs={"slug": plan.strategy.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _download(plan, format_name, **query):
    url = reverse(
        "progress:report-download", kwargs={"slug": plan.strategy.slug, "format_name": format_name}
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("persona", ["admin", "lead", "council_lead", "board"])
def test_members_of_the_partnership_read_the_report(client, world, plan, persona):
    client.force_login(getattr(world, persona))
    response = client.get(_url(plan, period="2018/19"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Action plan progress report 2018/19" in page
    assert "Provide a male IDSVA resource" in page
    assert "Timescale amended from March 2019 to April 2020" in page
    assert 'role="img"' in page and "<desc" in page
    assert "vawdasv-rag-cell--green" in page
    assert 'scope="col"' in page and "<caption" in page
    assert "style=" not in page  # the content security policy forbids inline styles


def test_a_national_observer_reads_the_report(client, world, plan):
    from tests import factories

    observer = factories.UserFactory(username="wg", national_observer=True)
    client.force_login(observer)
    assert client.get(_url(plan)).status_code == 200


def test_another_partnerships_administrator_is_refused(client, world, plan):
    client.force_login(world.outsider)
    assert client.get(_url(plan)).status_code == 403
    assert client.get(_download(plan, "docx")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    response = client.get(_url(plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_newest_round_is_shown_when_no_period_is_chosen(client, world, plan):
    client.force_login(world.board)
    response = client.get(_url(plan))
    assert "Action plan progress report 2018/19" in response.content.decode()


def test_the_report_can_be_read_in_welsh_on_the_english_page(client, world, plan):
    client.force_login(world.board)
    page = client.get(_url(plan, lang="cy")).content.decode()
    assert '<div class="vawdasv-report" lang="cy">' in page
    assert "Darparu adnodd IDSVA gwrywaidd" in page
    assert "Gwyrdd" in page


def test_the_welsh_page_shows_the_welsh_report_by_default(client, world, plan):
    client.force_login(world.board)
    url = "/cy" + _url(plan)
    page = client.get(url).content.decode()
    assert "PARATOI" in page


def test_a_theme_filter_keeps_only_that_theme(client, world, plan):
    client.force_login(world.board)
    page = client.get(_url(plan, theme=plan.pursue.pk)).content.decode()
    assert "Trial and evaluate the MATAC intervention" in page
    assert "Provide a male IDSVA resource" not in page


def test_a_bad_period_is_refused_with_the_form(client, world, plan):
    client.force_login(world.board)
    response = client.get(_url(plan, period="1999/00"))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_the_word_download_is_the_report_in_the_chosen_language(client, world, plan):
    client.force_login(world.board)
    response = client.get(_download(plan, "docx", period="2018/19", lang="cy"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "cv-2018-progress-report-2018-19-cy.docx" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Darparu adnodd IDSVA gwrywaidd" in cells


def test_the_pdf_download_is_a_tagged_pdf(client, world, plan):
    client.force_login(world.admin)
    response = client.get(_download(plan, "pdf", period="2018/19"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        assert "StructTreeRoot" in pdf.doc.catalog
        assert "Provide a male IDSVA resource" in pdf.pages[0].extract_text() + "".join(
            p.extract_text() for p in pdf.pages[1:]
        )


def test_an_unknown_download_format_is_not_found(client, world, plan):
    client.force_login(world.admin)
    assert client.get(_download(plan, "xls")).status_code == 404


def test_the_round_page_links_to_its_report(client, world, plan):
    client.force_login(world.admin)
    page = client.get(plan.progress_round.get_absolute_url()).content.decode()
    assert _url(plan) + "?period=2018/19" in page
