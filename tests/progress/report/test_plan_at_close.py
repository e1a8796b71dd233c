"""A past period's report shows the themes and sections (commitments) as they stood when the
round closed: their wording and order from the history, none added after the close (issue 11,
"The report", item 3)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from vawdasv.plans import services as plan_services
from vawdasv.progress.report.data import gather

TODAY = datetime.date(2019, 5, 15)


def _report(plan, language="en"):
    return gather(plan.strategy, plan.period, language=language, today=TODAY)


def _sections(report):
    return {row.section.text for theme in report.themes for row in theme.rows + theme.future}


def test_a_theme_renamed_after_the_close_keeps_its_name_and_aim_then(plan, world):
    plan_services.update_theme(
        actor=world.admin, theme=plan.prepare,
        data={"name_en": "GET READY", "name_cy": "BYDDWCH YN BAROD", "aim_en": "A new aim"},
    )  # fmt: skip

    english, welsh = _report(plan), _report(plan, "cy")

    assert [theme.name.text for theme in english.themes] == ["PREPARE", "PURSUE"]
    assert [theme.name.text for theme in welsh.themes] == ["PARATOI", "ERLYN"]
    assert ("PREPARE", "Improve strategic planning") in [
        (name.text, aim.text) for name, aim in english.aims
    ]
    assert "GET READY" not in str(english.aims)


def test_a_section_reworded_after_the_close_keeps_its_wording_then(plan, world):
    plan_services.update_commitment(
        actor=world.admin, commitment=plan.male_idsva.commitment,
        data={"text_en": "Sexual Violence and Exploitation", "text_cy": "Trais a Chamfanteisio"},
    )  # fmt: skip

    assert "Sexual Violence" in _sections(_report(plan))
    assert "Sexual Violence and Exploitation" not in _sections(_report(plan))
    assert "Trais Rhywiol" in _sections(_report(plan, "cy"))


def test_themes_and_sections_reordered_after_the_close_keep_their_order_then(plan, world):
    plan_services.update_theme(actor=world.admin, theme=plan.prepare, data={"order": 9})
    needs = plan.data_collection.commitment
    plan_services.update_commitment(actor=world.admin, commitment=needs, data={"order": 9})

    report = _report(plan)

    assert [theme.name.text for theme in report.themes] == ["PREPARE", "PURSUE"]
    assert report.themes[0].rows[0].section.text == "Needs Assessment"


def test_a_theme_or_section_added_after_the_close_is_not_shown(plan, world):
    theme = plan_services.create_theme(
        actor=world.admin, strategy=plan.strategy, data={"name_en": "PROTECT", "aim_en": "New"}
    )
    late = plan_services.create_commitment(
        actor=world.admin, theme=plan.prepare, data={"text_en": "Added after the close"}
    )
    for commitment in (late, plan_services.create_commitment(
        actor=world.admin, theme=theme, data={"text_en": "In the new theme"}
    )):  # fmt: skip
        plan_services.create_action(
            actor=world.admin, commitment=commitment,
            data={"text_en": "A later action", "timescale_text": "Ongoing"},
        )  # fmt: skip

    report = _report(plan)

    assert "PROTECT" not in [t.name.text for t in report.themes]
    assert "PROTECT" not in [name.text for name, _aim in report.aims]
    assert not {"Added after the close", "In the new theme"} & _sections(report)


def test_an_open_rounds_report_shows_the_plan_as_it_stands_today(plan, world):
    from vawdasv.progress import services

    services.reopen_round(actor=world.admin, progress_round=plan.progress_round)
    plan_services.update_theme(actor=world.admin, theme=plan.prepare, data={"name_en": "GET READY"})

    assert _report(plan).themes[0].name.text == "GET READY"


def test_rewinding_themes_and_sections_takes_no_more_queries_for_more_changes(plan, world):
    plan_services.update_theme(actor=world.admin, theme=plan.prepare, data={"name_en": "A"})
    with CaptureQueriesContext(connection) as few:
        _report(plan)
    for n in range(5):
        plan_services.update_theme(actor=world.admin, theme=plan.pursue, data={"order": 10 + n})
        plan_services.update_commitment(
            actor=world.admin, commitment=plan.matac.commitment, data={"text_en": f"Text {n}"}
        )
    with CaptureQueriesContext(connection) as many:
        _report(plan)
    assert len(many.captured_queries) == len(few.captured_queries)
