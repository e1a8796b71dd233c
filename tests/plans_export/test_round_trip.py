"""Exporting a plan and importing the file again gives the same plan back.

The strategy is the real Cardiff and Vale Implementation Plan, imported from the reference
document; its export is read with the same readers and interpreter an upload goes through.
"""

from __future__ import annotations

import pytest

from tests.plans_export.conftest import read_plan
from vawdasv.demo.load import CARDIFF_VALE_LEADS
from vawdasv.imports.model import ParsedPlan
from vawdasv.imports.reimport import plan_reimport
from vawdasv.plans.export import export_docx, export_xlsx, lead_label
from vawdasv.plans.selectors import plan_tree

EXPORTERS = {"docx": export_docx, "xlsx": export_xlsx}


def plan_as_data(parsed: ParsedPlan) -> list:
    return [
        (
            theme.name,
            [
                (
                    commitment.ref,
                    commitment.text,
                    [
                        (a.text, a.evidence or "", a.timescale or "", a.leads)
                        for a in commitment.actions
                    ],
                )
                for commitment in theme.commitments
            ],
        )
        for theme in parsed.themes
    ]


def strategy_as_data(strategy) -> list:
    return [
        (
            theme.name_en,
            [
                (
                    commitment.ref or None,
                    commitment.text_en,
                    [
                        (
                            action.text_en,
                            action.evidence_en,
                            action.timescale_text,
                            [lead_label(o, "en") for o in action.lead_organisations.all()],
                        )
                        for action in commitment.actions.all()
                    ],
                )
                for commitment in theme.commitments.all()
            ],
        )
        for theme in plan_tree(strategy)
    ]


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_an_exported_plan_reads_back_as_the_same_plan(imported_strategy, extension):
    data = EXPORTERS[extension](imported_strategy, "en")
    parsed = read_plan(data, f"plan.{extension}")
    assert plan_as_data(parsed) == strategy_as_data(imported_strategy)
    assert parsed.counts().actions == 69
    assert parsed.warnings == []


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
def test_reimporting_an_exported_plan_changes_nothing(imported_strategy, extension):
    data = EXPORTERS[extension](imported_strategy, "en")
    diff = plan_reimport(
        imported_strategy, read_plan(data, f"plan.{extension}"), aliases=CARDIFF_VALE_LEADS
    )
    assert len(diff.unchanged) == 69
    assert not diff.added and not diff.changed and not diff.missing
    assert not diff.has_changes


def test_the_reference_document_reimported_into_its_own_strategy_changes_nothing(
    imported_strategy, reference_parsed
):
    diff = plan_reimport(imported_strategy, reference_parsed, aliases=CARDIFF_VALE_LEADS)
    assert len(diff.unchanged) == reference_parsed.counts().actions
    assert not diff.has_changes and not diff.missing
