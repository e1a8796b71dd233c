"""/api/v1/published-figures/: what the public dashboard shows, checked against the schema."""

from tests.outcomes.conftest import outcomes  # noqa: F401  (the outcomes fixture)
from tests.outcomes.test_publication import by_sex
from vawdasv.outcomes.services import framework, publication

URL = "/api/v1/published-figures/"


def test_published_figures_are_public_and_a_suppressed_one_has_no_value(as_persona, plan, outcomes):  # noqa: F811
    world = plan.world
    indicator = framework.save_indicator(
        actor=world.admin, partnership=world.partnership,
        data={"code": "marac_cases", "name_en": "MARAC cases", "numerator": outcomes.cases},
    )  # fmt: skip
    assert as_persona("anonymous").results(URL) == []
    by_sex(world, outcomes, cardiff=(40, 3), vale=(20, 9))
    assert as_persona("anonymous").results(URL) == []  # approved is not published
    publication.publish(actor=world.admin, indicator=indicator, period_label="2025/26 Q2")
    rows = as_persona("anonymous").results(URL, partnership="cardiff-vale", indicator="marac_cases")
    male = next(r for r in rows if r["geo_code"] == "W06000015" and r["category"] == "male")
    assert male["status"] == "suppressed" and male["value"] is None
    assert male["suppression"] == "primary"
    total = next(r for r in rows if r["geo_code"] == "W06000015" and r["category"] == "")
    assert (total["status"], total["value"]) == ("value", "43.0000")
    assert total["indicator_name"] == {"en": "MARAC cases", "cy": ""}
