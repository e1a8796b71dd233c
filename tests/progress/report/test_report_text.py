"""The report's written content: introduction and theme narratives, with history and defaults."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from vawdasv.audit.models import AuditEntry
from vawdasv.progress.models import ProgressUpdate, ReportText
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather
from vawdasv.progress.report.text import save_report_text, written_text

TODAY = datetime.date(2019, 5, 15)
INTRO_EN = "The partnership has made good progress in its first year."
INTRO_CY = "Mae'r bartneriaeth wedi gwneud cynnydd da yn ei blwyddyn gyntaf."


def _data(plan, **extra):
    theme = plan.prepare.pk
    return {
        "introduction_en": INTRO_EN,
        "introduction_cy": INTRO_CY,
        f"theme_{theme}_narrative_en": "Data collection: a dashboard is now shared.",
        f"theme_{theme}_future_en": "Next year the partnership will review refuge provision.",
        **extra,
    }


def test_saved_text_appears_in_both_languages_with_english_where_welsh_is_missing(plan, world):
    save_report_text(
        actor=world.admin, strategy=plan.strategy, period_label="2018/19", data=_data(plan)
    )

    english = gather(plan.strategy, plan.period, language="en", today=TODAY)
    welsh = gather(plan.strategy, plan.period, language="cy", today=TODAY)

    assert english.introduction.text == INTRO_EN
    assert welsh.introduction.text == INTRO_CY and not welsh.introduction.is_fallback
    prepare = welsh.themes[0]
    assert prepare.narrative.text == "Data collection: a dashboard is now shared."
    assert prepare.narrative.is_fallback
    assert prepare.future_narrative.text.startswith("Next year")
    assert welsh.untranslated >= 2


def test_each_save_is_one_audit_entry_listing_what_changed(plan, world):
    save_report_text(
        actor=world.admin, strategy=plan.strategy, period_label="2018/19", data=_data(plan)
    )
    text = save_report_text(
        actor=world.admin,
        strategy=plan.strategy,
        period_label="2018/19",
        data=_data(plan, introduction_en="A shorter introduction."),
    )

    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ReportText), object_id=text.pk
    ).order_by("pk")
    assert entries.count() == 2
    assert list(entries.last().changes) == ["introduction_en"]
    assert entries.last().changes["introduction_en"]["before"] == INTRO_EN


def test_a_new_period_starts_from_the_previous_reports_text(plan, world):
    save_report_text(
        actor=world.admin, strategy=plan.strategy, period_label="2018/19", data=_data(plan)
    )
    next_year = parse_period("2019/20")

    written = written_text(plan.strategy, next_year)

    assert written.introduction["introduction_en"] == INTRO_EN
    assert not written.saved and written.copied_from == "2018/19"
    report = gather(plan.strategy, next_year, language="en", today=datetime.date(2020, 5, 1))
    assert report.introduction.text == INTRO_EN
    earlier = written_text(plan.strategy, parse_period("2017/18"))
    assert earlier.introduction == {}


def test_only_the_regional_team_may_write_the_reports_text(plan, world, client):
    with pytest.raises(PermissionDenied):
        save_report_text(
            actor=world.lead, strategy=plan.strategy, period_label="2018/19", data=_data(plan)
        )
    client.force_login(world.lead)
    url = reverse("progress:report-text", kwargs={"slug": plan.strategy.slug})
    assert client.get(url, {"period": "2018/19"}).status_code == 403
    assert not ReportText.objects.exists()


def test_the_text_page_saves_and_the_word_report_shows_the_introduction(plan, world, client):
    client.force_login(world.admin)
    url = reverse("progress:report-text", kwargs={"slug": plan.strategy.slug})
    page = client.get(url, {"period": "2018/19"})
    assert page.status_code == 200
    assert "PREPARE" in page.content.decode()

    response = client.post(url, {"period": "2018/19", **_data(plan)})

    assert response.status_code == 302
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    document = docx.Document(io.BytesIO(render(report, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "Introduction" in texts and INTRO_EN in texts
    future_heading = texts.index("Future activity – PREPARE")
    assert "Next year the partnership will review refuge provision." in texts[future_heading:]
    html = render(report, "html").decode()
    assert INTRO_EN in html


def test_an_unknown_period_on_the_text_page_is_not_found(plan, world, client):
    client.force_login(world.admin)
    url = reverse("progress:report-text", kwargs={"slug": plan.strategy.slug})
    assert client.get(url, {"period": "someday"}).status_code == 404


def _row(report, action):
    return next(r for t in report.themes for r in t.rows + t.future if r.action_id == action.pk)


def test_lead_officers_narratives_can_be_shortened_or_left_out_of_the_report(plan, world):
    data = _data(
        plan,
        **{
            f"action_{plan.consent.pk}_treatment": "leave_out",
            f"action_{plan.male_idsva.pk}_treatment": "shorten",
            f"action_{plan.male_idsva.pk}_short_en": "Under review.",
            f"action_{plan.data_collection.pk}_treatment": "include",
        },
    )
    save_report_text(actor=world.admin, strategy=plan.strategy, period_label="2018/19", data=data)

    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    welsh = gather(plan.strategy, plan.period, language="cy", today=TODAY)

    assert _row(report, plan.consent).narrative is None
    assert _row(report, plan.male_idsva).narrative.text == "Under review."
    assert _row(welsh, plan.male_idsva).narrative.is_fallback
    assert _row(report, plan.data_collection).narrative.text.startswith("A quarterly dashboard")
    plan.consent.refresh_from_db()
    assert ProgressUpdate.objects.get(action=plan.consent).narrative_en == "No campaign this year."


def test_shortening_without_the_shorter_words_is_refused_and_nothing_is_saved(plan, world):
    data = _data(plan, **{f"action_{plan.male_idsva.pk}_treatment": "shorten"})

    with pytest.raises(ValidationError) as refused:
        save_report_text(
            actor=world.admin, strategy=plan.strategy, period_label="2018/19", data=data
        )

    assert "shortened narrative" in " ".join(refused.value.messages)
    assert not ReportText.objects.exists()


def test_the_text_page_lists_the_periods_narratives_with_their_choices(plan, world, client):
    client.force_login(world.admin)
    url = reverse("progress:report-text", kwargs={"slug": plan.strategy.slug})

    page = client.get(url, {"period": "2018/19"}).content.decode()

    assert "No campaign this year." in page
    assert f'name="action_{plan.consent.pk}_treatment"' in page
    response = client.post(
        url,
        {"period": "2018/19", **_data(plan), f"action_{plan.consent.pk}_treatment": "leave_out"},
    )
    assert response.status_code == 302
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    assert _row(report, plan.consent).narrative is None
