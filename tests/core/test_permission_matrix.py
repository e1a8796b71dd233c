"""Every page × every role, for a published plan and for the same plan while it is a draft.

The expectation tables below are the rules at a glance; the tests only replay them. Drafts are a
404 to people who may not see them, so a draft's existence is not leaked; anonymous visitors to
pages that need signing in are sent to the sign-in page (which happens before anything is looked
up, so that leaks nothing either).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.factories import allow_direct_edits
from vawdasv.accounts.models import User
from vawdasv.audit.models import AuditEntry
from vawdasv.national.models import CommitmentAlignment
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.reference.models import FrameworkItem

OK, LOGIN, DENY, HIDE = 200, 302, 403, 404  # HIDE: a 404, so a draft is not leaked


@pytest.fixture
def cast(module_cast: Any, db: None) -> Any:
    """Everyone, built once for this module: each case reads, or writes and is rolled back."""
    return module_cast


ROLES = (
    "anonymous",
    "administrator",  # Alys, regional team of Cardiff and Vale
    "lead_officer",  # Owain, South Wales Police, which leads the action
    "other_lead_officer",  # Bethan, Cardiff Council
    "board_member",  # Gareth
    "other_partnership_administrator",  # Nia, Gwent
    "national_observer",  # Welsh Government official, no membership
    "superuser",
)

# fmt: off
#                                         anon   admin  lead   o.lead board  nia    obs.   super
EXPECTED_GET: dict[tuple[str, str], tuple[int, ...]] = {
    ("home", "published"):               (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("partnership", "published"):        (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("plan", "published"):               (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("action_list", "published"):        (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("action", "published"):             (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("profile", "published"):            (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("api_tokens", "published"):         (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("notification_emails", "published"):(LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("notifications", "published"):      (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("strategy_create", "published"):    (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("strategy_edit", "published"):      (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("theme_create", "published"):       (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("theme_edit", "published"):         (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("commitment_create", "published"):  (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("commitment_edit", "published"):    (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("action_create", "published"):      (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("action_edit", "published"):        (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("action_edit", "direct_edits"):     (LOGIN, OK,    OK,    DENY,  DENY,  DENY,  DENY,  OK),
    ("theme_delete", "published"):       (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("commitment_delete", "published"):  (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("action_delete", "published"):      (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("align", "published"):              (LOGIN, OK,    DENY,  DENY,  DENY,  DENY,  DENY,  OK),
    ("all_wales", "published"):          (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("public_progress", "published"):    (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("privacy", "published"):            (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),

    ("home", "draft"):                   (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("partnership", "draft"):            (HIDE,  OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    ("plan", "draft"):                   (HIDE,  OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    ("action_list", "draft"):            (HIDE,  OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    ("action", "draft"):                 (HIDE,  OK,    OK,    OK,    OK,    HIDE,  OK,    OK),
    ("profile", "draft"):                (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("api_tokens", "draft"):             (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("notification_emails", "draft"):    (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("strategy_create", "draft"):        (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("strategy_edit", "draft"):          (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("theme_create", "draft"):           (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("theme_edit", "draft"):             (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("commitment_create", "draft"):      (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("commitment_edit", "draft"):        (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("action_create", "draft"):          (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("action_edit", "draft"):            (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("theme_delete", "draft"):           (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("commitment_delete", "draft"):      (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("action_delete", "draft"):          (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("align", "draft"):                  (LOGIN, OK,    DENY,  DENY,  DENY,  HIDE,  DENY,  OK),
    ("all_wales", "draft"):              (LOGIN, OK,    OK,    OK,    OK,    OK,    OK,    OK),
    ("public_progress", "draft"):        (HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  HIDE,  HIDE),
    ("privacy", "draft"):                (OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK),
}
# fmt: on

# Pages that take a POST: a GET of OK means the POST must succeed (redirect, data changed);
# anything else means the POST gets the same answer and nothing changes.
FORM_PAGES = (
    "strategy_create", "strategy_edit", "theme_create", "theme_edit", "commitment_create",
    "commitment_edit", "action_create", "action_edit", "theme_delete", "commitment_delete",
    "action_delete", "align", "notification_emails",
)  # fmt: skip


def _cases(pages: tuple[str, ...] | None = None) -> list[Any]:
    return [
        pytest.param(page, scenario, role, status, id=f"{page}-{scenario}-{role}")
        for (page, scenario), statuses in EXPECTED_GET.items()
        if pages is None or page in pages
        for role, status in zip(ROLES, statuses, strict=True)
    ]


@dataclass(frozen=True)
class Page:
    url: Callable[[Any], str]
    post: Callable[[Any], dict[str, Any]] | None = None
    done: Callable[[Any], bool] | None = None  # has the POST had its intended effect?


def _strategy_form(w: Any) -> dict[str, Any]:
    return {
        "title_en": "Cardiff and Vale strategy (renamed)", "title_cy": "", "slug": w.strategy.slug,
        "start_year": "2023", "end_year": "2028", "vision_en": "", "vision_cy": "",
        "status": w.strategy.status, "version": str(w.strategy.version),
    }  # fmt: skip


def _action_form(w: Any) -> dict[str, Any]:
    action = w.police_action
    return {
        "ref": "", "text_en": action.text_en, "text_cy": "", "evidence_en": action.evidence_en,
        "evidence_cy": "", "timescale_text": "Mar 2027", "lead_organisations": [w.police.pk],
        "version": str(action.version),
    }  # fmt: skip


def _new_action_form(w: Any) -> dict[str, Any]:
    return {
        "text_en": "Train call handlers in coercive control", "timescale_text": "Q3 2024/25",
        "lead_organisations": [w.council.pk],
    }  # fmt: skip


def _align_form(w: Any) -> dict[str, Any]:
    item = FrameworkItem.objects.order_by("pk").first()
    assert item is not None
    return {f"commitment-{w.commitment.pk}": [str(item.pk)]}


PAGES: dict[str, Page] = {
    "align": Page(
        lambda w: f"/all-wales/align/{w.strategy.slug}/",
        _align_form,
        lambda w: CommitmentAlignment.objects.filter(commitment=w.commitment).exists(),
    ),
    "all_wales": Page(lambda w: "/all-wales/"),
    "public_progress": Page(lambda w: f"/public/{w.partnership.slug}/"),
    "privacy": Page(lambda w: "/public/privacy/"),
    "home": Page(lambda w: "/"),
    "partnership": Page(lambda w: f"/partnerships/{w.partnership.slug}/"),
    "plan": Page(lambda w: f"/strategies/{w.strategy.slug}/"),
    "action_list": Page(lambda w: f"/strategies/{w.strategy.slug}/actions/"),
    "action": Page(lambda w: f"/strategies/actions/{w.police_action.pk}/"),
    "profile": Page(lambda w: "/accounts/profile/"),
    "api_tokens": Page(lambda w: "/accounts/profile/api-tokens/"),
    "notifications": Page(lambda w: "/accounts/notifications/"),
    "notification_emails": Page(
        lambda w: "/accounts/profile/notifications/",
        lambda w: {"notification_emails": "immediate"},
        lambda w: User.objects.filter(notification_emails="immediate").exists(),
    ),
    "strategy_create": Page(
        lambda w: f"/strategies/new/{w.partnership.slug}/",
        lambda w: {
            **_strategy_form(w),
            "slug": "cv-2028",
            "title_en": "Next strategy",
            "status": StrategyStatus.DRAFT,
            "version": "",
        },
        lambda w: Strategy.objects.filter(slug="cv-2028").exists(),
    ),
    "strategy_edit": Page(
        lambda w: f"/strategies/{w.strategy.slug}/edit/",
        _strategy_form,
        lambda w: Strategy.objects.filter(title_en="Cardiff and Vale strategy (renamed)").exists(),
    ),
    "theme_create": Page(
        lambda w: f"/strategies/{w.strategy.slug}/themes/new/",
        lambda w: {"name_en": "PROTECT", "name_cy": "DIOGELU"},
        lambda w: Theme.objects.filter(name_en="PROTECT").exists(),
    ),
    "theme_edit": Page(
        lambda w: f"/strategies/themes/{w.theme.pk}/edit/",
        lambda w: {"name_en": "PREPARE (renamed)", "version": str(w.theme.version)},
        lambda w: Theme.objects.filter(name_en="PREPARE (renamed)").exists(),
    ),
    "commitment_create": Page(
        lambda w: f"/strategies/themes/{w.theme.pk}/commitments/new/",
        lambda w: {"text_en": "We will listen to survivors"},
        lambda w: Commitment.objects.filter(text_en="We will listen to survivors").exists(),
    ),
    "commitment_edit": Page(
        lambda w: f"/strategies/commitments/{w.commitment.pk}/edit/",
        lambda w: {"ref": "1.1", "text_en": "We will (reworded)", "version": "1"},
        lambda w: Commitment.objects.filter(text_en="We will (reworded)").exists(),
    ),
    "action_create": Page(
        lambda w: f"/strategies/commitments/{w.commitment.pk}/actions/new/",
        _new_action_form,
        lambda w: Action.objects.filter(text_en__startswith="Train call handlers").exists(),
    ),
    "action_edit": Page(
        lambda w: f"/strategies/actions/{w.police_action.pk}/edit/",
        _action_form,
        lambda w: Action.objects.get(pk=w.police_action.pk).timescale_text == "Mar 2027",
    ),
    "theme_delete": Page(
        lambda w: f"/strategies/theme/{w.theme.pk}/delete/",
        lambda w: {"confirm": "on"},
        lambda w: not Theme.objects.filter(pk=w.theme.pk).exists(),
    ),
    "commitment_delete": Page(
        lambda w: f"/strategies/commitment/{w.commitment.pk}/delete/",
        lambda w: {"confirm": "on"},
        lambda w: not Commitment.objects.filter(pk=w.commitment.pk).exists(),
    ),
    "action_delete": Page(
        lambda w: f"/strategies/action/{w.police_action.pk}/delete/",
        lambda w: {"confirm": "on"},
        lambda w: not Action.objects.filter(pk=w.police_action.pk).exists(),
    ),
}


def _set_scenario(world: Any, scenario: str) -> None:
    """In the draft scenario the Cardiff and Vale plan is unpublished: only drafts remain."""
    if scenario == "direct_edits":  # the partnership lets lead officers edit directly
        allow_direct_edits(world)
    if scenario == "draft":
        Strategy.objects.filter(pk=world.strategy.pk).update(status=StrategyStatus.DRAFT)
        world.strategy.refresh_from_db()


def _fingerprint() -> tuple[Any, ...]:
    """Everything a refused POST must leave as it was."""
    return (
        list(Strategy.objects.order_by("pk").values_list("pk", "title_en", "slug", "version")),
        list(Theme.objects.order_by("pk").values_list("pk", "name_en", "version")),
        list(Commitment.objects.order_by("pk").values_list("pk", "text_en", "version")),
        list(
            Action.objects.order_by("pk").values_list("pk", "text_en", "timescale_text", "version")
        ),
        AuditEntry.objects.count(),
    )


def _assert_sent_to_sign_in(response: Any, prefix: str = "") -> None:
    assert response.status_code == LOGIN
    assert response["Location"].startswith(f"{prefix}/accounts/sign-in/?next=")


@pytest.mark.parametrize(("page", "scenario", "role", "status"), _cases())
def test_page_answers_each_role_as_the_table_says(cast, page, scenario, role, status):
    _set_scenario(cast.world, scenario)
    response = cast.client_for(role).get(PAGES[page].url(cast.world))
    assert response.status_code == status
    if status == LOGIN:
        _assert_sent_to_sign_in(response)


@pytest.mark.parametrize(("page", "scenario", "role", "status"), _cases(FORM_PAGES))
def test_form_post_changes_data_only_for_roles_allowed_to_open_the_form(
    cast, page, scenario, role, status
):
    _set_scenario(cast.world, scenario)
    spec = PAGES[page]
    assert spec.post is not None and spec.done is not None
    before = _fingerprint()

    response = cast.client_for(role).post(spec.url(cast.world), spec.post(cast.world))

    if status == OK:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert not response["Location"].startswith("/accounts/sign-in/")
        assert spec.done(cast.world)
        assert AuditEntry.objects.count() > before[-1]
    else:
        assert response.status_code == status
        if status == LOGIN:
            _assert_sent_to_sign_in(response)
        assert not spec.done(cast.world)
        assert _fingerprint() == before


# fmt: off
WELSH_CASES = [
    ("home", "published", "anonymous", OK),
    ("plan", "published", "anonymous", OK),
    ("plan", "draft", "anonymous", HIDE),
    ("plan", "draft", "board_member", OK),
    ("action", "draft", "other_partnership_administrator", HIDE),
    ("action_edit", "published", "lead_officer", DENY),
    ("action_edit", "direct_edits", "lead_officer", OK),
    ("action_edit", "published", "other_lead_officer", DENY),
    ("action_edit", "draft", "anonymous", LOGIN),
    ("profile", "published", "anonymous", LOGIN),
]
# fmt: on


@pytest.mark.parametrize(("page", "scenario", "role", "status"), WELSH_CASES)
def test_welsh_pages_follow_the_same_rules(cast, page, scenario, role, status):
    assert EXPECTED_GET[(page, scenario)][ROLES.index(role)] == status  # same table
    _set_scenario(cast.world, scenario)
    response = cast.client_for(role).get("/cy" + PAGES[page].url(cast.world))
    assert response.status_code == status
    if status == LOGIN:
        _assert_sent_to_sign_in(response, prefix="/cy")
    else:
        assert '<html lang="cy"' in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "other_partnership_administrator"])
def test_draft_titles_are_not_listed_to_people_who_may_not_read_them(cast, role):
    draft_title = cast.world.draft_strategy.title_en
    client = cast.client_for(role)
    home = client.get("/").content.decode()
    partnership = client.get(f"/partnerships/{cast.world.partnership.slug}/").content.decode()
    assert cast.world.strategy.title_en in home
    assert draft_title not in home
    assert draft_title not in partnership


@pytest.mark.parametrize("role", ["board_member", "national_observer"])
def test_draft_titles_are_listed_to_members_and_national_observers(cast, role):
    home = cast.client_for(role).get("/").content.decode()
    assert cast.world.draft_strategy.title_en in home


def test_a_missing_object_is_a_404_for_the_administrator_too(cast):
    client: Client = cast.client_for("administrator")
    assert client.get("/strategies/actions/999999/").status_code == HIDE
    assert client.get("/strategies/actions/999999/edit/").status_code == HIDE
    assert client.get("/strategies/no-such-plan/").status_code == HIDE
