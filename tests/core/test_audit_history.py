"""audit.describe: the history of a change told as sentences, in English and in Welsh."""

from __future__ import annotations

import pytest
from django.utils import translation

from vawdasv.audit.describe import describe
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.audit.services import history_for
from vawdasv.plans import services
from vawdasv.plans.enums import StrategyStatus, TimescaleKind
from vawdasv.plans.models import Action


def _latest(instance: object) -> AuditEntry:
    return history_for(instance).first()  # type: ignore[return-value]


@pytest.fixture
def alys_name(world) -> str:
    return world.admin.get_full_name()


def test_a_created_action_reads_created_by_whom(world, alys_name):
    action = services.create_action(
        actor=world.admin, commitment=world.commitment, data={"text_en": "Run a campaign"}
    )
    with translation.override("en"):
        assert describe(_latest(action)).sentences == [f"Created by {alys_name}"]


def test_an_updated_timescale_reads_from_before_to_after_by_whom(world, alys_name):
    services.update_action(
        actor=world.admin, action=world.police_action, data={"timescale_text": "Mar 2027"}
    )
    with translation.override("en"):
        sentences = describe(_latest(world.police_action)).sentences
    assert f"Timescale changed from Mar 2026 to Mar 2027 by {alys_name}" in sentences


def test_a_deleted_action_reads_deleted_by_whom_with_the_source(world, alys_name):
    action = world.council_action
    services.delete_action(actor=world.admin, action=action, source="Board meeting 3 May")
    entry = AuditEntry.objects.get(verb=Verb.DELETED)
    with translation.override("en"):
        assert describe(entry).sentences == [
            f"Deleted by {alys_name}",
            "Source: Board meeting 3 May",
        ]


def test_lead_organisations_are_named_and_blank_values_say_blank(world, alys_name):
    services.update_action(
        actor=world.admin, action=world.police_action,
        data={"lead_organisations": [world.police, world.council], "evidence_en": ""},
    )  # fmt: skip
    with translation.override("en"):
        sentences = describe(_latest(world.police_action)).sentences
    assert (
        f"Lead organisations changed from South Wales Police to Cardiff Council, "
        f"South Wales Police by {alys_name}"
    ) in sentences
    assert (
        "Evidence of achievement (English) changed from Minutes of meetings to (blank) "
        f"by {alys_name}"
    ) in sentences


def test_choices_are_described_by_their_labels_not_their_codes(world, alys_name):
    services.update_strategy(
        actor=world.admin, strategy=world.draft_strategy, data={"status": StrategyStatus.PUBLISHED}
    )
    services.update_action(
        actor=world.admin, action=world.police_action, data={"timescale_text": "Ongoing"}
    )
    with translation.override("en"):
        strategy_line = describe(_latest(world.draft_strategy)).sentences
        action_line = describe(_latest(world.police_action)).sentences
    assert strategy_line == [f"Status changed from Draft to Published by {alys_name}"]
    assert f"Kind of timescale changed from By a date to Ongoing by {alys_name}" in action_line


def test_a_change_made_by_an_import_with_no_person_reads_as_the_system(world):
    entry = AuditEntry.objects.create(
        verb=Verb.CREATED, content_type_id=_latest_content_type(world), object_id=1,
        object_repr="x", source="cardiff-vale-plan.docx",
    )  # fmt: skip
    with translation.override("en"):
        assert describe(entry).sentences == [
            "Created by the system",
            "Source: cardiff-vale-plan.docx",
        ]


def _latest_content_type(world) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Action).pk


# In Welsh: the catalogue may be incomplete, so check the structure, not the wording ----------


def test_welsh_history_uses_the_welsh_sentence_and_the_timescales_in_welsh_months(world, alys_name):
    services.update_action(
        actor=world.admin, action=world.police_action, data={"timescale_text": "Mar 2027"}
    )
    entry = _latest(world.police_action)
    with translation.override("en"):
        english = describe(entry).sentences
    with translation.override("cy"):
        welsh = describe(entry).sentences
        timescale_label = str(Action._meta.get_field("timescale_text").verbose_name)
        pattern = translation.gettext("%(field)s changed from %(before)s to %(after)s by %(who)s")
    assert len(welsh) == len(english)
    timescale = [s for s in welsh if "Maw 2026" in s]
    assert len(timescale) == 1
    sentence = timescale[0]
    assert sentence.index("Maw 2026") < sentence.index("Maw 2027")
    assert alys_name in sentence
    assert timescale_label.lower() in sentence.lower()
    assert sentence == pattern % {
        "field": timescale_label[:1].upper() + timescale_label[1:],
        "before": "Maw 2026", "after": "Maw 2027", "who": alys_name,
    }  # fmt: skip


@pytest.mark.parametrize("verb", [Verb.CREATED, Verb.DELETED])
def test_welsh_created_and_deleted_sentences_name_the_person(world, alys_name, verb):
    entry = AuditEntry.objects.create(
        verb=verb, actor=world.admin, actor_name=alys_name,
        content_type_id=_latest_content_type(world), object_id=1, object_repr="x",
    )  # fmt: skip
    with translation.override("cy"):
        expected = translation.gettext(
            "Created by %(who)s" if verb == Verb.CREATED else "Deleted by %(who)s"
        ) % {"who": alys_name}
        assert describe(entry).sentences == [expected]
    assert alys_name in expected


def test_welsh_history_labels_choices_in_welsh(world):
    services.update_action(
        actor=world.admin, action=world.police_action, data={"timescale_text": "Ongoing"}
    )
    with translation.override("cy"):
        sentences = " ".join(describe(_latest(world.police_action)).sentences)
        assert str(TimescaleKind.ONGOING.label) in sentences
        assert str(TimescaleKind.DATE.label) in sentences
