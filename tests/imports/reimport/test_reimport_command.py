"""`vawdasv reimport-plan`: the dry run, the JSON lists, applying, and exit status 2."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.imports.reimport.conftest import BASE, revised
from vawdasv.audit.models import AuditEntry, Verb
from vawdasv.demo.load import CARDIFF_VALE_LEADS
from vawdasv.partnerships.aliases import ensure_aliases
from vawdasv.plans.models import Action

HEADER = ["Commitment", "Milestones/Actions", "Evidence of Achievement", "Timescale", "Lead"]


def write_csv(path: Path, spec) -> Path:
    """The plan as a CSV file: a Theme column and the Cardiff and Vale columns."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Theme", "Ref", *HEADER])
        for theme, commitments in spec.items():
            for ref, text, actions in commitments:
                for index, (action, evidence, timescale, leads) in enumerate(actions):
                    first = index == 0
                    writer.writerow(
                        [
                            theme,
                            ref if first else "",
                            text if first else "",
                            action,
                            evidence,
                            timescale,
                            " / ".join(leads),
                        ]
                    )
    return path


@pytest.fixture(autouse=True)
def alias_list(world, base_strategy) -> None:
    """The partnership's alias list holds the shorthand its plans use, as the demo's does."""
    ensure_aliases(
        actor=world.admin, partnership=world.partnership, entries=CARDIFF_VALE_LEADS.entries
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("reimport_plan", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def revised_file(tmp_path: Path) -> Path:
    spec = revised()
    spec["PREPARE"][0][2][0][0] = "Map all current VAWDASV services across the whole region"
    spec["PREPARE"][1][2].append(
        ["Publish a communications plan", "Plan published", "Jun 2025", ["Regional Team"]]
    )
    del spec["PURSUE"]
    return write_csv(tmp_path / "plan-2025.csv", spec)


def test_the_same_document_again_reports_everything_unchanged(base_strategy, tmp_path):
    path = write_csv(tmp_path / "plan.csv", BASE)
    result = json.loads(run(str(path), "--strategy", "cv-plan", "--json"))
    assert len(result["unchanged"]) == 5
    assert result["added"] == result["changed"] == result["missing"] == []
    assert result["applied"] is True


def test_dry_run_json_lists_added_changed_and_missing_and_writes_nothing(
    base_strategy, revised_file
):
    entries = AuditEntry.objects.count()
    result = json.loads(run(str(revised_file), "--strategy", "cv-plan", "--dry-run", "--json"))
    assert [a["text"] for a in result["added"]] == ["Publish a communications plan"]
    assert [a["text"] for a in result["changed"]] == [
        "Map all current VAWDASV services across the whole region"
    ]
    assert result["changed"][0]["matched_by"] == "similar text"
    assert [m["text"] for m in result["missing"]] == [
        "Share intelligence between police and specialist services"
    ]
    assert len(result["unchanged"]) == 3
    assert result["applied"] is False
    assert AuditEntry.objects.count() == entries


def test_applying_keeps_missing_actions_unless_told_to_remove_them(
    world, base_strategy, revised_file
):
    summary = run(str(revised_file), "--strategy", "cv-plan", "--as-user", "alys")
    assert "1 added, 1 changed, 3 unchanged, 1 no longer in the plan." in summary
    assert "--remove-missing" in summary
    assert Action.objects.filter(text_en="Publish a communications plan").exists()
    kept = Action.objects.get(text_en="Share intelligence between police and specialist services")
    entry = AuditEntry.objects.filter(verb=Verb.CREATED).latest("pk")
    assert entry.origin_kind == "plan_reimport"
    assert entry.source.startswith("plan-2025.csv (SHA-256 ")

    result = json.loads(
        run(str(revised_file), "--strategy", "cv-plan", "--remove-missing", "--json")
    )
    assert result["removed"] == 1
    assert not Action.objects.filter(pk=kept.pk).exists()


def test_an_unreadable_file_exits_with_status_2(base_strategy, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"this is not a Word document at all")
    with pytest.raises(CommandError) as raised:
        run(str(path), "--strategy", "cv-plan")
    assert raised.value.returncode == 2


def test_an_unknown_strategy_exits_with_status_2(tmp_path):
    path = write_csv(tmp_path / "plan.csv", BASE)
    with pytest.raises(CommandError) as raised:
        run(str(path), "--strategy", "no-such-plan")
    assert raised.value.returncode == 2
    assert "no-such-plan" in str(raised.value)


def test_a_board_member_cannot_reimport(world, base_strategy, revised_file):
    with pytest.raises(CommandError) as raised:
        run(str(revised_file), "--strategy", "cv-plan", "--as-user", "gareth")
    assert raised.value.returncode == 1
    assert not Action.objects.filter(text_en="Publish a communications plan").exists()
