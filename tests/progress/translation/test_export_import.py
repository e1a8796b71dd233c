"""A plan's untranslated texts out as an .xlsx for a translator, and the Welsh back in."""

import hashlib
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests import factories
from vawdasv.audit.models import AuditEntry
from vawdasv.audit.origins import OriginKind
from vawdasv.progress.models import ReportText, ThemeReportText
from vawdasv.progress.translation import export
from vawdasv.progress.translation.importing import (
    TranslationFileRefused,
    read_translation_file,
)
from vawdasv.progress.translation.services import TranslationConflict, apply_translations

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    """The world's plan with texts in every state, an approved update and report text."""
    strategy = world.strategy
    strategy.title_en, strategy.title_cy, strategy.vision_en = "Plan", "Cynllun", ""
    strategy.save()
    world.police_action.text_en = "Train staff"
    world.police_action.text_cy = "Hyfforddi staff"
    world.police_action.save()
    world.police_action.text_en = "Train all staff"  # English changed since translated
    world.police_action.save()
    update_round = factories.ProgressRoundFactory(strategy=strategy, period_label="2018/19")
    factories.ProgressUpdateFactory(
        progress_round=update_round, action=world.council_action, approved=True,
        narrative_en="=Done well",
    )  # fmt: skip
    factories.ProgressUpdateFactory(
        progress_round=update_round, action=world.police_action, narrative_en="Draft only"
    )
    report = ReportText.objects.create(
        strategy=strategy, period_label="2018/19", introduction_en="This report covers 2018/19."
    )
    ThemeReportText.objects.create(
        report_text=report, theme=world.theme, narrative_en="A year of work.", future_en=""
    )
    return world


def _sheet(data):
    return openpyxl.load_workbook(io.BytesIO(data))[export.SHEET]


def _rows_by_key(sheet):
    return {row[0].value: row for row in sheet.iter_rows(min_row=2)}


def _filled(strategy, welsh_by_key, *, tamper=None):
    workbook = openpyxl.load_workbook(io.BytesIO(export.export_xlsx(strategy)))
    sheet = workbook[export.SHEET]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in welsh_by_key:
            row[export.WELSH_NEW].value = welsh_by_key[row[0].value]
        if tamper:
            tamper(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_export_lists_untranslated_and_changed_texts_of_plan_updates_and_report(plan):
    rows = _rows_by_key(_sheet(export.export_xlsx(plan.strategy)))
    action = plan.police_action
    assert f"action:{action.pk}:text" in rows
    row = rows[f"action:{action.pk}:text"]
    assert row[export.STATE].value == "English changed since translated"
    assert row[export.WELSH_NOW].value == "Hyfforddi staff"
    assert f"strategy:{plan.strategy.pk}:title" not in rows  # translated
    keys = " ".join(rows)
    assert "report:" in keys and ":introduction" in keys
    assert "report-theme:" in keys and ":narrative" in keys
    assert ":future" not in keys  # no English to translate
    narratives = [k for k in rows if k.startswith("update:")]
    assert len(narratives) == 1  # the approved update; the draft is still being written


def test_the_export_is_written_through_tabular_so_a_formula_stays_text(plan):
    rows = _rows_by_key(_sheet(export.export_xlsx(plan.strategy)))
    (narrative,) = [row for key, row in rows.items() if key.startswith("update:")]
    cell = narrative[export.ENGLISH]
    assert cell.value == "=Done well" and cell.data_type == "s" and cell.quotePrefix


def test_importing_welsh_previews_then_saves_all_with_one_entry_per_row_and_a_common_origin(plan):
    action = plan.council_action
    data = _filled(plan.strategy, {f"action:{action.pk}:text": "Gweithred newydd"})
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert preview.can_save and not preview.errors
    (change,) = preview.changes
    assert (change.before, change.after) == ("", "Gweithred newydd")
    action.refresh_from_db()
    assert action.text_cy == ""  # nothing saved by the preview
    saved = apply_translations(
        actor=plan.admin, strategy=plan.strategy, changes=preview.changes,
        file_name="welsh.xlsx", sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip
    assert saved == 1
    action.refresh_from_db()
    assert action.text_cy == "Gweithred newydd" and action.version == 2
    entry = AuditEntry.objects.get(origin_kind=OriginKind.TRANSLATION_IMPORT)
    assert "welsh.xlsx" in entry.source
    assert f"action:{action.pk}:text" not in _rows_by_key(_sheet(export.export_xlsx(plan.strategy)))


def test_welsh_kept_as_it_was_confirms_it_for_the_changed_english(plan):
    key = f"action:{plan.police_action.pk}:text"
    data = _filled(plan.strategy, {key: "Hyfforddi staff"})
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    (change,) = preview.changes
    assert change.confirms_only
    apply_translations(
        actor=plan.admin, strategy=plan.strategy, changes=preview.changes,
        file_name="welsh.xlsx", sha256="0",
    )  # fmt: skip
    assert key not in _rows_by_key(_sheet(export.export_xlsx(plan.strategy)))


def test_a_row_whose_english_changed_since_the_export_is_left_out_with_a_warning(plan):
    action = plan.council_action
    data = _filled(plan.strategy, {f"action:{action.pk}:text": "Gweithred"})
    action.text_en = "Something else now"
    action.save()
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert not preview.changes
    assert preview.warnings and "Row " in preview.warnings[0]
    assert "English changed after the file was exported" in preview.warnings[0]


def test_an_unknown_key_is_an_error_naming_the_row_and_nothing_can_be_saved(plan):
    action = plan.council_action

    def tamper(row):
        if row[0].value and row[0].value.startswith("report:"):
            row[0].value = "action:999999:text"
            row[export.WELSH_NEW].value = "Rhywbeth"

    data = _filled(plan.strategy, {f"action:{action.pk}:text": "Gweithred"}, tamper=tamper)
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert not preview.can_save
    assert any("“action:999999:text” is not a text of this plan" in e for e in preview.errors)
    assert all(e.startswith("Row ") for e in preview.errors)


def test_welsh_someone_else_saved_since_the_export_refuses_the_import_naming_the_rows(plan):
    action = plan.council_action
    key = f"action:{action.pk}:text"
    data = _filled(plan.strategy, {key: "Gweithred A"})
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    action.text_cy = "Gweithred B"  # another person, between preview and confirm
    action.save()
    with pytest.raises(TranslationConflict) as refused:
        apply_translations(
            actor=plan.admin, strategy=plan.strategy, changes=preview.changes,
            file_name="welsh.xlsx", sha256="0",
        )  # fmt: skip
    assert refused.value.rows == [preview.changes[0].row]
    assert f"rows {preview.changes[0].row}" in str(refused.value)
    action.refresh_from_db()
    assert action.text_cy == "Gweithred B"
    again = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert again.conflict_rows == [preview.changes[0].row] and not again.can_save


def test_a_conflict_in_one_row_saves_none_of_the_others(plan):
    first, second = plan.council_action, plan.police_action
    data = _filled(
        plan.strategy,
        {f"action:{first.pk}:text": "Un", f"action:{second.pk}:evidence": "Dau"},
    )
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert len(preview.changes) == 2
    second.evidence_cy = "Rhywun arall"
    second.save()
    with pytest.raises(TranslationConflict):
        apply_translations(
            actor=plan.admin, strategy=plan.strategy, changes=preview.changes,
            file_name="welsh.xlsx", sha256="0",
        )  # fmt: skip
    first.refresh_from_db()
    assert first.text_cy == ""
    assert not AuditEntry.objects.filter(origin_kind=OriginKind.TRANSLATION_IMPORT).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"hello", "not a type of file that can be uploaded here"),
        ("fake.xlsx", b"PK\x03\x04 not really", "fake.xlsx"),
    ],
)
def test_a_file_that_is_not_an_xlsx_is_refused(world, name, data, message):
    with pytest.raises(TranslationFileRefused, match=message):
        read_translation_file(name, data, world.strategy)


def test_another_workbook_is_refused_as_not_a_translation_file(world):
    workbook = openpyxl.Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(TranslationFileRefused, match="not a translation file"):
        read_translation_file("plan.xlsx", buffer.getvalue(), world.strategy)


def test_another_plans_translation_file_is_refused(world):
    data = export.export_xlsx(world.draft_strategy)
    with pytest.raises(TranslationFileRefused, match="another plan"):
        read_translation_file("welsh.xlsx", data, world.strategy)


def test_a_file_too_big_is_refused_before_it_is_read(world, monkeypatch):
    monkeypatch.setattr("vawdasv.progress.translation.importing.MAX_BYTES", 10)
    with pytest.raises(TranslationFileRefused, match="at most"):
        read_translation_file("welsh.xlsx", export.export_xlsx(world.strategy), world.strategy)


def test_only_the_regional_team_may_import(plan):
    with pytest.raises(PermissionDenied):
        apply_translations(
            actor=plan.lead, strategy=plan.strategy, changes=[], file_name="x.xlsx", sha256="0"
        )


def test_welsh_longer_than_the_field_allows_is_an_error_naming_the_row(plan):
    theme = plan.theme
    data = _filled(plan.strategy, {f"theme:{theme.pk}:name": "Enw " * 100})
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert not preview.can_save
    (error,) = preview.errors
    assert error.startswith("Row ") and "it can be at most 200" in error


def test_the_report_page_counts_welsh_written_for_changed_english(plan, client):
    plan.police_action.refresh_from_db()
    client.force_login(plan.admin)
    url = reverse("progress:report", args=[plan.strategy.slug]) + "?period=2018/19"
    html = client.get(url).content.decode()
    assert "1 Welsh text of the plan, its updates or its reports was written for English" in html
    assert reverse("progress:translation", args=[plan.strategy.slug]) in html


def test_a_row_left_without_welsh_is_ignored_even_when_its_text_was_deleted(plan):
    action = plan.council_action
    data = _filled(plan.strategy, {f"action:{action.pk}:text": "Gweithred"})
    plan.police_action.delete()  # its rows in the file have no Welsh filled in
    preview = read_translation_file("welsh.xlsx", data, plan.strategy)
    assert preview.can_save and not preview.errors
    assert [change.key for change in preview.changes] == [f"action:{action.pk}:text"]
