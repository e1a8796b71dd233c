"""Who may see and change what. Every view, form, API call and service asks here.

Rules:
- Anyone, signed in or not, may read a published strategy.
- Members of a partnership (any role) read all of its strategies, drafts included; national
  observers (Welsh Government) and superusers read every partnership's.
- Administrators of a partnership (the regional team) create and edit its strategies, themes,
  commitments and actions.
- A lead officer edits the actions their organisation leads, nothing else.
- Board members read.
- Governance (groups, meetings, minutes, decisions, action logs): members read; administrators
  record and change them. Draft minutes are for members only; the public never sees them.
- Progress rounds: administrators open, close and reopen them and review updates; a lead officer
  writes the progress updates of the actions their organisation leads; members read them.
- Drafts are private: an update that is not yet approved (draft, submitted, returned) is seen by
  the partnership's administrators and the lead officers of an organisation leading its action
  only. Board members, national observers, other organisations' officers, other partnerships and
  the public see approved updates only — on every page, count, export, report, email and API.
- Imports, revisions and the alias list are the regional team's: members of the partnership who
  are not administrators are refused (403), everyone else is told it does not exist (404).
- Outcomes: administrators define the framework (measures, indicators, denominators, targets),
  open data returns and approve, return or reopen them; the supplier's lead officers enter and
  submit their organisation's returns; members and national observers read the dashboard;
  administrators publish figures, which anyone may then read (disclosure-controlled).

Layering (checked by `lint-imports`): this module sits in partnerships, below every domain app,
yet judges their objects. So it imports no domain model at run time: rules read attributes of
the objects they are given (annotated under TYPE_CHECKING), compare statuses from `<app>/enums.py`
(leaf modules any layer may import), build Q objects, and start a query on another app's model
only through `apps.get_model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection
from django.db.models import Q, QuerySet

from vawdasv.lib.rawsql import table
from vawdasv.outcomes.enums import ReturnState
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.models import Membership, Partnership
from vawdasv.plans.enums import StrategyStatus
from vawdasv.progress.enums import UpdateState

if TYPE_CHECKING:
    from vawdasv.outcomes.models import DataReturn
    from vawdasv.plans.models import Action, Strategy
    from vawdasv.progress.models import IssuedReport

_CACHE_ATTR = "_vawdasv_roles"


def roles_of(user: Any) -> dict[int, str]:
    """partnership id → role for a user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # SQL: asked on every signed-in request, where building the ORM query cost more than
        # answering it (ADR 0040).
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT partnership_id, role FROM {table(Membership)}"
                " WHERE user_id = %s AND active = %s",
                [user.pk, True],
            )
            cached = dict(cursor.fetchall())
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_in(user: Any, partnership_id: int) -> str | None:
    return roles_of(user).get(partnership_id)


def reads_everything(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or getattr(user, "national_observer", False))
    )


def is_member(user: Any, partnership_id: int) -> bool:
    return reads_everything(user) or role_in(user, partnership_id) is not None


def can_view_strategy(user: Any, strategy: Strategy) -> bool:
    return strategy.status == StrategyStatus.PUBLISHED or is_member(user, strategy.partnership_id)


def can_manage_plans(user: Any, partnership_id: int) -> bool:
    """Create and edit strategies, themes, commitments and every action of the partnership."""
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return True
    return role_in(user, partnership_id) == Role.ADMINISTRATOR


def can_edit_action(user: Any, action: Action, partnership_id: int | None = None) -> bool:
    """Edit an action of the plan itself (wording, timescale): the regional team; a lead officer
    only their own organisation's actions, and only where the partnership allows direct edits.
    Otherwise lead officers propose changes in a progress update the regional team approves."""
    pid = (
        partnership_id
        if partnership_id is not None
        else action.commitment.theme.strategy.partnership_id
    )
    if can_manage_plans(user, pid):
        return True
    if not _leads(user, pid, (org.pk for org in action.lead_organisations.all())):
        return False
    return lead_officers_edit_directly(pid)


def lead_officers_edit_directly(partnership_id: int) -> bool:
    """Whether the partnership lets lead officers edit their organisation's actions directly."""
    return Partnership.objects.filter(pk=partnership_id, lead_officers_edit_actions=True).exists()


def is_direct_edit(user: Any, partnership_id: int) -> bool:
    """An edit of the plan by someone outside the regional team: the administrators are told
    of it and may revert it."""
    return not can_manage_plans(user, partnership_id)


def can_change_partnership_settings(user: Any, partnership_id: int) -> bool:
    """Change the partnership's settings (such as direct edits by lead officers): its
    administrators and superusers."""
    return can_manage_plans(user, partnership_id)


def can_manage_people(user: Any, partnership_id: int) -> bool:
    """Add member organisations, invite people, change roles and end memberships: the
    partnership's administrators and superusers."""
    return can_manage_plans(user, partnership_id)


def can_run_rounds(user: Any, partnership_id: int) -> bool:
    """Open, close and reopen progress rounds and approve or return updates (regional team)."""
    return can_manage_plans(user, partnership_id)


def can_issue_reports(user: Any, partnership_id: int) -> bool:
    """Issue a progress report to the board (freezing its files): the regional team, who run
    the rounds. Every member may read and download what was issued."""
    return can_run_rounds(user, partnership_id)


def can_write_report_text(user: Any, partnership_id: int) -> bool:
    """Write the report's introduction and theme narratives: the regional team, who issue it."""
    return can_issue_reports(user, partnership_id)


def rounds_run_by(user: Any, partnership_field: str) -> Q:
    """`can_run_rounds` as a filter, for the review queue: the partnerships whose updates the
    user reviews (`partnership_field` names the partnership id, as in `progress_readable`)."""
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return Q()
    administered = [pid for pid, role in roles_of(user).items() if role == Role.ADMINISTRATOR]
    return Q(**{f"{partnership_field}__in": administered})


def can_see_review_queue(user: Any) -> bool:
    """The list of updates waiting for review: administrators of any partnership (each sees
    their own partnerships' updates, see `rounds_run_by`) and superusers."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser) or administers_any(
        user
    )


def can_rename_rag_labels(user: Any, partnership_id: int) -> bool:
    """Rename the partnership's RAG ratings: its administrators, as the words reach every report."""
    return can_manage_plans(user, partnership_id)


def can_write_update(user: Any, action: Action, partnership_id: int | None = None) -> bool:
    """Write an action's progress update: the regional team, or a lead officer of a lead
    organisation of the action."""
    pid = (
        partnership_id
        if partnership_id is not None
        else action.commitment.theme.strategy.partnership_id
    )
    if can_run_rounds(user, pid):
        return True
    return _leads(user, pid, (org.pk for org in action.lead_organisations.all()))


def _leads(user: Any, partnership_id: int, lead_organisation_ids: Iterable[int]) -> bool:
    """The user is a lead officer of the partnership and their organisation is among these."""
    organisation_id = getattr(user, "organisation_id", None)
    return (
        role_in(user, partnership_id) == Role.LEAD_OFFICER
        and organisation_id is not None
        and organisation_id in set(lead_organisation_ids)
    )


def can_change_update_now(
    user: Any,
    action: Action,
    partnership_id: int,
    *,
    round_is_open: bool,
    update_state: str | None,
) -> bool:
    """Change an update (its text, RAG or evidence) now: someone who may write it, while the
    round is open and the update is not yet sent (none yet, a draft, or returned)."""
    return (
        round_is_open
        and update_state in (None, UpdateState.DRAFT, UpdateState.RETURNED)
        and can_write_update(user, action, partnership_id)
    )


def can_read_progress(user: Any, partnership_id: int) -> bool:
    """Progress rounds, the dashboard, reports and exports: the partnership's members, national
    observers and superusers (what each of them sees of updates is `can_see_update`'s rule)."""
    return is_member(user, partnership_id)


def can_see_approved_progress(user: Any, strategy: Strategy) -> bool:
    """The latest approved RAG and statuses beside a plan's actions: whoever reads the
    partnership's progress, and anyone at all on a published plan once the partnership has
    chosen to publish its progress (off until an administrator turns it on). Unapproved
    updates are never part of it."""
    if can_read_progress(user, strategy.partnership_id):
        return True
    return progress_is_public(strategy)


def progress_is_public(strategy: Strategy) -> bool:
    """Anyone at all, signed in or not, sees a plan's latest approved progress: only a published
    plan of a partnership that has chosen to publish its progress (`publish_progress`, off until
    an administrator turns it on). The plan pages and the public transparency pages with their
    open data all follow this one rule; a narrative needs its update marked public as well."""
    return bool(
        strategy.status == StrategyStatus.PUBLISHED and strategy.partnership.publish_progress
    )


def issued_report_is_public(issued: IssuedReport) -> bool:
    """Anyone may download an issued progress report only when the regional team chose to put
    it on the public pages (`public`) and its plan is still published. Issuing alone never
    publishes: an issued report holds every approved narrative and the headline data as the
    team saw it, so publishing it is a decision of its own."""
    return bool(issued.public and issued.strategy.status == StrategyStatus.PUBLISHED)


def progress_readable(user: Any, partnership_field: str) -> Q:
    """`can_read_progress` as a filter: `partnership_field` names the partnership id, such as
    "strategy__partnership_id" on rounds."""
    if reads_everything(user):
        return Q()
    return Q(**{f"{partnership_field}__in": list(roles_of(user))})


def can_see_unapproved_updates(
    user: Any, partnership_id: int, lead_organisation_ids: Iterable[int]
) -> bool:
    """See an action's update before it is approved (draft, submitted or returned): the
    partnership's administrators (and superusers), and lead officers of a lead organisation."""
    if can_run_rounds(user, partnership_id):
        return True
    return _leads(user, partnership_id, lead_organisation_ids)


def can_see_update(
    user: Any, *, state: str, partnership_id: int, lead_organisation_ids: Iterable[int]
) -> bool:
    """See one update: approved ones every reader of progress sees; the others only the people
    `can_see_unapproved_updates` names."""
    if not can_read_progress(user, partnership_id):
        return False
    return state == UpdateState.APPROVED or can_see_unapproved_updates(
        user, partnership_id, lead_organisation_ids
    )


def visible_updates(user: Any, prefix: str = "") -> Q:
    """`can_see_update` as a filter on progress updates (`prefix` reaches them from another
    model, e.g. "update__" from evidence). Readers must also pass `can_read_progress`."""
    approved = Q(**{f"{prefix}state": UpdateState.APPROVED})
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return Q()
    partnership = f"{prefix}progress_round__strategy__partnership_id__in"
    roles = roles_of(user)
    administers = [pid for pid, role in roles.items() if role == Role.ADMINISTRATOR]
    leads_in = [pid for pid, role in roles.items() if role == Role.LEAD_OFFICER]
    rule = approved
    if administers:
        rule |= Q(**{partnership: administers})
    organisation_id = getattr(user, "organisation_id", None)
    if leads_in and organisation_id is not None:
        action = apps.get_model("plans", "Action")
        led = action.lead_organisations.through.objects.filter(organisation_id=organisation_id)
        rule |= Q(**{partnership: leads_in, f"{prefix}action_id__in": led.values("action_id")})
    return rule


def leads_actions(user: Any) -> bool:
    """Whether the person leads any action (shown "My actions"): their organisation leads an
    action of a partnership where they are an active lead officer or administrator."""
    organisation_id = getattr(user, "organisation_id", None)
    writers = [
        pid
        for pid, role in roles_of(user).items()
        if role in (Role.LEAD_OFFICER, Role.ADMINISTRATOR)
    ]
    if organisation_id is None or not writers:
        return False
    return (
        apps.get_model("plans", "Action")
        .objects.filter(
            lead_organisations=organisation_id,
            commitment__theme__strategy__partnership_id__in=writers,
        )
        .exists()
    )


def administers_any(user: Any) -> bool:
    """An administrator of at least one partnership (their home is "Needs attention")."""
    return any(role == Role.ADMINISTRATOR for role in roles_of(user).values())


def must_use_two_factor(user: Any) -> bool:
    """Two-factor authentication is required of superusers, every partnership administrator,
    and every member of a partnership that requires it (ADR 0019)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or administers_any(user):
        return True
    member_of = list(roles_of(user))
    return Partnership.objects.filter(pk__in=member_of, require_two_factor=True).exists()


def can_manage_imports(user: Any, partnership_id: int) -> bool:
    """Upload, preview and commit plan imports and revisions, and keep the alias list: the
    regional team (they write the plan)."""
    return can_manage_plans(user, partnership_id)


def admin_page_refusal(user: Any, partnership_id: int) -> int | None:
    """How an administrators' page (imports, revisions, alias list) answers this user: None to
    let them in, 403 to a member of the partnership, 404 to anyone else so nothing is leaked."""
    if can_manage_imports(user, partnership_id):
        return None
    return 403 if is_member(user, partnership_id) else 404


def reminder_recipients(partnership_id: int) -> Q:
    """Who is reminded of a round's missing updates, as a filter on users: active lead officers
    of the partnership who belong to an organisation and have an email address."""
    return Q(
        is_active=True,
        memberships__partnership=partnership_id,
        memberships__role=Role.LEAD_OFFICER,
        organisation__isnull=False,
    ) & ~Q(email="")


def submission_recipients(partnership_id: int) -> Q:
    """Who is told that an update was submitted for review, as a filter on users: the
    partnership's active administrators (the people who approve or return it)."""
    return Q(
        is_active=True,
        memberships__partnership=partnership_id,
        memberships__role=Role.ADMINISTRATOR,
        memberships__active=True,
    )


def can_mark_notification_read(user: Any, notification: Any) -> bool:
    """A person reads (and marks as read) their own notifications, nobody else's."""
    return bool(getattr(user, "is_authenticated", False) and notification.user_id == user.pk)


def own_notifications(user: Any) -> Q:
    """The notifications a person may list: their own only, whoever they are (a superuser
    too); nothing for someone not signed in."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(user_id=user.pk)


def can_choose_notification_emails(user: Any, person: Any) -> bool:
    """A person chooses how their own notification emails come (daily or straight away)."""
    return can_change_own_details(user, person)


def can_view_governance(user: Any, partnership_id: int) -> bool:
    """Read a partnership's groups, meetings, attendance, decisions and minutes (drafts too):
    its members, national observers and superusers."""
    return is_member(user, partnership_id)


def can_manage_governance(user: Any, partnership_id: int) -> bool:
    """Record groups, seats, meetings, attendance, minutes, decisions and action logs, and
    approve minutes: the regional team, who service the partnership's groups."""
    return can_manage_plans(user, partnership_id)


def can_apply_decision_to_plan(user: Any, partnership_id: int) -> bool:
    """Change a plan action because a meeting decided so: only someone who may both record the
    decision and change every action of the plan (the regional team)."""
    return can_manage_governance(user, partnership_id) and can_manage_plans(user, partnership_id)


def can_have_calendar_feed(user: Any) -> bool:
    """Keep a private calendar address for one's own meetings: anyone signed in who reads some
    partnership's governance (a member, a national observer, a superuser)."""
    return bool(roles_of(user)) or reads_everything(user)


def governance_partnership_ids(user: Any) -> list[int] | None:
    """Partnerships whose governance records the user reads; None means every partnership."""
    if reads_everything(user):
        return None
    return list(roles_of(user))


def can_manage_outcomes(user: Any, partnership_id: int) -> bool:
    """Define the outcomes framework and open, approve, return and reopen data returns: the
    partnership's administrators (the regional team)."""
    return can_manage_plans(user, partnership_id)


def can_view_outcomes(user: Any, partnership_id: int) -> bool:
    """Read the framework, the returns and the dashboard of unpublished figures: members of the
    partnership and national observers. The public sees only published figures."""
    return is_member(user, partnership_id)


def can_view_all_wales_outcomes(user: Any) -> bool:
    """Open the all-Wales outcomes dashboard: whoever may open the all-Wales view. Each region's
    column then shows live figures where `can_view_outcomes` allows, published ones elsewhere."""
    return can_view_all_wales(user)


def is_return_supplier(user: Any, data_return: DataReturn) -> bool:
    """A lead officer of the partnership who works for the organisation supplying the return."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.organisation_id
        and user.organisation_id == data_return.supplier_id
        and role_in(user, data_return.partnership_id) == Role.LEAD_OFFICER
    )


def can_view_return(user: Any, data_return: DataReturn) -> bool:
    """See a return and its values: members of its partnership and national observers."""
    return can_view_outcomes(user, data_return.partnership_id)


def can_enter_return(user: Any, data_return: DataReturn) -> bool:
    """Enter, upload and submit a return's values while it is open (not submitted or approved):
    the supplier's lead officers, or the regional team on their behalf."""
    if data_return.state not in (ReturnState.NOT_STARTED, ReturnState.DRAFT, ReturnState.RETURNED):
        return False
    return can_manage_outcomes(user, data_return.partnership_id) or is_return_supplier(
        user, data_return
    )


def can_review_return(user: Any, data_return: DataReturn) -> bool:
    """Approve (locking the values), return or reopen a return: the regional team."""
    return can_manage_outcomes(user, data_return.partnership_id)


def can_publish_outcomes(user: Any, partnership_id: int) -> bool:
    """Publish approved figures (after disclosure control) and set the suppression threshold:
    the partnership's administrators."""
    return can_manage_outcomes(user, partnership_id)


def visible_strategies(user: Any) -> QuerySet[Strategy]:
    strategy_model: type[Strategy] = apps.get_model("plans", "Strategy")
    strategies = strategy_model.objects.select_related("partnership")
    if reads_everything(user):
        return strategies
    return strategies.filter(
        Q(status=StrategyStatus.PUBLISHED) | Q(partnership_id__in=list(roles_of(user)))
    )


def visible_partnerships(user: Any) -> QuerySet[Partnership]:
    """Partnerships with something this user may read (a published strategy or membership)."""
    if reads_everything(user):
        return Partnership.objects.all()
    return Partnership.objects.filter(
        Q(strategies__status=StrategyStatus.PUBLISHED) | Q(pk__in=list(roles_of(user)))
    ).distinct()


def can_align_plans(user: Any, partnership_id: int) -> bool:
    """Align the partnership's commitments and actions to the national frameworks in bulk: its
    administrators, who edit the plan itself."""
    return can_manage_plans(user, partnership_id)


def can_mark_updates(user: Any, partnership_id: int) -> bool:
    """Mark approved updates as highlights for the national report or as public: the regional
    team, who approve them."""
    return can_run_rounds(user, partnership_id)


def can_view_all_wales(user: Any) -> bool:
    """Open the all-Wales view: national observers, and members of any partnership (who see
    their own row and the published rows of others)."""
    return reads_everything(user) or bool(roles_of(user))


def can_issue_national_report(user: Any) -> bool:
    """Issue the national annual progress report: national observers (Welsh Government) and
    superusers. Issued reports are public documents anyone may download."""
    return reads_everything(user)


def all_wales_strategies(user: Any) -> QuerySet[Strategy]:
    """The strategies the all-Wales roll-up counts for this user: every strategy for national
    observers; published ones (their own partnership's included) for everyone else."""
    strategy_model: type[Strategy] = apps.get_model("plans", "Strategy")
    if reads_everything(user):
        return strategy_model.objects.all()
    return strategy_model.objects.filter(status=StrategyStatus.PUBLISHED)


def all_wales_partnerships(user: Any) -> QuerySet[Partnership]:
    """The rows of the all-Wales view: all partnerships for national observers; for a member,
    their own partnerships and those with a published strategy."""
    if reads_everything(user):
        return Partnership.objects.all()
    return visible_partnerships(user)


def governance_structure_is_public(has_published_strategy: bool) -> bool:
    """Anyone may read the names, kinds and reporting lines of a partnership's groups once it
    has a published strategy (published plans name their boards). Meetings, seats, attendance
    and minutes stay with members (`can_view_governance`)."""
    return has_published_strategy


def all_wales_reader(user: Any) -> str:
    """What decides which rows of the all-Wales view a person sees and whether they may issue
    the national report: everything (national observers, superusers), or the partnerships they
    belong to (with the published ones, which the data itself says). Two people with the same
    answer see the same page, so the page may be kept for both."""
    if reads_everything(user):
        return "all"
    return "member:" + ",".join(str(pk) for pk in sorted(roles_of(user)))


def can_have_api_tokens(user: Any) -> bool:
    """Any active, signed-in person may hold personal API tokens (they read as that person)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_change_own_details(user: Any, person: Any) -> bool:
    """A person may change their own name, job title and language, and nobody else's."""
    return bool(getattr(user, "is_authenticated", False) and user.pk == person.pk)


def can_revoke_api_token(user: Any, token: Any) -> bool:
    """A token's owner may revoke it; so may a superuser (a token that has leaked)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(token.user_id == user.pk or user.is_superuser)


def token_allows_progress_writes(token: Any) -> bool:
    """A request may write progress updates through the API only with a personal token its
    owner made for that ("progress" scope); what it may then write is still the owner's rules
    (`can_write_update`). Sessions and read-only tokens cannot write through the API."""
    return bool(token is not None and getattr(token, "scope", None) == "progress")


def can_grant_privileges(user: Any) -> bool:
    """Only a superuser changes who is staff, superuser, national observer or active, and
    partnership roles in the Django admin (always audited)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def has_administrative_powers(user: Any) -> bool:
    """Superusers, staff and any partnership's administrators: their sessions end sooner."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Role.ADMINISTRATOR in roles_of(user).values()


def must_leave_own_update_to_another(user: Any, partnership_id: int) -> bool:
    """An administrator may not approve a progress update they wrote while the partnership has
    another administrator who can. A sole administrator may; the approval is then recorded as
    self-approved (progress/self_approval.py)."""
    admins = Membership.objects.filter(
        partnership_id=partnership_id, role=Role.ADMINISTRATOR, user__is_active=True
    )
    others = admins.exclude(user_id=user.pk) if getattr(user, "pk", None) else admins
    return others.exists()


# The national public bodies loaded from the reference data: their existence is public record
# and every partnership works with them.
NATIONAL_ORGANISATION_TYPES = (
    OrganisationType.POLICE_FORCE,
    OrganisationType.HEALTH_BOARD,
    OrganisationType.WELSH_GOVERNMENT,
)


def visible_organisations(user: Any) -> Q:
    """Organisations a user may look up (the API), as a filter on organisations.

    National observers and superusers: all. Anyone else: the national public bodies, members of
    a partnership they may see, and organisations named as lead or partner on an action of a
    strategy they may see — so a provider named only in another partnership's draft stays hidden.
    """
    if reads_everything(user):
        return Q()
    strategy_ids = visible_strategies(user).order_by().values("pk")
    in_visible_partnership = Partnership.organisations.through.objects.filter(
        partnership__in=visible_partnerships(user).order_by().values("pk")
    ).values("organisation_id")
    action = apps.get_model("plans", "Action")
    leads_visible_action = action.lead_organisations.through.objects.filter(
        action__commitment__theme__strategy__in=strategy_ids
    ).values("organisation_id")
    partners_visible_action = action.partner_organisations.through.objects.filter(
        action__commitment__theme__strategy__in=strategy_ids
    ).values("organisation_id")
    return (
        Q(organisation_type__in=NATIONAL_ORGANISATION_TYPES)
        | Q(pk__in=in_visible_partnership)
        | Q(pk__in=leads_visible_action)
        | Q(pk__in=partners_visible_action)
    )


# Safeguarding reviews (reviews app). Reports are published and anonymised, yet the learning
# drawn from them is the panel's working material, so reading is narrower than for plans.

_PANEL_CACHE_ATTR = "_vawdasv_learning_panels"


def learning_panels_of(user: Any) -> set[int]:
    """Ids of the partnerships whose safeguarding learning panel this user sits on (cached on
    the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, _PANEL_CACHE_ATTR, None)
    if cached is None:
        seat_model = apps.get_model("reviews", "LearningPanelMember")
        cached = set(seat_model.objects.filter(user=user).values_list("partnership_id", flat=True))
        setattr(user, _PANEL_CACHE_ATTR, cached)
    return cached


def forget_learning_panels(user: Any) -> None:
    if hasattr(user, _PANEL_CACHE_ATTR):
        delattr(user, _PANEL_CACHE_ATTR)


def can_read_reviews_in_full(user: Any, partnership_id: int) -> bool:
    """Every review of the partnership, with its text, codes and recommendations: its learning
    panel, its administrators and superusers. National observers and other members see only what
    the partnership shows to everyone."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or partnership_id in learning_panels_of(user):
        return True
    return role_in(user, partnership_id) == Role.ADMINISTRATOR


def can_manage_reviews(user: Any, partnership_id: int) -> bool:
    """Record reviews, upload their reports, code them and keep their recommendations: the same
    people who read them in full."""
    return can_read_reviews_in_full(user, partnership_id)


def can_view_review(user: Any, review: Any) -> bool:
    """A review the partnership shows to everyone (its summary and recommendation status), or
    any of its reviews for those who read them in full."""
    return bool(review.shared) or can_read_reviews_in_full(user, review.partnership_id)


def visible_reviews_filter(user: Any) -> Q:
    """The reviews this user may see, as a filter on the Review model."""
    if getattr(user, "is_authenticated", False) and user.is_superuser:
        return Q()
    full = {pid for pid, role in roles_of(user).items() if role == Role.ADMINISTRATOR}
    full |= learning_panels_of(user)
    return Q(shared=True) | Q(partnership_id__in=sorted(full))


def can_edit_codebook(user: Any) -> bool:
    """The codebook is shared by every partnership: any learning panel member or a superuser
    edits it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or learning_panels_of(user))


def can_update_recommendation(user: Any, recommendation: Any, partnership_id: int) -> bool:
    """Write an update on a review's recommendation: those who manage the partnership's reviews,
    or a lead officer of the organisation that owns the recommendation."""
    if can_manage_reviews(user, partnership_id):
        return True
    if role_in(user, partnership_id) != Role.LEAD_OFFICER:
        return False
    owner = recommendation.owner_organisation_id
    return owner is not None and owner == getattr(user, "organisation_id", None)


def can_seat_learning_panel(user: Any, partnership_id: int) -> bool:
    """Add and remove learning panel members: the partnership's administrators."""
    return can_manage_plans(user, partnership_id)


def can_translate_strategy(user: Any, partnership_id: int) -> bool:
    """Export a plan's texts for a translator and import the Welsh back (plan content, updates'
    narratives and the report's written content): the regional team, who may change them all."""
    return can_manage_plans(user, partnership_id) and can_write_report_text(user, partnership_id)
