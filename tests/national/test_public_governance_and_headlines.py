"""The public transparency page shows published headline data and the governance structure,
with links to the full published figures and "you said, we did"."""

import pytest
from django.urls import reverse

from tests.governance.conftest import gov  # noqa: F401  (a steering group with seats)
from tests.outcomes.conftest import outcomes  # noqa: F401  (the outcomes fixture)
from vawdasv.governance.enums import Frequency, GroupKind
from vawdasv.governance.models import Group

pytestmark = pytest.mark.django_db


def test_the_public_page_summarises_published_headline_data_and_governance(
    client,
    world,
    outcomes,  # noqa: F811
):
    from tests.outcomes.test_publication import by_sex
    from vawdasv.outcomes.services import framework, publication

    board = Group.objects.create(
        partnership=world.partnership, name_en="Regional board", name_cy="Bwrdd rhanbarthol",
        kind=GroupKind.BOARD, frequency=Frequency.QUARTERLY,
    )  # fmt: skip
    Group.objects.create(
        partnership=world.partnership, name_en="Survivor panel", kind=GroupKind.SURVIVOR_PANEL,
        frequency=Frequency.QUARTERLY, reports_to_group=board,
    )  # fmt: skip
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    url = reverse("public:partnership", args=["cardiff-vale"])
    page = client.get(url).content.decode()
    assert "has not published headline data yet" in page  # approved is not published
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    page = client.get(url).content.decode()
    assert "MARAC cases" in page and "2025/26 Q2" in page and ">72<" in page
    assert reverse("outcomes:public", args=["cardiff-vale"]) in page
    assert "Survivor panel" in page and "Regional board" in page
    assert reverse("governance:voice", args=["cardiff-vale"]) in page
    assert "0 published responses" in page
    welsh = client.get("/cy" + url).content.decode()
    assert "Achosion MARAC" in welsh and "Bwrdd rhanbarthol" in welsh


def test_the_public_governance_structure_names_no_person_and_no_meeting_content(
    client,
    world,
    gov,  # noqa: F811
):
    from vawdasv.governance.models import AgendaItem, Decision, LogItem, Meeting, Seat

    Group.objects.filter(pk=gov.group.pk).update(chair="Councillor Gwenllian Prydderch")
    panel = Group.objects.create(
        partnership=world.partnership, name_en="Survivor panel", kind=GroupKind.SURVIVOR_PANEL,
        frequency=Frequency.QUARTERLY, reports_to_group=gov.group, chair="Morwenna Tregear",
    )  # fmt: skip
    Seat.objects.create(
        group=panel, organisation=world.council, role="Survivor representative",
        member_name="Eirlys Vaughan",
    )  # fmt: skip
    Seat.objects.filter(pk=gov.police_seat.pk).update(deputy_name="Tegwen Amlwch")
    Meeting.objects.filter(pk=gov.june.pk).update(
        guests="Rhodri Llewellyn-Ffoulkes, Home Office", place="Room 4, County Hall",
        minutes_en="Minutes: the refuge budget was discussed at length.",
    )  # fmt: skip
    AgendaItem.objects.create(meeting=gov.june, title_en="Agenda: refuge commissioning")
    Decision.objects.create(meeting=gov.june, what_en="Decided: extend the refuge contract")
    LogItem.objects.create(
        meeting=gov.june, text_en="Log: write to the PCC", owner_person="Iolo Brython"
    )
    people = [
        "Gwenllian Prydderch", "Morwenna Tregear", "Eirlys Vaughan", "Tegwen Amlwch",
        "Rhodri Llewellyn-Ffoulkes", "Iolo Brython", "A. Jones", "B. Evans",
        *(user.get_full_name() for user in (world.admin, world.lead, world.board)),
    ]  # fmt: skip
    meeting_content = [
        "Room 4, County Hall", "the refuge budget", "Agenda: refuge commissioning",
        "Decided: extend the refuge contract", "Log: write to the PCC",
    ]  # fmt: skip
    url = reverse("public:partnership", args=["cardiff-vale"])
    for prefix in ("", "/cy"):
        page = client.get(prefix + url).content.decode()
        assert "Regional VAWDASV Steering Group" in page or "Grŵp Llywio" in page
        assert "Regional Safeguarding Board" in page or "Bwrdd Diogelu Rhanbarthol" in page
        assert "Survivor panel" in page
        named = [text for text in (*people, *meeting_content) if text and text in page]
        assert named == []


def test_a_headline_figure_on_the_public_page_carries_its_caveats(
    client,
    world,
    outcomes,  # noqa: F811
):
    from tests.outcomes.test_publication import by_sex
    from vawdasv.outcomes.services import framework, publication

    type(outcomes.cases).objects.filter(pk=outcomes.cases.pk).update(
        caveats_en="Demonstration values, not real figures.",
        caveats_cy="Gwerthoedd enghreifftiol, nid ffigurau go iawn.",
    )
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    url = reverse("public:partnership", args=["cardiff-vale"])
    assert "Demonstration values, not real figures." in client.get(url).content.decode()
    welsh = client.get("/cy" + url).content.decode()
    assert "Gwerthoedd enghreifftiol, nid ffigurau go iawn." in welsh
