"""Translation state per bilingual field: not translated, translated, English changed since."""

import pytest

from tests import factories
from vawdasv.core import translation_state
from vawdasv.core.models import TranslationMark
from vawdasv.core.translation_state import State

pytestmark = pytest.mark.django_db


def _state(instance, field):
    instance.refresh_from_db()
    return translation_state.marks_for([instance]).state(instance, field)


def test_a_field_with_english_and_no_welsh_is_not_translated():
    action = factories.ActionFactory(text_en="Train staff")
    assert _state(action, "text") == State.NOT_TRANSLATED


def test_a_field_with_no_english_has_no_state():
    action = factories.ActionFactory(evidence_en="")
    assert _state(action, "evidence") is None


def test_saving_welsh_marks_the_field_translated_against_the_english_of_the_time():
    action = factories.ActionFactory(text_en="Train staff")
    action.text_cy = "Hyfforddi staff"
    action.save()
    mark = TranslationMark.objects.get(object_id=action.pk, field="text")
    assert mark.english_sha256 == translation_state.fingerprint("Train staff")
    assert _state(action, "text") == State.TRANSLATED


def test_changing_the_english_after_the_welsh_shows_english_changed_since_translated():
    action = factories.ActionFactory(text_en="Train staff", text_cy="Hyfforddi staff")
    action.text_en = "Train all staff"
    action.save()
    assert _state(action, "text") == State.ENGLISH_CHANGED


def test_saving_new_welsh_after_an_english_change_makes_it_translated_again():
    action = factories.ActionFactory(text_en="Train staff", text_cy="Hyfforddi staff")
    action.text_en = "Train all staff"
    action.save()
    action.text_cy = "Hyfforddi'r holl staff"
    action.save()
    assert _state(action, "text") == State.TRANSLATED


def test_emptying_the_welsh_forgets_the_mark():
    action = factories.ActionFactory(text_en="Train staff", text_cy="Hyfforddi staff")
    action.text_cy = ""
    action.save()
    assert not TranslationMark.objects.filter(object_id=action.pk, field="text").exists()
    assert _state(action, "text") == State.NOT_TRANSLATED


def test_a_save_that_leaves_the_welsh_alone_costs_no_extra_query(django_assert_num_queries):
    action = factories.ActionFactory(text_en="Train staff", text_cy="Hyfforddi staff")
    action.refresh_from_db()
    action.text_en = "Train all staff"
    with django_assert_num_queries(1):  # the UPDATE only
        action.save()


def test_deleting_a_row_deletes_its_marks():
    action = factories.ActionFactory(text_en="Train staff", text_cy="Hyfforddi staff")
    pk = action.pk
    action.delete()
    assert not TranslationMark.objects.filter(object_id=pk).exists()


def test_counts_take_every_tracked_field_of_several_models_in_one_query(
    django_assert_num_queries,
):
    strategy = factories.StrategyFactory(title_en="Plan", title_cy="Cynllun", vision_en="")
    theme = factories.ThemeFactory(strategy=strategy, name_en="Prevent", aim_en="Stop it")
    action = factories.ActionFactory(commitment__theme=theme, text_en="Do", text_cy="Gwneud")
    action.text_en = "Do more"
    action.save()
    rows = [strategy, theme, action]
    translation_state.marks_for(rows)  # content types are cached once per process
    with django_assert_num_queries(1):
        counts = translation_state.count_states(rows)
    # strategy title translated; theme name, theme aim and action evidence not; action text changed
    assert (counts.translated, counts.not_translated, counts.english_changed) == (1, 3, 1)
    assert counts.percent == 20


def test_a_stale_instance_saved_again_does_not_mark_changed_english_as_translated():
    action = factories.ActionFactory(text_en="Train staff", text_cy="Hyfforddi staff")
    stale = type(action).objects.get(pk=action.pk)
    action.text_cy = "Hyfforddi'r staff"
    action.save()
    action.text_en = "Train all staff"
    action.save()
    stale.refresh_from_db()  # it still remembers the first Welsh, though the row has the second
    stale.save()
    assert _state(stale, "text") == State.ENGLISH_CHANGED
