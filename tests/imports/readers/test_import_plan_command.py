"""`vawdasv import-plan`: the dry-run JSON contract, the import, and exit status 2 on bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import PartnershipFactory
from tests.imports.readers import builders
from vawdasv.audit.models import AuditEntry
from vawdasv.demo.load import REGIONAL_TEAM, SOUTH_WALES_PCC, SOUTH_WALES_POLICE
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.aliases import ensure_aliases
from vawdasv.plans.models import Action, Commitment, Strategy, Theme

ACTION_KEYS = {
    "text", "evidence", "timescale", "due_date", "timescale_kind", "leads", "rag",
}  # fmt: skip


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    path = tmp_path / "implementation-plan-2023-2028.docx"
    path.write_bytes(builders.plan_docx())
    return path


@pytest.fixture
def text_named_docx(tmp_path: Path) -> Path:
    path = tmp_path / "plan.docx"
    path.write_text("PREPARE\tWe will plan\n")
    return path


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Strategy, Theme, Commitment, Action, AuditEntry)
    }


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_prints_the_plan_as_one_json_document_and_writes_nothing(world, word_file):
    before = row_counts()
    out, _err = run(str(word_file), "--dry-run", "--json")
    assert row_counts() == before

    plan = json.loads(out)
    assert {"title", "themes", "achievements", "warnings"} <= set(plan)
    assert plan["title"] == "Implementation Plan 2023-2028"
    assert [theme["name"] for theme in plan["themes"]] == ["PREPARE", "PURSUE"]
    commitment = plan["themes"][0]["commitments"][0]
    assert {"ref", "text", "actions"} <= set(commitment)
    action = commitment["actions"][0]
    assert set(action) >= ACTION_KEYS
    assert action["due_date"] == "2026-03-31"
    assert action["timescale_kind"] == "date"
    assert all({"location", "message"} <= set(w) for w in plan["warnings"])


def test_a_dry_run_without_json_summarises_the_themes(world, word_file):
    out, _err = run(str(word_file), "--dry-run")
    assert "PREPARE: 2 commitments, 4 actions" in out
    assert "Themes: 2, commitments: 4, actions: 6." in out


def seed_cardiff_vale_aliases(world) -> None:
    """The partnership's alias list, as load-demo seeds it, for the leads the plan names."""
    entries = (SOUTH_WALES_POLICE, SOUTH_WALES_PCC, REGIONAL_TEAM)
    organisations = [
        partnership_services.get_or_create_organisation(
            actor=world.admin,
            partnership=world.partnership,
            slug=entry.slug,
            name_en=entry.name_en,
            organisation_type=entry.organisation_type,
        )[0]
        for entry in entries
    ]
    partnership_services.add_member_organisations(
        actor=world.admin, partnership=world.partnership, organisations=organisations
    )
    ensure_aliases(actor=world.admin, partnership=world.partnership, entries=entries)


def test_the_import_writes_the_plan_into_the_partnership(world, word_file):
    seed_cardiff_vale_aliases(world)
    out, _err = run(str(word_file), "--partnership", "cardiff-vale")
    strategy = Strategy.objects.get(slug="implementation-plan-2023-2028")
    assert strategy.partnership == world.partnership
    assert (strategy.start_year, strategy.end_year, strategy.status) == (2023, 2028, "draft")
    assert strategy.themes.count() == 2
    assert Commitment.objects.filter(theme__strategy=strategy).count() == 4
    actions = Action.objects.filter(commitment__theme__strategy=strategy)
    assert actions.count() == 6
    governance = actions.get(text_en__startswith="Establish a governance structure")
    assert {org.slug for org in governance.lead_organisations.all()} == {
        "south-wales-police",
        "south-wales-police-and-crime-commissioner",
        "cardiff-vale-regional-team",
    }
    assert "Imported “Implementation Plan 2023-2028”" in out

    digest = hashlib.sha256(word_file.read_bytes()).hexdigest()
    entry = AuditEntry.objects.filter(object_id=str(strategy.pk)).first()
    assert entry is not None
    assert entry.actor == world.admin  # the partnership's first administrator
    assert word_file.name in entry.source and digest in entry.source


def test_the_import_takes_title_years_status_and_slug_from_the_options(world, word_file):
    run(
        str(word_file), "--partnership", "cardiff-vale", "--title", "Plan newydd",
        "--strategy-slug", "cv-2024", "--start-year", "2024", "--end-year", "2027",
        "--status", "approved", "--as-user", "alys",
    )  # fmt: skip
    strategy = Strategy.objects.get(slug="cv-2024")
    assert (strategy.title_en, strategy.start_year, strategy.end_year) == (
        "Plan newydd",
        2024,
        2027,
    )
    assert strategy.status == "approved"


def test_a_lead_officer_cannot_import_a_plan_and_nothing_is_written(world, word_file):
    before = row_counts()
    with pytest.raises(CommandError, match="owain may not manage the plans") as refused:
        run(str(word_file), "--partnership", "cardiff-vale", "--as-user", "owain")
    assert refused.value.returncode == 1
    assert row_counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partnership", "nowhere"], "There is no partnership “nowhere”"),
        ([], "Name the partnership to import into with --partnership"),
        (["--partnership", "cardiff-vale", "--as-user", "nobody"], "no active user “nobody”"),
    ],
)
def test_an_unusable_partnership_or_person_exits_with_status_2(world, word_file, args, message):
    before = row_counts()
    with pytest.raises(CommandError, match=message) as refused:
        run(str(word_file), *args)
    assert refused.value.returncode == 2
    assert row_counts() == before


def test_a_partnership_without_an_administrator_needs_as_user(db, word_file):
    PartnershipFactory(slug="empty", name_en="Empty partnership")
    with pytest.raises(CommandError, match="has no administrator") as refused:
        run(str(word_file), "--partnership", "empty")
    assert refused.value.returncode == 2


def test_years_that_cannot_be_found_must_be_given(world, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(builders.plan_csv())
    with pytest.raises(CommandError, match="--start-year and --end-year") as refused:
        run(str(path), "--partnership", "cardiff-vale")
    assert refused.value.returncode == 2


def test_an_unreadable_file_exits_with_status_2_and_the_reason(world, text_named_docx):
    before = row_counts()
    with pytest.raises(CommandError, match=r"named \.docx but is not a Word document") as refused:
        run(str(text_named_docx), "--partnership", "cardiff-vale")
    assert refused.value.returncode == 2
    assert row_counts() == before


def test_a_missing_file_exits_with_status_2(tmp_path):
    with pytest.raises(CommandError, match="There is no file at") as refused:
        run(str(tmp_path / "missing.docx"), "--dry-run")
    assert refused.value.returncode == 2


def test_a_document_with_no_plan_table_exits_with_status_2(tmp_path):
    path = tmp_path / "minutes.csv"
    path.write_text("Date,Attendees,Apologies\n1 May,Alys,Owain\n2 June,Bethan,Gareth\n")
    with pytest.raises(CommandError, match=r"No plan table was recognised in “minutes\.csv”") as e:
        run(str(path), "--dry-run", "--json")
    assert e.value.returncode == 2


def vawdasv(*args: str) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).with_name("vawdasv")
    return subprocess.run(
        [str(executable), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "vawdasv.settings"},
        check=False,
    )


def test_the_console_command_prints_json_and_exits_0(word_file):
    result = vawdasv("import-plan", str(word_file), "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["themes"]) == 2


def test_the_console_command_exits_2_with_the_reason_on_stderr(text_named_docx):
    result = vawdasv("import-plan", str(text_named_docx), "--dry-run", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "This file is named .docx but is not a Word document" in result.stderr


def test_a_dry_run_reports_the_documents_status_column(world, tmp_path):
    path = tmp_path / "plan-with-statuses.txt"
    path.write_text(
        "PREPARE\nCommitment\tAction\tTimescale\tLead\tStatus\n"
        "Plan\tWrite the plan\tMar 2025\tRegional Team\tCompleted\n"
        "Plan\tShare the plan\tMar 2025\tRegional Team\tOn track\n"
    )
    plan = json.loads(run(str(path), "--dry-run", "--json")[0])
    assert plan["status_column"] == {
        "actions": 2,
        "words": [
            {"word": "Completed", "actions": 1, "reading": "completed"},
            {"word": "On track", "actions": 1, "reading": None},  # a person says what it means
        ],
    }
    actions = [a for c in plan["themes"][0]["commitments"] for a in c["actions"]]
    assert [a["status"] for a in actions] == ["Completed", "On track"]
