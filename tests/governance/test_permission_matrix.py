"""Every governance page × every role. Readers: the partnership's members, national observers
and superusers; writers: the regional team and superusers; other partnerships get a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests import factories
from vawdasv.governance import papers, services

OK, LOGIN, DENY, HIDE = 200, 302, 403, 404

ROLES = (
    "anonymous", "administrator", "lead_officer", "other_lead_officer", "board_member",
    "other_partnership_administrator", "national_observer", "superuser",
)  # fmt: skip

READ = (LOGIN, OK, OK, OK, OK, HIDE, OK, OK)
WRITE = (LOGIN, OK, DENY, DENY, DENY, HIDE, DENY, OK)

# fmt: off
PAGES: dict[str, tuple[Callable[[Any], str], tuple[int, ...]]] = {
    "groups":          (lambda g: f"/governance/{g.group.partnership.slug}/", READ),
    "calendar":        (lambda g: "/governance/calendar/", (LOGIN, OK, OK, OK, OK, OK, OK, OK)),
    "meeting_ics":     (lambda g: f"/governance/meetings/{g.june.pk}.ics", READ),
    "pack":            (lambda g: f"/governance/meetings/{g.june.pk}/pack/", READ),
    "voice_public":    (lambda g: f"/governance/{g.group.partnership.slug}/you-said-we-did/",
                        (OK, OK, OK, OK, OK, OK, OK, OK)),
    "voice_register":  (lambda g: f"/governance/{g.group.partnership.slug}/you-said-we-did/"
                                  "register/", READ),
    "voice_add":       (lambda g: f"/governance/{g.group.partnership.slug}/you-said-we-did/new/",
                        WRITE),
    "health":          (lambda g: f"/governance/{g.group.partnership.slug}/health/", READ),
    "health_review":   (lambda g: f"/governance/{g.group.partnership.slug}/health/review.docx",
                        READ),
    "group_create":    (lambda g: f"/governance/{g.group.partnership.slug}/groups/new/", WRITE),
    "group":           (lambda g: f"/governance/groups/{g.group.pk}/", READ),
    "seat_add":        (lambda g: f"/governance/groups/{g.group.pk}/seats/new/", WRITE),
    "group_edit":      (lambda g: f"/governance/groups/{g.group.pk}/edit/", WRITE),
    "body_add":        (lambda g: f"/governance/{g.group.partnership.slug}/bodies/new/", WRITE),
    "group_actions":   (lambda g: f"/governance/groups/{g.group.pk}/actions/", WRITE),
    "agenda_add":      (lambda g: f"/governance/meetings/{g.june.pk}/agenda/new/", WRITE),
    "meeting_create":  (lambda g: f"/governance/groups/{g.group.pk}/meetings/new/", WRITE),
    "meeting":         (lambda g: f"/governance/meetings/{g.june.pk}/", READ),
    "attendance":      (lambda g: f"/governance/meetings/{g.june.pk}/attendance/", WRITE),
    "minutes":         (lambda g: f"/governance/meetings/{g.june.pk}/minutes/", WRITE),
    "approve_minutes": (lambda g: f"/governance/meetings/{g.june.pk}/minutes/approve/", WRITE),
    "decision_add":    (lambda g: f"/governance/meetings/{g.june.pk}/decisions/new/", WRITE),
    "log_add":         (lambda g: f"/governance/meetings/{g.june.pk}/log/new/", WRITE),
    "attach_evidence": (lambda g: f"/governance/meetings/{g.june.pk}/evidence/", WRITE),
    "meeting_edit":    (lambda g: f"/governance/meetings/{g.june.pk}/edit/", WRITE),
    "meeting_delete":  (lambda g: f"/governance/meetings/{g.june.pk}/delete/", WRITE),
    "seat_edit":       (lambda g: f"/governance/seats/{g.police_seat.pk}/edit/", WRITE),
    "seat_remove":     (lambda g: f"/governance/seats/{g.police_seat.pk}/remove/", WRITE),
    "log_edit":        (lambda g: f"/governance/log/{g.log_item.pk}/edit/", WRITE),
    "log_remove":      (lambda g: f"/governance/log/{g.log_item.pk}/remove/", WRITE),
    "paper_add":       (lambda g: f"/governance/meetings/{g.june.pk}/papers/new/", WRITE),
    "paper_file":      (lambda g: f"/governance/papers/{g.paper.pk}/", READ),
    "paper_remove":    (lambda g: f"/governance/papers/{g.paper.pk}/remove/", WRITE),
    "terms_add":       (lambda g: f"/governance/groups/{g.group.pk}/terms/new/", WRITE),
    "terms_file":      (lambda g: f"/governance/groups/{g.group.pk}/terms/", READ),
    "voice_remove":    (lambda g: f"/governance/{g.group.partnership.slug}/you-said-we-did/"
                                  f"{g.voice.pk}/remove/", WRITE),
    "agenda_edit":     (lambda g: f"/governance/agenda/{g.agenda_item.pk}/edit/", WRITE),
    "agenda_remove":   (lambda g: f"/governance/agenda/{g.agenda_item.pk}/remove/", WRITE),
    "terms_remove":    (lambda g: f"/governance/groups/{g.group.pk}/terms/remove/", WRITE),
}
# fmt: on


def _people(world: Any) -> dict[str, Any]:
    return {
        "anonymous": None,
        "administrator": world.admin,
        "lead_officer": world.lead,
        "other_lead_officer": world.council_lead,
        "board_member": world.board,
        "other_partnership_administrator": world.outsider,
        "national_observer": factories.UserFactory(username="rhiannon", national_observer=True),
        "superuser": factories.UserFactory(username="root", is_superuser=True, is_staff=True),
    }


@pytest.mark.parametrize(
    ("page", "role", "expected"),
    [
        pytest.param(page, role, status, id=f"{page}-{role}")
        for page, (_url, statuses) in PAGES.items()
        for role, status in zip(ROLES, statuses, strict=True)
    ],
)
def test_each_role_gets_the_expected_answer_for_each_governance_page(
    world, gov, page, role, expected, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("paper.pdf", b"%PDF-1.4\n%%EOF\n")
    gov.paper = papers.add_paper(actor=world.admin, meeting=gov.june, data={}, uploaded_file=pdf)
    papers.set_terms_document(
        actor=world.admin, group=gov.group,
        uploaded_file=SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n%terms\n"),
    )  # fmt: skip
    gov.voice = services.save_voice_item(
        actor=world.admin, partnership=world.partnership,
        data={"source": "survivor_panel", "said_en": "More refuge space."},
    )  # fmt: skip
    gov.agenda_item = services.add_agenda_item(
        actor=world.admin, meeting=gov.june, data={"title_en": "Minutes"}
    )
    gov.log_item = services.add_log_item(
        actor=world.admin, meeting=gov.june, data={"text_en": "Circulate", "status": "open"}
    )
    person = _people(world)[role]
    client = Client()
    if person is not None:
        client.force_login(person)
    url, _statuses = PAGES[page]
    assert client.get(url(gov)).status_code == expected
    if expected != OK and page in {k for k, (_u, s) in PAGES.items() if s is WRITE}:
        assert client.post(url(gov), {}).status_code == expected
