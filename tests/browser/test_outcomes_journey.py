"""Issue 12's journey, in English and in Welsh, every page checked with axe: a police data
officer uploads a return with one error, fixes it and submits it; the regional adviser approves
it; the dashboard shows it; the adviser publishes; an anonymous visitor sees the public
dashboard with a suppressed cell and its key."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page

from tests.browser.journey import error_summary, follow, sign_in, visit
from tests.outcomes.conftest import outcomes  # noqa: F401 (a fixture this journey uses)
from vawdasv.outcomes.enums import ReturnState
from vawdasv.outcomes.models import DataReturn, Publication, ReturnValue
from vawdasv.outcomes.services import framework

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
CARDIFF, VALE = "W06000015", "W06000014"


def _return_csv(pk: int, cardiff_repeats: str) -> bytes:
    """The return as the supplier's CSV: Cardiff's 3 men will be suppressed when published."""
    rows = [
        f"return,{pk},2025/26 Q2", "measure,category,area,value,comment",
        f"marac_cases,,{CARDIFF},43,", f"marac_cases,,{VALE},29,",
        f"marac_cases,sex:female,{CARDIFF},40,", f"marac_cases,sex:female,{VALE},20,",
        f"marac_cases,sex:male,{CARDIFF},3,", f"marac_cases,sex:male,{VALE},9,",
        f"repeat_cases,,{CARDIFF},{cardiff_repeats},", f"repeat_cases,,{VALE},0,",
    ]  # fmt: skip
    return ("\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_return_from_upload_to_the_public_dashboard(
    page: Page,
    world,
    outcomes,  # noqa: F811 (the fixture imported above)
    tmp_path,
    language,
):
    prefix = "/cy" if language == "cy" else ""
    framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "name_cy": "Achosion MARAC",
              "numerator": outcomes.cases},
    )  # fmt: skip
    pk = outcomes.data_return.pk
    wrong, right = tmp_path / "q2-wrong.csv", tmp_path / "q2.csv"
    wrong.write_bytes(_return_csv(pk, "lots"))
    right.write_bytes(_return_csv(pk, "1"))
    with translation.override(language):
        t = {k: gettext(k) for k in (
            "Upload", "Save and submit", "Approve and lock the values", "Headline data", "Key",
            "Published headline data",
        )}  # fmt: skip
        publish = gettext("Publish %(period)s") % {"period": "2025/26 Q2"}

    # The police data officer: one wrong value refuses the whole file, with its place.
    sign_in(page, prefix, "owain")
    visit(page, f"{prefix}/outcomes/returns/{pk}/")
    page.locator("#return-file").set_input_files(str(wrong))
    follow(page, page.get_by_role("button", name=t["Upload"], exact=True), status=400)
    problem = error_summary(page).inner_text()
    assert "CSV" in problem and " 9," in problem and " D:" in problem  # sheet, row, column
    assert not ReturnValue.objects.exists()
    page.locator("#return-file").set_input_files(str(right))
    follow(page, page.get_by_role("button", name=t["Upload"], exact=True))
    assert ReturnValue.objects.filter(data_return_id=pk).count() == 8
    follow(page, page.get_by_role("button", name=t["Save and submit"]))
    assert DataReturn.objects.get(pk=pk).state == ReturnState.SUBMITTED

    # The regional adviser approves, sees it on the dashboard and publishes.
    page.context.clear_cookies()
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/outcomes/returns/{pk}/")
    follow(page, page.get_by_role("button", name=t["Approve and lock the values"]))
    assert DataReturn.objects.get(pk=pk).state == ReturnState.APPROVED
    visit(page, f"{prefix}/outcomes/cardiff-vale/dashboard/")
    name = "Achosion MARAC" if language == "cy" else "MARAC cases"
    assert page.get_by_role("heading", name=name).count() == 1
    assert page.get_by_text(f"{name}: 72").count() >= 1
    follow(page, page.get_by_role("button", name=publish))
    assert Publication.objects.filter(period_label="2025/26 Q2").count() == 1

    # Anyone: the published figures, Cardiff's 3 men suppressed, with the key.
    page.context.clear_cookies()
    visit(page, f"{prefix}/outcomes/cardiff-vale/published/")
    assert page.get_by_role("heading", name=t["Published headline data"]).count() == 1
    assert page.get_by_role("heading", name=t["Key"]).count() == 1
    assert page.locator("td", has_text="[c]").count() >= 2  # primary and secondary
    assert page.locator("td", has_text="43").count() == 1  # Cardiff's total is published


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_adviser_defines_a_marac_area_and_the_dashboard_offers_it(
    page: Page,
    world,
    outcomes,  # noqa: F811 (the fixture imported above)
    language,
):
    from vawdasv.outcomes.enums import Geography
    from vawdasv.outcomes.models import MaracArea

    prefix = "/cy" if language == "cy" else ""
    with translation.override(language):
        save, local = gettext("Save"), gettext("Code")
    sign_in(page, prefix, "alys")
    visit(page, f"{prefix}/outcomes/cardiff-vale/marac-areas/add/")
    follow(page, page.get_by_role("button", name=save, exact=True), status=400)  # nothing chosen
    assert error_summary(page).count() == 1
    page.get_by_label(local, exact=True).fill("cardiff-vale-marac")
    page.locator("#id_name_en").fill("Cardiff and Vale MARAC")
    page.locator("input[name=local_authorities]").first.check()
    follow(page, page.get_by_role("button", name=save, exact=True))
    assert MaracArea.objects.filter(code="cardiff-vale-marac").count() == 1
    framework.save_measure(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_area_cases", "name_en": "MARAC area cases", "unit": "count",
              "supplier_type": "police_force", "geography": Geography.MARAC_AREA},
    )  # fmt: skip
    visit(page, f"{prefix}/outcomes/cardiff-vale/dashboard/")
    assert page.locator("#area option[value=cardiff-vale-marac]").count() == 1

    # Renamed and given both authorities, then removed: no return collects a value for it.
    with translation.override(language):
        change, remove = gettext("Change"), gettext("Remove")
    visit(page, f"{prefix}/outcomes/cardiff-vale/")
    follow(page, page.get_by_role("link", name=f"{change} (Cardiff and Vale MARAC)"))
    page.locator("#id_name_en").fill("Cardiff and the Vale MARAC")
    page.locator("input[name=local_authorities]").last.check()
    follow(page, page.get_by_role("button", name=save, exact=True))
    area = MaracArea.objects.get(code="cardiff-vale-marac")
    assert (area.name_en, area.local_authorities.count()) == ("Cardiff and the Vale MARAC", 2)
    follow(page, page.get_by_role("link", name=f"{remove} (Cardiff and the Vale MARAC)"))
    follow(page, page.get_by_role("button", name=remove, exact=True))
    assert not MaracArea.objects.exists()

    # A disaggregation a measure lists: the page says what uses it and offers no button.
    follow(page, page.get_by_role("link", name=f"{remove} ({'Rhyw' if prefix else 'Sex'})"))
    assert page.get_by_text("marac_cases").count() >= 1
    assert page.get_by_role("button", name=remove, exact=True).count() == 0
