"""Drafts are private: place × role × state, searching for a unique marker in the draft's text.

Owain (South Wales Police) writes an update whose narrative carries a marker no other text has.
While it is a draft, submitted or returned, the board member, the Welsh Government observer,
another organisation's lead officer and another partnership's administrator must not find the
marker anywhere: pages, counts, exports, reports, emails and the API. The regional team and
Owain himself do find it (so the search itself is shown to work).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from vawdasv.progress import reminders, services
from vawdasv.progress.models import ProgressUpdate

from .conftest import DEADLINE

MARKER = "Zebrafish-7f3a1 confidential draft wording"
DRAFT = {"rag": "red", "narrative_en": MARKER, "narrative_cy": MARKER}


def _text_of_xlsx(data: bytes) -> str:
    sheet = load_workbook(io.BytesIO(data)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)


def _text_of_docx(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as document:
        return document.read("word/document.xml").decode()


def _body(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return _text_of_xlsx(content)
    if "wordprocessingml" in kind:
        return _text_of_docx(content)
    return content.decode("utf-8-sig")


def _places(world: Any, progress_round: Any) -> dict[str, Callable[[Client], str]]:
    slug = world.strategy.slug

    def get(url: str) -> Callable[[Client], str]:
        def fetch(client: Client) -> str:
            response = client.get(url)
            return _body(response) if response.status_code == 200 else ""

        return fetch

    api = [
        f"/api/v1/{name}/"
        for name in (
            "strategies", "actions", "themes", "commitments", "progress-rounds",
            "progress-updates",
        )
    ]  # fmt: skip

    def api_pages(client: Client) -> str:
        return " ".join(get(url)(client) for url in api)

    return {
        "round page": get(reverse("progress:round", args=[progress_round.pk])),
        "update page": get(
            reverse("progress:update", args=[progress_round.pk, world.police_action.pk])
        ),
        "my actions": get(reverse("progress:my-actions")),
        "dashboard": get(reverse("progress:dashboard", args=[slug])),
        "report page": get(reverse("progress:report", args=[slug]) + "?period=2025/26+Q2"),
        "report .docx": get(
            reverse("progress:report-download", args=[slug, "docx"]) + "?period=2025/26+Q2"
        ),
        "export .csv": get(reverse("progress:updates-export", args=[slug, "csv"])),
        "export .xlsx": get(reverse("progress:updates-export", args=[slug, "xlsx"])),
        "api": api_pages,
    }


def _write(world: Any, progress_round: Any, state: str) -> ProgressUpdate:
    if state == "draft":
        return services.save_draft(
            actor=world.lead, progress_round=progress_round, action=world.police_action, data=DRAFT
        )
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action, data=DRAFT
    )
    if state == "returned":
        update = services.return_update(actor=world.admin, update=update, comment="More detail")
    return update


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _outsiders(world: Any) -> dict[str, Any]:
    return {
        "board member": world.board,
        "Welsh Government observer": factories.UserFactory(
            username="rhiannon", national_observer=True
        ),
        "another organisation's officer": world.council_lead,
        "another partnership's administrator": world.outsider,
    }


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_nobody_outside_the_authors_and_the_regional_team_finds_the_draft(
    world, progress_round, state
):
    _write(world, progress_round, state)
    places = _places(world, progress_round)
    found = [
        (who, place)
        for who, person in _outsiders(world).items()
        for place, read in places.items()
        if MARKER in read(_client(person))
    ]
    assert found == []


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_the_authors_and_the_regional_team_find_it_where_updates_are_shown(
    world, progress_round, state
):
    _write(world, progress_round, state)
    places = _places(world, progress_round)
    for person in (world.lead, world.admin):
        client = _client(person)
        for place in ("update page", "export .csv", "export .xlsx", "api"):
            assert MARKER in places[place](client), place


def test_once_approved_everyone_who_reads_progress_finds_it(world, progress_round):
    services.approve_update(actor=world.admin, update=_write(world, progress_round, "submitted"))
    places = _places(world, progress_round)
    readers = {k: v for k, v in _outsiders(world).items() if "partnership" not in k}
    for who, person in readers.items():
        client = _client(person)
        for place in ("update page", "export .csv"):
            assert MARKER in places[place](client), (who, place)


def test_the_round_counts_a_draft_as_not_started_for_a_board_member(world, progress_round):
    _write(world, progress_round, "submitted")
    board_page = _client(world.board).get(progress_round.get_absolute_url()).content.decode()
    admin_page = _client(world.admin).get(progress_round.get_absolute_url()).content.decode()
    assert "<li>Submitted for review: 0</li>" in board_page
    assert "<li>Not started: 2</li>" in board_page
    assert "<li>Submitted for review: 1</li>" in admin_page


def test_reminder_emails_carry_no_draft_text(world, progress_round):
    _write(world, progress_round, "draft")
    reminders.send_reminders(DEADLINE, "https://example.org")
    assert mail.outbox, "the reminder was sent, so there was an email to search"
    assert all(MARKER not in message.body for message in mail.outbox)
