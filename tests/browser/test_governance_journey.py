"""Alys records a Steering Group meeting in a browser, in English and Welsh, without JavaScript:
attendance, a decision that changes an action's timescale, draft minutes approved at the next
meeting, the approved minutes attached as evidence, an agenda item linked to the plan, a paper,
a change to the meeting, and the meeting pack. axe checks every page.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import error_summary, follow, sign_in, visit
from tests.governance.conftest import gov  # noqa: F401  (the governance fixture)
from vawdasv.audit.services import history_for
from vawdasv.governance import services
from vawdasv.governance.enums import MinutesStatus, PackState
from vawdasv.governance.models import Meeting, MeetingPaper, PackJob
from vawdasv.progress import services as progress
from vawdasv.progress.models import UpdateEvidence

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("javascript", [False], ids=["without-js"])
@pytest.mark.parametrize("prefix", ["", "/cy"], ids=["english", "welsh"])
def test_administrator_records_a_meeting_and_its_minutes_become_evidence(
    page: Page,
    world: Any,
    gov: Any,  # noqa: F811
    prefix: str,
    javascript: bool,
) -> None:
    services.set_group_actions(actor=world.admin, group=gov.group, actions=[world.police_action])
    progress_round = progress.open_round(
        actor=world.admin, strategy=world.strategy, period_label="2026/27 Q2",
        deadline=datetime.date(2026, 10, 31),
    )  # fmt: skip
    main = page.locator("main")
    june = f"{prefix}/governance/meetings/{gov.june.pk}/"
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/partnerships/{world.partnership.slug}/")
    follow(page, main.locator(f'a[href="{prefix}/governance/{world.partnership.slug}/"]'))
    expect(main.locator("svg[role=img]")).to_have_count(1)
    follow(page, main.locator(f'table a[href="{prefix}/governance/groups/{gov.group.pk}/"]'))
    follow(page, main.locator(f'a[href="{june}"]'))

    # Attendance: one seat left blank is refused, then the grid is completed.
    follow(page, main.locator(f'a[href="{june}attendance/"]'))
    main.locator(f"input[name=seat_{gov.police_seat.pk}][value=present]").check()
    follow(page, main.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_be_visible()
    main.locator(f"input[name=seat_{gov.police_seat.pk}][value=present]").check()
    main.locator(f"input[name=seat_{gov.council_seat.pk}][value=deputy]").check()
    main.locator("input[name=survivor_representatives]").fill("2")
    follow(page, main.locator("button[type=submit]"))
    expect(main.locator(".govuk-tag--green").first).to_be_visible()  # quorate

    # A decision that extends the police action's timescale.
    follow(page, main.locator(f'a[href="{june}decisions/new/"]'))
    main.locator("textarea[name=what_en]").fill("Extend the timescale to March 2027")
    main.locator("select[name=action]").select_option(str(world.police_action.pk))
    main.locator("input[name=new_timescale]").fill("Mar 2027")
    follow(page, main.locator("button[type=submit]"))
    world.police_action.refresh_from_db()
    assert world.police_action.timescale_text == "Mar 2027"
    assert history_for(world.police_action).filter(origin_kind="meeting").count() == 1

    # Draft minutes, approved at September's meeting.
    follow(page, main.locator(f'a[href="{june}minutes/"]'))
    main.locator("textarea[name=minutes_en]").fill("The group agreed the extension.")
    main.locator("textarea[name=minutes_cy]").fill("Cytunodd y grŵp ar yr estyniad.")
    follow(page, main.locator("button[type=submit]"))
    follow(page, main.locator(f'a[href="{june}minutes/approve/"]'))
    main.locator("select[name=at_meeting]").select_option(str(gov.september.pk))
    follow(page, main.locator("button[type=submit]"))
    assert Meeting.objects.get(pk=gov.june.pk).minutes_status == MinutesStatus.APPROVED

    # The approved minutes as evidence on the police action's update.
    follow(page, main.locator(f'a[href="{june}evidence/"]'))
    main.locator("input[name=record][value=minutes]").check()
    main.locator("select[name=target]").select_option(
        f"{progress_round.pk}:{world.police_action.pk}"
    )
    follow(page, main.locator("button[type=submit]"))
    evidence = UpdateEvidence.objects.get()
    assert evidence.update.action == world.police_action
    assert evidence.url.endswith(f"/governance/meetings/{gov.june.pk}/#minutes")

    # An agenda item about the police action and its commitment, shown as links.
    follow(page, main.locator(f'a[href="{june}agenda/new/"]'))
    main.locator("input[name=title_en]").fill("Progress on training")
    main.locator(f"input[name=actions][value='{world.police_action.pk}']").check()
    main.locator(f"input[name=commitments][value='{world.commitment.pk}']").check()
    follow(page, main.locator("button[type=submit]"))
    expect(
        main.locator(f'ol a[href="{prefix}{world.police_action.get_absolute_url()}"]')
    ).to_have_count(1)
    expect(main.locator(f'ol a[href$="#commitment-{world.commitment.pk}"]')).to_have_count(1)

    # A paper for the meeting: a refused file first, then a real PDF.
    follow(page, main.locator(f'a[href="{june}papers/new/"]'))
    main.locator("input[name=title_en]").fill("Training report")
    main.locator("input[name=title_cy]").fill("Adroddiad hyfforddi")
    main.locator("input[name=file]").set_input_files(
        {"name": "program.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 8}
    )
    follow(page, main.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_be_visible()
    main.locator("input[name=file]").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    follow(page, main.locator("button[type=submit]"))
    paper = MeetingPaper.objects.get()
    expect(main.locator(f'a[href="{prefix}/governance/papers/{paper.pk}/"]')).to_have_count(1)

    # The meeting's place is changed on its edit page.
    follow(page, main.locator(f'a[href="{june}edit/"]'))
    main.locator("input[name=place]").fill("County Hall, Cardiff")
    follow(page, main.locator("button[type=submit]"))
    assert Meeting.objects.get(pk=gov.june.pk).place == "County Hall, Cardiff"

    # The meeting pack, made in the background (at once in tests).
    follow(page, main.locator(f'a[href="{june}pack/"]'))
    main.locator("input[name=format][value=docx]").check()
    main.locator(f"input[name=language][value={prefix.strip('/') or 'en'}]").check()
    follow(page, main.locator("button[type=submit]"))
    job = PackJob.objects.get()
    assert job.state == PackState.DONE
    expect(main.locator(f'a[href="{prefix}/governance/packs/{job.pk}/file/"]')).to_be_visible()
