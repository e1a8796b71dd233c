"""load-demo's history: the 2018–2023 strategy, its closed 2018/19 round, the national plan."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.once import built_once
from vawdasv.accounts import notifications
from vawdasv.accounts.models import Notification, User
from vawdasv.audit.models import AuditEntry
from vawdasv.demo.history import (
    DEMONSTRATION_CY,
    DEMONSTRATION_EN,
    NATIONAL_STRATEGY_SLUG,
    PREVIOUS_STRATEGY_SLUG,
    REPORT_FILE,
    reported_actions,
)
from vawdasv.demo.load import default_reference_dir
from vawdasv.imports.text_tables import parse
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Membership, Organisation, OrganisationAlias, Partnership
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.enums import RoundStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate

ROUND_SOURCE = "2018/19 progress round"


@pytest.fixture(autouse=True)
def _demo_runs_in_development(settings):
    # load-demo refuses without DEBUG (issue 8, finding 11); these tests are a developer's demo.
    settings.DEBUG = True


def load_demo() -> str:
    out = StringIO()
    # load-demo refuses without DEBUG (a real deployment); these tests are a developer's.
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """The demo loaded once for the module; each test is rolled back to it (tests/once.py)."""
    with built_once(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield load_demo()


@pytest.fixture
def demo(module_demo: str, db: None) -> str:
    return module_demo


def counts_of(slug: str) -> tuple[int, int, int]:
    strategy = Strategy.objects.get(slug=slug)
    return (
        Theme.objects.filter(strategy=strategy).count(),
        Commitment.objects.filter(theme__strategy=strategy).count(),
        Action.objects.for_strategy(strategy).count(),
    )


def previous_round() -> ProgressRound:
    return ProgressRound.objects.get(strategy__slug=PREVIOUS_STRATEGY_SLUG, period_label="2018/19")


def test_load_demo_builds_three_published_strategies_with_the_documents_counts(demo):
    assert counts_of("cardiff-vale-2023-2028") == (6, 32, 69)
    assert counts_of(PREVIOUS_STRATEGY_SLUG) == (5, 54, 65)
    assert counts_of(NATIONAL_STRATEGY_SLUG) == (6, 6, 100)
    previous = Strategy.objects.get(slug=PREVIOUS_STRATEGY_SLUG)
    assert previous.partnership.slug == "cardiff-vale"
    assert (previous.start_year, previous.end_year, previous.is_published) == (2018, 2023, True)
    assert previous.title_en.endswith("Strategy 2018 – 2023")
    national = Strategy.objects.get(slug=NATIONAL_STRATEGY_SLUG)
    assert national.is_published and (national.start_year, national.end_year) == (2018, 2021)
    assert national.themes.first().name_en == "Objective 1"
    assert "Themes: 5, commitments: 54, actions: 65." in demo
    assert "Themes: 6, commitments: 6, actions: 100." in demo
    assert "Approved updates: 25" in demo


def test_the_national_framework_belongs_to_a_welsh_government_partnership(demo):
    partnership = Partnership.objects.get(slug="wales-national")
    assert partnership.name_en == "Welsh Government VAWDASV national framework"
    assert partnership.name_cy == "Fframwaith cenedlaethol VAWDASV Llywodraeth Cymru"
    assert not Membership.objects.filter(partnership=partnership).exists()
    national = Strategy.objects.get(slug=NATIONAL_STRATEGY_SLUG)
    ffion = User.objects.get(username="ffion")
    assert permissions.can_view_strategy(ffion, national)
    objective = national.themes.get(name_en="Objective 3")
    assert objective.aim_en.startswith("Increased focus on holding perpetrators to account")


def test_the_national_framework_page_is_public_in_both_languages(demo, client):
    for prefix in ("", "/cy"):
        response = client.get(f"{prefix}/strategies/{NATIONAL_STRATEGY_SLUG}/")
        assert response.status_code == 200


def test_the_2018_19_round_is_closed_with_approved_updates_marked_as_demonstration_values(demo):
    progress_round = previous_round()
    assert progress_round.status == RoundStatus.CLOSED
    updates = ProgressUpdate.objects.filter(progress_round=progress_round)
    assert updates.count() == 25
    assert set(updates.values_list("state", flat=True)) == {UpdateState.APPROVED}
    assert all(DEMONSTRATION_EN in update.narrative_en for update in updates)
    assert all(DEMONSTRATION_CY in update.narrative_cy for update in updates)
    assert all(update.rag in {"red", "amber", "green"} for update in updates)
    assert set(updates.values_list("reviewed_by__username", flat=True)) == {"alys"}


def test_updates_carry_the_reports_paragraph_about_their_section(demo):
    stalking = ProgressUpdate.objects.get(
        action__text_en__startswith="Improve awareness of stalking"
    )
    assert stalking.narrative_en.startswith("The issue of Stalking has been given recent")
    research = ProgressUpdate.objects.get(action__text_en__startswith="Actively participate in")
    assert research.narrative_en.startswith("The region remains committed to participating")


def test_future_activity_gets_no_update(demo):
    matac = Action.objects.get(text_en__startswith="Trial and evaluate the MATAC")
    assert not matac.progress_updates.exists()
    future = Action.objects.for_strategy(Strategy.objects.get(slug=PREVIOUS_STRATEGY_SLUG))
    assert future.filter(progress_updates__isnull=True).count() == 65 - 25


def test_an_amended_date_shows_in_the_actions_history_with_the_round_as_source(demo, client):
    action = Action.objects.get(text_en__startswith="Commission a specialist male victim service")
    assert action.timescale_text == "April 2020"
    entry = AuditEntry.objects.get(
        content_type__model="action", object_id=action.pk, origin_kind="progress_round"
    )
    assert entry.changes["timescale_text"] == {"before": "March 2019", "after": "April 2020"}
    update = action.progress_updates.get()
    assert update.proposed_timescale_reason.startswith("The 2018/19 progress report notes")
    client.force_login(User.objects.get(username="alys"))
    html = client.get(action.get_absolute_url()).content.decode()
    assert ROUND_SOURCE in html and "April 2020" in html


def test_a_date_amended_without_a_new_date_says_the_new_one_is_a_demonstration_value(demo):
    action = Action.objects.get(text_en__startswith="Liaise with the Judicial College")
    assert action.timescale_text == "March 2020"
    update = action.progress_updates.get()
    assert "demonstration value" in update.proposed_timescale_reason


def test_a_changed_activity_is_an_approved_rewording_with_its_new_date(demo):
    action = Action.objects.get(text_en__startswith="Establish and implement the Vulnerabilities")
    assert action.text_en == "Establish and implement the Vulnerabilities and Exploitation Pathway"
    assert action.timescale_text == "March 2021"
    entry = AuditEntry.objects.get(
        content_type__model="action", object_id=action.pk, origin_kind="progress_round"
    )
    assert entry.changes["text_en"]["before"] == (
        "Improve the quality of MARAC referrals across the region"
    )


def test_the_demo_alias_list_is_kept_in_the_database(demo):
    listed = dict(
        OrganisationAlias.objects.filter(partnership__slug="cardiff-vale").values_list(
            "alias", "organisation__slug"
        )
    )
    assert listed["SWP"] == "south-wales-police"
    assert listed["PCC"] == "south-wales-police-and-crime-commissioner"
    assert listed["VoG"] == "vale-of-glamorgan-council"
    assert listed["HSG"] == "cardiff-vale-housing-support-grant-team"
    assert Action.objects.filter(lead_organisations__slug="south-wales-police").count() == 6


def test_running_load_demo_twice_changes_no_counts(demo):
    models = (
        Partnership, Organisation, OrganisationAlias, Membership, User, Strategy, Theme,
        Commitment, Action, ProgressRound, ProgressUpdate, AuditEntry, Notification,
    )  # fmt: skip
    first = {model.__name__: model.objects.count() for model in models}
    load_demo()
    assert {model.__name__: model.objects.count() for model in models} == first


def test_the_demo_notifies_on_home_pages_and_emails_nobody(demo, mailoutbox):
    # Emails waiting for the load to commit find their notifications already emailed.
    alys = User.objects.get(username="alys")
    assert Notification.objects.filter(user=alys, kind="progress.update_submitted").exists()
    assert not Notification.objects.filter(emailed_at=None).exists()
    assert notifications.send_digests(datetime.date.today(), "http://demo") == 0
    assert mailoutbox == []  # nor does the daily digest pick them up


def test_the_report_reports_on_every_action_outside_future_activity():
    parsed = parse((default_reference_dir() / REPORT_FILE).read_text(encoding="utf-8-sig"))
    reported = reported_actions(parsed)
    assert len(reported) == 25
    assert not any(item.action.future_activity for item in reported)
    amended = {item.action.text[:40]: item.new_timescale for item in reported if item.new_timescale}
    assert amended == {
        "Provide a male IDSVA resource shared acr": "March 2020",
        "Work with the South Wales Police & Crime": "March 2020",
        "Liaise with the Judicial College to ensu": "March 2020",
        "Remain committed to mainstreaming the IR": "July 2019",
        "Improve the quality of MARAC referrals a": "March 2021",
        "Commission a specialist male victim serv": "April 2020",
    }
    consent = next(item for item in reported if item.action.text.startswith("Raise awareness of c"))
    assert consent.new_timescale is None  # an ongoing action keeps its timescale
