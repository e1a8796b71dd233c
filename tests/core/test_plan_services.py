"""plans.services: the only way plan content is written. Permission, audit, locking, timescales."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.factories import allow_direct_edits
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.plans import services
from vawdasv.plans.enums import StrategyStatus, TimescaleKind
from vawdasv.plans.models import Action, Commitment, Strategy, Theme


def _plan_state() -> tuple[Any, ...]:
    """Every row a refused or failed write must leave untouched."""
    return (
        list(Strategy.objects.order_by("pk").values()),
        list(Theme.objects.order_by("pk").values()),
        list(Commitment.objects.order_by("pk").values()),
        list(Action.objects.order_by("pk").values()),
        list(Action.lead_organisations.through.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def _entries_for(instance: Any, pk: int | None = None) -> list[AuditEntry]:
    """Audit entries for an object; pass the pk for one deleted through this very instance."""
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=pk or instance.pk,
        )
    )


def _only_new_entry(before_count: int) -> AuditEntry:
    assert AuditEntry.objects.count() == before_count + 1
    return AuditEntry.objects.order_by("-pk").first()  # type: ignore[return-value]


# Creating, updating, deleting ----------------------------------------------------------------


def test_administrator_creates_a_strategy_with_one_audit_entry(world):
    count = AuditEntry.objects.count()
    strategy = services.create_strategy(
        actor=world.admin,
        partnership=world.partnership,
        data={"title_en": "Strategy 2028–2033", "slug": "cv-2028", "start_year": 2028,
              "end_year": 2033, "status": StrategyStatus.DRAFT},
    )  # fmt: skip
    assert Strategy.objects.get(slug="cv-2028").title_en == "Strategy 2028–2033"
    entry = _only_new_entry(count)
    assert (entry.verb, entry.object_id, entry.actor) == (Verb.CREATED, strategy.pk, world.admin)
    assert entry.partnership == world.partnership
    assert entry.changes["title_en"] == {"before": None, "after": "Strategy 2028–2033"}


def test_administrator_updates_a_strategy_and_its_version_goes_up(world):
    count = AuditEntry.objects.count()
    updated = services.update_strategy(
        actor=world.admin, strategy=world.strategy, data={"title_cy": "Strategaeth Caerdydd"},
        expected_version=world.strategy.version,
    )  # fmt: skip
    assert updated.version == world.strategy.version + 1
    assert Strategy.objects.get(pk=world.strategy.pk).title_cy == "Strategaeth Caerdydd"
    entry = _only_new_entry(count)
    assert entry.verb == Verb.UPDATED
    assert entry.changes == {"title_cy": {"before": "", "after": "Strategaeth Caerdydd"}}


def test_administrator_deletes_a_strategy_and_everything_in_it_is_recorded(world):
    services.delete_strategy(actor=world.admin, strategy=world.strategy)
    assert not Strategy.objects.filter(pk=world.strategy.pk).exists()
    deleted = AuditEntry.objects.filter(verb=Verb.DELETED)
    assert {e.object_repr for e in deleted} >= {
        str(world.strategy),
        str(world.theme),
        str(world.commitment),
        str(world.police_action),
    }


def test_administrator_creates_a_theme_at_the_end_of_the_plan(world):
    count = AuditEntry.objects.count()
    theme = services.create_theme(
        actor=world.admin, strategy=world.strategy, data={"name_en": "PROTECT"}
    )
    assert theme.order == world.theme.order + 1
    entry = _only_new_entry(count)
    assert entry.verb == Verb.CREATED
    assert entry.changes["name_en"]["after"] == "PROTECT"


def test_administrator_updates_a_theme(world):
    count = AuditEntry.objects.count()
    services.update_theme(actor=world.admin, theme=world.theme, data={"aim_en": "Be ready"})
    assert Theme.objects.get(pk=world.theme.pk).aim_en == "Be ready"
    assert _only_new_entry(count).changes == {"aim_en": {"before": "", "after": "Be ready"}}


def test_administrator_creates_and_updates_a_commitment(world):
    count = AuditEntry.objects.count()
    commitment = services.create_commitment(
        actor=world.admin, theme=world.theme, data={"text_cy": "Byddwn yn gwrando"}
    )
    assert _only_new_entry(count).verb == Verb.CREATED
    services.update_commitment(
        actor=world.admin, commitment=commitment, data={"ref": "1.2"},
        expected_version=commitment.version,
    )  # fmt: skip
    assert Commitment.objects.get(pk=commitment.pk).ref == "1.2"
    assert _only_new_entry(count + 1).changes == {"ref": {"before": "", "after": "1.2"}}


def test_administrator_deletes_a_commitment_with_its_actions(world):
    commitment_pk = world.commitment.pk
    services.delete_commitment(actor=world.admin, commitment=world.commitment)
    assert not Action.objects.filter(pk=world.police_action.pk).exists()
    assert [e.verb for e in _entries_for(world.police_action)] == [Verb.DELETED]
    assert [e.verb for e in _entries_for(Commitment, commitment_pk)] == [Verb.DELETED]


def test_administrator_creates_an_action_and_the_audit_lists_leads_by_name(world):
    count = AuditEntry.objects.count()
    action = services.create_action(
        actor=world.admin, commitment=world.commitment,
        data={"text_en": "Run a campaign", "timescale_text": "Mar 2026",
              "lead_organisations": [world.police, world.council]},
    )  # fmt: skip
    assert set(action.lead_organisations.all()) == {world.police, world.council}
    entry = _only_new_entry(count)
    assert entry.changes["lead_organisations"] == {
        "before": None,
        "after": sorted([world.police.name_en, world.council.name_en]),
    }


def test_update_records_lead_organisations_before_and_after_as_names(world):
    count = AuditEntry.objects.count()
    services.update_action(
        actor=world.admin, action=world.police_action,
        data={"lead_organisations": [world.council]},
    )  # fmt: skip
    entry = _only_new_entry(count)
    assert entry.changes == {
        "lead_organisations": {"before": [world.police.name_en], "after": [world.council.name_en]}
    }


def test_lead_officer_updates_the_action_their_organisation_leads(world):
    allow_direct_edits(world)
    services.update_action(
        actor=world.lead, action=world.police_action, data={"evidence_en": "Training records"}
    )
    assert Action.objects.get(pk=world.police_action.pk).evidence_en == "Training records"
    assert _entries_for(world.police_action)[0].actor == world.lead


def test_administrator_deletes_an_action_and_it_is_recorded(world):
    count = AuditEntry.objects.count()
    services.delete_action(actor=world.admin, action=world.council_action)
    assert not Action.objects.filter(pk=world.council_action.pk).exists()
    entry = _only_new_entry(count)
    assert (entry.verb, entry.object_repr) == (Verb.DELETED, world.council_action.text_en)


def test_deleting_a_theme_records_its_commitments_and_actions_too(world):
    gone = [
        (Theme, world.theme.pk), (Commitment, world.commitment.pk),
        (Action, world.police_action.pk), (Action, world.council_action.pk),
    ]  # fmt: skip
    services.delete_theme(actor=world.admin, theme=world.theme)
    assert not Theme.objects.filter(pk=gone[0][1]).exists()
    for model, pk in gone:
        assert [e.verb for e in _entries_for(model, pk)] == [Verb.DELETED], model
    assert AuditEntry.objects.filter(verb=Verb.DELETED).count() == 4


def test_saving_without_a_change_writes_no_audit_entry(world):
    count = AuditEntry.objects.count()
    services.update_theme(actor=world.admin, theme=world.theme, data={"name_en": "PREPARE"})
    assert AuditEntry.objects.count() == count


# Permission ----------------------------------------------------------------------------------

REFUSED_WRITES = {
    "lead officer creates a theme": lambda w: services.create_theme(
        actor=w.lead, strategy=w.strategy, data={"name_en": "X"}),
    "board member updates the strategy": lambda w: services.update_strategy(
        actor=w.board, strategy=w.strategy, data={"title_en": "X"}),
    "other partnership's administrator creates a strategy": lambda w: services.create_strategy(
        actor=w.outsider, partnership=w.partnership,
        data={"title_en": "X", "slug": "x", "start_year": 2024, "end_year": 2025}),
    "lead officer updates a commitment": lambda w: services.update_commitment(
        actor=w.lead, commitment=w.commitment, data={"text_en": "X"}),
    "lead officer creates an action": lambda w: services.create_action(
        actor=w.lead, commitment=w.commitment, data={"text_en": "X"}),
    "lead officer updates another organisation's action": lambda w: services.update_action(
        actor=w.lead, action=w.council_action, data={"text_en": "X"}),
    "lead officer deletes their own action": lambda w: services.delete_action(
        actor=w.lead, action=w.police_action),
    "board member deletes a theme": lambda w: services.delete_theme(actor=w.board, theme=w.theme),
    "other partnership's administrator deletes a commitment": lambda w: services.delete_commitment(
        actor=w.outsider, commitment=w.commitment),
    "other partnership's administrator updates an action": lambda w: services.update_action(
        actor=w.outsider, action=w.police_action, data={"text_en": "X"}),
    "anonymous visitor updates an action": lambda w: services.update_action(
        actor=__import__("django.contrib.auth.models").contrib.auth.models.AnonymousUser(),
        action=w.police_action, data={"text_en": "X"}),
}  # fmt: skip


@pytest.mark.parametrize("write", REFUSED_WRITES.values(), ids=REFUSED_WRITES.keys())
def test_refused_writes_raise_permission_denied_and_write_nothing(world, write):
    before = _plan_state()
    with pytest.raises(PermissionDenied):
        write(world)
    assert _plan_state() == before


# Timescales ----------------------------------------------------------------------------------


def test_timescale_text_is_parsed_into_a_due_date_on_create(world):
    action = services.create_action(
        actor=world.admin, commitment=world.commitment,
        data={"text_en": "Review the MARAC", "timescale_text": "Q3 2024/25"},
    )  # fmt: skip
    action.refresh_from_db()
    assert action.due_date == datetime.date(2024, 12, 31)
    assert action.timescale_kind == TimescaleKind.DATE
    assert action.timescale_needs_check is False


def test_timescale_text_is_parsed_again_on_update(world):
    services.update_action(
        actor=world.admin, action=world.police_action, data={"timescale_text": "Ongoing"}
    )
    action = Action.objects.get(pk=world.police_action.pk)
    assert (action.timescale_text, action.due_date) == ("Ongoing", None)
    assert action.timescale_kind == TimescaleKind.ONGOING
    services.update_action(
        actor=world.admin, action=action, data={"timescale_text": "When the stars align"}
    )
    action.refresh_from_db()
    assert action.timescale_text == "When the stars align"
    assert (action.timescale_kind, action.timescale_needs_check) == (TimescaleKind.UNKNOWN, True)


def test_timescale_change_is_audited_with_the_due_date(world):
    count = AuditEntry.objects.count()
    services.update_action(
        actor=world.admin, action=world.police_action, data={"timescale_text": "Mar 2027"}
    )
    changes = _only_new_entry(count).changes
    assert changes["timescale_text"] == {"before": "Mar 2026", "after": "Mar 2027"}
    assert changes["due_date"] == {"before": "2026-03-31", "after": "2027-03-31"}


# Two people editing at once ------------------------------------------------------------------


STALE_UPDATES = {
    "strategy": lambda w, v: services.update_strategy(
        actor=w.admin, strategy=w.strategy, data={"title_en": "Mine"}, expected_version=v),
    "theme": lambda w, v: services.update_theme(
        actor=w.admin, theme=w.theme, data={"name_en": "Mine"}, expected_version=v),
    "commitment": lambda w, v: services.update_commitment(
        actor=w.admin, commitment=w.commitment, data={"text_en": "Mine"}, expected_version=v),
    "action": lambda w, v: services.update_action(
        actor=w.admin, action=w.police_action, data={"text_en": "Mine"}, expected_version=v),
}  # fmt: skip


@pytest.mark.parametrize("update", STALE_UPDATES.values(), ids=STALE_UPDATES.keys())
def test_a_save_based_on_an_old_version_is_refused_and_changes_nothing(world, update):
    update(world, 1)  # somebody saves first: version 1 → 2
    before = _plan_state()
    with pytest.raises(services.ConcurrentEditError) as raised:
        update(world, 1)
    assert raised.value.current.version == 2
    assert _plan_state() == before


def test_a_save_based_on_the_current_version_is_accepted(world):
    allow_direct_edits(world)
    services.update_action(actor=world.admin, action=world.police_action, data={"ref": "A1"})
    services.update_action(
        actor=world.lead, action=world.police_action, data={"ref": "A2"}, expected_version=2
    )
    assert Action.objects.get(pk=world.police_action.pk).ref == "A2"


# Validation ----------------------------------------------------------------------------------

INVALID_WRITES = {
    "strategy without a title": lambda w: services.create_strategy(
        actor=w.admin, partnership=w.partnership,
        data={"title_en": " ", "title_cy": "", "slug": "new", "start_year": 2024,
              "end_year": 2025}),
    "strategy with a slug already used": lambda w: services.create_strategy(
        actor=w.admin, partnership=w.partnership,
        data={"title_en": "Copy", "slug": w.draft_strategy.slug, "start_year": 2024,
              "end_year": 2025}),
    "strategy renamed to a slug already used": lambda w: services.update_strategy(
        actor=w.admin, strategy=w.strategy, data={"slug": w.other_strategy.slug}),
    "theme without a name": lambda w: services.create_theme(
        actor=w.admin, strategy=w.strategy, data={"name_en": "", "name_cy": ""}),
    "commitment without text": lambda w: services.create_commitment(
        actor=w.admin, theme=w.theme, data={"text_en": "  "}),
    "action without text": lambda w: services.create_action(
        actor=w.admin, commitment=w.commitment, data={"text_cy": "", "timescale_text": "TBC"}),
}  # fmt: skip


@pytest.mark.parametrize("write", INVALID_WRITES.values(), ids=INVALID_WRITES.keys())
def test_invalid_writes_raise_validation_error_and_write_nothing(world, write):
    before = _plan_state()
    with pytest.raises(ValidationError):
        write(world)
    assert _plan_state() == before


def test_text_in_welsh_only_is_enough(world):
    theme = services.create_theme(
        actor=world.admin, strategy=world.strategy, data={"name_cy": "ATAL"}
    )
    assert (theme.name_en, theme.name_cy) == ("", "ATAL")


def test_a_field_the_service_does_not_edit_is_refused(world):
    before = _plan_state()
    with pytest.raises(ValueError):
        services.update_theme(actor=world.admin, theme=world.theme, data={"strategy": None})
    assert _plan_state() == before


def test_superuser_may_write_in_any_partnership(world):
    root = factories.UserFactory(is_superuser=True)
    services.update_strategy(actor=root, strategy=world.other_strategy, data={"title_en": "G"})
    assert Strategy.objects.get(pk=world.other_strategy.pk).title_en == "G"
