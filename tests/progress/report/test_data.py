"""Gathering the progress report: what is counted, where each action goes, what changed."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.progress.report.conftest import REASON
from vawdasv.plans import services as plan_services
from vawdasv.progress.report.data import ReportFilters, gather

TODAY = datetime.date(2019, 5, 15)


def _rows(report, theme_index=0):
    return report.themes[theme_index].rows


def test_actions_due_in_the_period_are_reported_and_later_ones_are_future_activity(plan):
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    prepare, pursue = report.themes
    assert [r.we_will.text for r in prepare.rows] == [
        "Continually improve data collection methods",
        "Provide a male IDSVA resource",
        "Raise awareness of consent",
        "Review the Ty Tarian scheme",
    ]
    assert prepare.future == []
    assert pursue.rows == []
    assert [r.we_will.text for r in pursue.future] == ["Trial and evaluate the MATAC intervention"]


def test_summary_counts_each_rag_status_and_not_rated_by_theme(plan):
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    assert [c.word for c in report.summary_columns] == ["Red", "Amber", "Green", "Not rated"]
    prepare, pursue = report.summary
    assert (prepare.name, prepare.counts, prepare.total) == ("PREPARE", (1, 1, 1, 1), 4)
    assert (pursue.name, pursue.counts) == ("PURSUE", (0, 0, 0, 0))
    assert report.summary_total.counts == (1, 1, 1, 1)


def test_an_approved_timescale_change_is_listed_with_before_after_and_reason(plan):
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    [change] = report.changes
    assert change.theme == "PREPARE"
    assert change.action == "Provide a male IDSVA resource"
    assert change.description == (
        f"Timescale amended from March 2019 to April 2020 – reason: {REASON}"
    )
    idsva = _rows(report)[1]
    assert idsva.by == "April 2020"  # the plan as it now stands …
    assert idsva.changes == [change.description]  # … with the change beside it


def test_exceptions_list_red_overdue_and_silent_actions_with_reasons(plan):
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    reasons = {line.action: line.reasons for line in report.exceptions}
    assert reasons == {
        "Raise awareness of consent": ["Rated red"],
        "Review the Ty Tarian scheme": ["Overdue", "No update"],
    }


def test_a_reworded_action_and_one_no_longer_relevant_are_changes(plan, world):
    from vawdasv.progress import services

    services.reopen_round(actor=world.admin, progress_round=plan.progress_round)
    update = services.submit_update(
        actor=world.council_lead, progress_round=plan.progress_round, action=plan.ty_tarian,
        data={"rag": "red", "narrative_en": "The scheme ended.",
              "proposed_no_longer_relevant": True,
              "proposed_text_en": "Review the needs of women with complex needs"},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    descriptions = [c.description for c in report.changes if c.action.startswith("Review")]
    assert descriptions == [
        "Activity changed from “Review the Ty Tarian scheme” to: "
        "Review the needs of women with complex needs",
        "No longer relevant",
    ]
    reasons = {line.action: line.reasons for line in report.exceptions}
    assert reasons["Review the needs of women with complex needs"] == ["Rated red"]


def test_drafts_and_submitted_updates_are_not_reported(plan, world):
    from vawdasv.progress import services

    services.reopen_round(actor=world.admin, progress_round=plan.progress_round)
    services.submit_update(
        actor=world.council_lead, progress_round=plan.progress_round, action=plan.ty_tarian,
        data={"rag": "green", "narrative_en": "Waiting for review"},
    )  # fmt: skip
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    ty_tarian = _rows(report)[3]
    assert (ty_tarian.rag, ty_tarian.narrative) == ("", None)


def test_welsh_report_reads_welsh_content_and_translated_labels(plan):
    report = gather(plan.strategy, plan.period, language="cy", today=TODAY)
    assert report.themes[0].name.text == "PARATOI"
    first = _rows(report)[0]
    assert first.we_will.text == "Gwella dulliau casglu data yn barhaus"
    assert first.narrative.text == "Rhennir dangosfwrdd chwarterol gyda phartneriaid."
    assert first.rag_word == "Gwyrdd"
    assert report.labels["by"] == "Erbyn"
    assert report.language == "cy"


def test_welsh_falls_back_to_english_and_says_so(plan):
    factories.ActionFactory(commitment=plan.data_collection.commitment, text_en="Only English",
                            timescale_text="Ongoing", due_date=None)  # fmt: skip
    report = gather(plan.strategy, plan.period, language="cy", today=TODAY)
    untranslated = [r.we_will for r in _rows(report) if r.we_will.text == "Only English"]
    assert untranslated and untranslated[0].is_fallback
    assert report.untranslated == 1
    assert "1 testun" in report.untranslated_note and "Gymraeg" in report.untranslated_note
    english = gather(plan.strategy, plan.period, language="en", today=TODAY)
    assert english.untranslated == 0 and english.untranslated_note == ""


def test_filters_keep_one_theme_or_one_lead_organisation(plan, world):
    by_theme = gather(
        plan.strategy, plan.period, language="en", today=TODAY,
        filters=ReportFilters(theme_id=plan.pursue.pk),
    )  # fmt: skip
    assert [t.name.text for t in by_theme.themes] == ["PURSUE"]
    assert by_theme.filters_text == ["Theme: PURSUE"]
    by_lead = gather(
        plan.strategy, plan.period, language="en", today=TODAY,
        filters=ReportFilters(lead_id=world.council.pk),
    )  # fmt: skip
    assert [r.we_will.text for r in _rows(by_lead)] == [
        "Provide a male IDSVA resource",
        "Review the Ty Tarian scheme",
    ]
    assert by_lead.filters_text == ["Lead organisation: Cardiff Council"]


def test_a_period_without_a_round_rates_nothing_and_lists_every_action_as_exception(plan):
    from vawdasv.progress.periods import parse_period

    report = gather(plan.strategy, parse_period("2019/20"), language="en", today=TODAY)
    assert not report.has_round
    assert report.summary_total.counts[-1] == report.summary_total.total


def test_actions_completed_in_an_earlier_period_are_left_out(plan, world):
    from vawdasv.progress import services
    from vawdasv.progress.periods import parse_period

    later = services.open_round(
        actor=world.admin, strategy=plan.strategy, period_label="2019/20",
        deadline=datetime.date(2020, 4, 30),
    )  # fmt: skip
    update = services.submit_update(
        actor=world.lead, progress_round=later, action=plan.matac,
        data={"rag": "green", "completed": True, "narrative_en": "Done"},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    report = gather(plan.strategy, parse_period("2020/21"), language="en", today=TODAY)
    everything = [r.we_will.text for t in report.themes for r in t.rows + t.future]
    assert "Trial and evaluate the MATAC intervention" not in everything


def test_gathering_takes_the_same_number_of_queries_for_more_actions(plan):
    with CaptureQueriesContext(connection) as small:
        gather(plan.strategy, plan.period, language="en", today=TODAY)
    for n in range(20):
        factories.ActionFactory(commitment=plan.data_collection.commitment, text_en=f"More {n}")
    with CaptureQueriesContext(connection) as large:
        gather(plan.strategy, plan.period, language="en", today=TODAY)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_an_action_due_after_the_period_with_an_update_is_reported_on_not_future(plan, world):
    from vawdasv.progress import services

    services.reopen_round(actor=world.admin, progress_round=plan.progress_round)
    update = services.submit_update(
        actor=world.lead, progress_round=plan.progress_round, action=plan.matac,
        data={"rag": "amber", "narrative_en": "The MATAC approach is being assessed."},
    )  # fmt: skip
    services.approve_update(actor=world.admin, update=update)
    report = gather(plan.strategy, plan.period, language="en", today=TODAY)
    pursue = report.themes[1]
    assert [r.rag for r in pursue.rows] == ["amber"]
    assert pursue.future == []


def test_a_past_periods_report_shows_the_plan_as_it_stood_when_the_round_closed(plan, world):
    plan_services.update_action(
        actor=world.admin,
        action=plan.ty_tarian,
        data={"text_en": "Reworded after the board met", "timescale_text": "March 2020"},
    )

    report = gather(plan.strategy, plan.period, language="en", today=TODAY)

    rows = {row.action_id: row for theme in report.themes for row in theme.rows + theme.future}
    assert rows[plan.ty_tarian.pk].we_will.text == "Review the Ty Tarian scheme"
    assert rows[plan.ty_tarian.pk].by == "October 2018"
    exceptions = {line.action: line.reasons for line in report.exceptions}
    assert "Overdue" in exceptions["Review the Ty Tarian scheme"]


def test_an_action_added_after_the_round_closed_is_left_out_of_its_report(plan, world):
    added = plan_services.create_action(
        actor=world.admin,
        commitment=plan.ty_tarian.commitment,
        data={"text_en": "Added after the round closed", "timescale_text": "Ongoing"},
    )

    report = gather(plan.strategy, plan.period, language="en", today=TODAY)

    reported = {row.action_id for theme in report.themes for row in theme.rows + theme.future}
    assert added.pk not in reported
    assert plan.ty_tarian.pk in reported


def test_the_report_says_it_is_as_at_the_periods_end_and_judges_overdue_then(plan):
    report = gather(plan.strategy, plan.period, language="en", today=datetime.date(2026, 1, 1))

    assert "as at 31 March 2019" in report.as_at_text
    exceptions = {line.action: line.reasons for line in report.exceptions}
    # MATAC is due September 2019, after the period: future activity, never overdue in it.
    assert "Trial and evaluate the MATAC intervention" not in exceptions
    welsh = gather(plan.strategy, plan.period, language="cy", today=datetime.date(2026, 1, 1))
    assert "31 Mawrth 2019" in welsh.as_at_text
