"""The public transparency page shows published headline data and the governance structure,
with links to the full published figures and "you said, we did"."""

import pytest
from django.urls import reverse

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
