"""No near-empty pages in the PDF report (issue 11, "The report", item 2): on a demo-sized plan
(65 actions over four themes, narratives of the lengths lead officers write), no page but the
last holds only a heading or a line or two, as a heading orphaned at a page's end or a lone
table row would leave."""

from __future__ import annotations

import datetime
import io
import re

import pdfplumber
import pytest

from tests import factories
from vawdasv.plans.enums import TimescaleKind
from vawdasv.progress import services
from vawdasv.progress.periods import parse_period
from vawdasv.progress.report import render
from vawdasv.progress.report.data import gather

TODAY = datetime.date(2019, 5, 15)
THEMES = (("PREPARE", "PARATOI"), ("PURSUE", "ERLYN"), ("PROTECT", "DIOGELU"),
          ("PREVENT", "ATAL"))  # fmt: skip
SENTENCE_EN = "Partners met monthly and the work moved on as the group agreed in the spring. "
SENTENCE_CY = "Bu partneriaid yn cwrdd bob mis a symudodd y gwaith ymlaen fel y cytunwyd. "
WORK_EN = "deliver the agreed piece of work "
WORK_CY = "cyflawni'r darn o waith y cytunwyd arno "
RAGS = ("green", "amber", "red", "green", "green")
FOOTER = re.compile(r"^\d+ / \d+$")
MIN_LINES = 4  # a page with three lines or fewer (footer aside) is near-empty


@pytest.fixture
def demo_sized(world):
    strategy = factories.StrategyFactory(
        partnership=world.partnership, slug="sized-2018", published=True,
        title_en="A demo-sized strategy", title_cy="Strategaeth maint y demo",
        start_year=2018, end_year=2023,
    )  # fmt: skip
    actions = []
    number = 0
    for t, (name_en, name_cy) in enumerate(THEMES, start=1):
        theme = factories.ThemeFactory(
            strategy=strategy, order=t, name_en=name_en, name_cy=name_cy,
            aim_en=f"The aim of {name_en.lower()}", aim_cy=f"Nod {name_cy.lower()}",
        )  # fmt: skip
        for c in range(1, 5 + t % 2):
            commitment = factories.CommitmentFactory(
                theme=theme, order=c, ref=f"{t}.{c}", text_en=f"Section {t}.{c}",
                text_cy=f"Adran {t}.{c}",
            )  # fmt: skip
            for a in range(1, 4 + (c % 2)):
                number += 1
                # Every fifth action is due after the period: future activity.
                due = datetime.date(2019 + (number % 5 == 0), 3, 31)
                actions.append(
                    factories.ActionFactory(
                        commitment=commitment, order=a, ref=f"{t}.{c}.{a}",
                        text_en=f"Action {number}: " + WORK_EN * (1 + a),
                        text_cy=f"Cam {number}: " + WORK_CY * (1 + a),
                        timescale_text=f"March {due.year}", due_date=due,
                        timescale_kind=TimescaleKind.DATE, leads=[world.police],
                    )
                )  # fmt: skip
    progress_round = services.open_round(
        actor=world.admin, strategy=strategy, period_label="2018/19",
        deadline=datetime.date(2019, 4, 30),
    )  # fmt: skip
    for n, action in enumerate(actions):
        if action.due_date.year != 2019:
            continue
        update = services.submit_update(
            actor=world.lead, progress_round=progress_round, action=action,
            data={"completed": False, "rag": RAGS[n % len(RAGS)],
                  "narrative_en": SENTENCE_EN * (1 + n % 6),
                  "narrative_cy": SENTENCE_CY * (1 + n % 6)},
        )  # fmt: skip
        services.approve_update(actor=world.admin, update=update)
    services.close_round(actor=world.admin, progress_round=progress_round)
    assert len(actions) >= 60
    return strategy


def _lines_per_page(strategy, language):
    """Each page's lines of text, without the footer and without a table's header row repeated
    at the top of a page (a page holding a repeated header and one row is near-empty)."""
    period = parse_period("2018/19")
    report = gather(strategy, period, language=language, today=TODAY)
    labels = report.labels
    header = " ".join(labels[key] for key in ("section", "we_will", "by", "progress"))
    pages = []
    with pdfplumber.open(io.BytesIO(render(report, "pdf"))) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            if lines and lines[0] == header:
                lines = lines[1:]
            pages.append([line for line in lines if not FOOTER.match(line)])
    return pages


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_page_but_the_last_is_near_empty(demo_sized, language):
    pages = _lines_per_page(demo_sized, language)
    assert len(pages) > 3
    near_empty = {
        number: lines for number, lines in enumerate(pages[:-1], start=1) if len(lines) < MIN_LINES
    }
    assert near_empty == {}
