"""The action page names the action and shows its latest approved progress to members
(issue 11, "The round", item 5, in part: the action page)."""

from django.test import Client

from vawdasv.progress import services

from .conftest import GOOD_UPDATE


def _page(user, action) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(action.get_absolute_url()).content.decode()


def _approved(world, progress_round, **data):
    update = services.submit_update(
        actor=world.lead, progress_round=progress_round, action=world.police_action,
        data={**GOOD_UPDATE, **data},
    )  # fmt: skip
    return services.approve_update(actor=world.admin, update=update)


def test_the_action_pages_heading_names_the_action(world):
    page = _page(world.board, world.police_action)

    heading = page[page.index("<h1") : page.index("</h1>")]
    assert world.police_action.text_en in heading


def test_members_see_the_latest_approved_rag_status_and_period(world, progress_round):
    _approved(world, progress_round, rag="amber")

    page = _page(world.board, world.police_action)

    section = page[page.index("Latest approved progress") :]
    assert "govuk-tag--orange" in section and "Amber" in section
    assert "From the 2025/26 Q2 progress round" in section


def test_the_public_does_not_see_progress_while_it_is_not_published(world, progress_round):
    _approved(world, progress_round)

    page = _page(None, world.police_action)

    assert world.police_action.text_en in page  # the published plan itself is public
    assert "Latest approved progress" not in page


def test_an_action_without_an_approved_update_shows_no_progress(world, progress_round):
    assert "Latest approved progress" not in _page(world.board, world.police_action)
