"""Every outcomes page × every role.

The framework, the returns and the headline-data dashboard are for members of the partnership
and national observers; another partnership's administrator is told they do not exist (404).
The published dashboard is for everyone. Anonymous visitors are sent to sign in elsewhere.
Approving, returning and reopening (POST only) are covered in tests/outcomes/test_pages.py;
asking for a download (POST only), its page and its file in tests/outcomes/test_downloads.py
(the download's page belongs to the person who asked: tests/ops/test_exports.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from vawdasv.outcomes.services import framework, returns
from vawdasv.partnerships.enums import OrganisationType
from vawdasv.reference.models import LocalAuthority

OK, LOGIN, DENY, HIDE = 200, 302, 403, 404

ROLES = (
    "anonymous", "administrator", "lead_officer", "other_lead_officer", "board_member",
    "other_partnership_administrator", "national_observer", "superuser",
)  # fmt: skip

# fmt: off
#                           anon   admin  lead   o.lead board  nia    obs.   super
EXPECTED: dict[str, tuple[int, ...]] = {
    "framework":           (LOGIN, OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    "return":              (LOGIN, OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    "dashboard":           (LOGIN, OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    "published":           (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "measure-add":         (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "measure-edit":        (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "rule-add":            (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "marac-area-add":      (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "indicator-add":       (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "indicator-edit":      (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "benchmark-add":       (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "benchmark-edit":      (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "target-edit":         (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "denominator-add":     (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "category-set-add":    (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "category-rename":     (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "benchmark-remove":    (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "rule-remove":         (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "category-set-remove": (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "marac-area-edit":     (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    "marac-area-remove":   (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    # any member of any partnership: other regions' columns show their published figures only
    "all-wales":           (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
}
# fmt: on


def _pages(world: Any) -> dict[str, Callable[[], str]]:
    cardiff = LocalAuthority.objects.get(gss_code="W06000015")
    world.partnership.local_authorities.set([cardiff])
    measure = framework.save_measure(
        actor=world.admin, partnership=world.partnership,
        data={"code": "cases", "name_en": "Cases", "supplier_type": OrganisationType.POLICE_FORCE},
    )  # fmt: skip
    data_return = returns.open_return(
        actor=world.admin, partnership=world.partnership, supplier=world.police,
        period_label="2025/26 Q2", deadline=datetime.date(2025, 10, 31), measures=[measure],
        areas=[cardiff],
    )  # fmt: skip
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "cases", "name_en": "Cases", "numerator": measure},
    )  # fmt: skip
    benchmark = framework.add_benchmark(
        actor=world.admin, indicator=indicator, label_en="SafeLives", value=Decimal(40),
        source="SafeLives",
    )  # fmt: skip
    category_set = framework.create_category_set(
        actor=world.admin, partnership=world.partnership, code="sex", name_en="Sex",
        categories=[("female", "Female", "Benyw")], valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip
    rule = framework.add_validation_rule(
        actor=world.admin, partnership=world.partnership, expression="cases >= 0",
        severity="block", message_en="No negative cases.",
    )  # fmt: skip
    marac = framework.add_marac_area(
        actor=world.admin, partnership=world.partnership, code="cardiff-marac",
        name_en="Cardiff MARAC", local_authorities=[cardiff],
    )  # fmt: skip
    slug = world.partnership.slug

    def page(name: str, *args: Any) -> Callable[[], str]:
        return lambda: reverse(f"outcomes:{name}", args=[slug, *args])

    return {
        "framework": lambda: reverse("outcomes:framework", args=[slug]),
        "return": lambda: reverse("outcomes:return", args=[data_return.pk]),
        "dashboard": lambda: reverse("outcomes:dashboard", args=[slug]),
        "published": lambda: reverse("outcomes:public", args=[slug]),
        "measure-add": page("measure-add"),
        "measure-edit": page("measure-edit", measure.pk),
        "rule-add": page("rule-add"),
        "marac-area-add": page("marac-area-add"),
        "indicator-add": page("indicator-add"),
        "indicator-edit": page("indicator-edit", indicator.pk),
        "benchmark-add": page("benchmark-add", indicator.pk),
        "benchmark-edit": page("benchmark-edit", benchmark.pk),
        "target-edit": page("target-edit", indicator.pk),
        "denominator-add": page("denominator-add"),
        "category-set-add": page("category-set-add"),
        "category-rename": page("category-rename", category_set.pk),
        "benchmark-remove": page("benchmark-remove", benchmark.pk),
        "rule-remove": page("rule-remove", rule.pk),
        "category-set-remove": page("category-set-remove", category_set.pk),
        "marac-area-edit": page("marac-area-edit", marac.pk),
        "marac-area-remove": page("marac-area-remove", marac.pk),
        "all-wales": lambda: reverse("outcomes:all-wales"),
    }


def test_the_table_covers_every_outcomes_page(cast) -> None:
    assert set(EXPECTED) == set(_pages(cast.world))


@pytest.mark.parametrize("page", list(EXPECTED))
def test_outcomes_page_answers_each_role_as_the_table_says(cast, page: str) -> None:
    url = _pages(cast.world)[page]()
    answers = tuple(cast.client_for(role).get(url).status_code for role in ROLES)
    assert answers == EXPECTED[page], dict(zip(ROLES, answers, strict=True))
