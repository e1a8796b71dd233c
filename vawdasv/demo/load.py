"""The demo: the Cardiff and Vale of Glamorgan partnership with its real 2023–2028 plan.

The plan is not typed in here: it is read from the published implementation plan (the
reference document) by the plan importer, so the demo also shows the importer working. People
for every role get a shared, printed demo password.

Loading is repeatable: each run rebuilds the demo partnership's plans (and their history) from
the document, and resets the demo people and their roles. It is for demonstration databases
only: anything changed in the Cardiff and Vale plans since the last run is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vawdasv.accounts.models import Notification, User
from vawdasv.audit import origins
from vawdasv.audit import services as audit_services
from vawdasv.audit.origins import Origin, OriginKind
from vawdasv.demo import history as demo_history
from vawdasv.demo import mid_west_wales
from vawdasv.demo.governance import load_demo_governance
from vawdasv.demo.outcomes import load_demo_outcomes
from vawdasv.demo.reviews import load_demo_reviews
from vawdasv.demo.rounds import load_demo_rounds
from vawdasv.imports.model import ImportWarning, PlanCounts
from vawdasv.imports.services import import_plan
from vawdasv.imports.text_tables import parse
from vawdasv.lib.env import envstr
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.aliases import ensure_aliases
from vawdasv.partnerships.enums import OrganisationType, Role
from vawdasv.partnerships.leads import AliasTable, OrganisationEntry
from vawdasv.partnerships.models import Membership, Organisation, Partnership
from vawdasv.plans.enums import StrategyStatus
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.reference.loading import load_reference_data
from vawdasv.reference.models import LocalAuthority, Region

DEMO_PASSWORD = "demo-password-2026"
PLAN_FILE = "cardiff-vale-vawdasv-implementation-plan-2023-28.txt"
STRATEGY_SLUG = "cardiff-vale-2023-2028"
IMPORT_SOURCE = Origin(OriginKind.PLAN_IMPORT, detail=PLAN_FILE)


class DemoDataMissing(Exception):
    """The reference document the demo plan is read from cannot be found."""


# Organisations, and how the Cardiff and Vale plan writes their names in its Lead column.
# load-demo seeds the partnership's editable alias list from this table; imports read the list.

REGIONAL_TEAM = OrganisationEntry(
    slug="cardiff-vale-regional-team",
    name_en="Cardiff and Vale of Glamorgan VAWDASV Regional Team",
    name_cy="Tîm Rhanbarthol VAWDASV Caerdydd a Bro Morgannwg",
    aliases=("Regional Team", "Regional Teams", "VAWDASV Regional Team"),
    organisation_type=OrganisationType.PARTNERSHIP_TEAM,
)
SOUTH_WALES_POLICE = OrganisationEntry(
    slug="south-wales-police",
    name_en="South Wales Police",
    name_cy="Heddlu De Cymru",
    short_name="SWP",
    organisation_type=OrganisationType.POLICE_FORCE,
)
SOUTH_WALES_PCC = OrganisationEntry(
    slug="south-wales-police-and-crime-commissioner",
    name_en="South Wales Police and Crime Commissioner",
    name_cy="Comisiynydd Heddlu a Throseddu De Cymru",
    short_name="PCC",
    aliases=("South Wales PCC", "OPCC", "Police and Crime Commissioner"),
    organisation_type=OrganisationType.POLICE_CRIME_COMMISSIONER,
)
WELSH_GOVERNMENT = OrganisationEntry(
    slug="welsh-government",
    name_en="Welsh Government",
    name_cy="Llywodraeth Cymru",
    short_name="WG",
    organisation_type=OrganisationType.WELSH_GOVERNMENT,
)
CARDIFF_COUNCIL = OrganisationEntry(
    slug="cardiff-council",
    name_en="Cardiff Council",
    name_cy="Cyngor Caerdydd",
    # HRPS is the council's HR People Services, which leads its City for CEDAW work.
    aliases=("City of Cardiff Council", "Cardiff Council Adults Services", "HRPS", "HR Team"),
    organisation_type=OrganisationType.LOCAL_AUTHORITY,
)
VALE_OF_GLAMORGAN_COUNCIL = OrganisationEntry(
    slug="vale-of-glamorgan-council",
    name_en="Vale of Glamorgan Council",
    name_cy="Cyngor Bro Morgannwg",
    short_name="VoG",
    aliases=("Vale of Glamorgan", "VoG Council", "VoG Community Safety"),
    organisation_type=OrganisationType.LOCAL_AUTHORITY,
)
HEALTH_BOARD = OrganisationEntry(
    slug="cardiff-and-vale-university-health-board",
    name_en="Cardiff and Vale University Health Board",
    short_name="CAVUHB",
    aliases=("Health", "UHB", "Cardiff and Vale UHB"),
    organisation_type=OrganisationType.HEALTH_BOARD,
)
CARDIFF_VALE_LEADS = AliasTable(
    (
        REGIONAL_TEAM,
        SOUTH_WALES_POLICE,
        SOUTH_WALES_PCC,
        WELSH_GOVERNMENT,
        CARDIFF_COUNCIL,
        VALE_OF_GLAMORGAN_COUNCIL,
        HEALTH_BOARD,
        OrganisationEntry(
            slug="velindre-university-nhs-trust",
            name_en="Velindre University NHS Trust",
            name_cy="Ymddiriedolaeth GIG Prifysgol Felindre",
            aliases=("Velindre NHS Trust", "Velindre"),
            organisation_type=OrganisationType.NHS_TRUST,
        ),
        OrganisationEntry(
            slug="cardiff-vale-housing-support-grant-team",
            name_en="Housing Support Grant team",
            short_name="HSG",
            aliases=("Housing Support Grant Teams", "HSG leads", "HSG team", "HSG teams"),
            organisation_type=OrganisationType.OTHER,
        ),
        OrganisationEntry(
            slug="cardiff-vale-specialist-providers",
            name_en="Specialist VAWDASV providers",
            aliases=("Providers", "Specialist providers"),
            organisation_type=OrganisationType.SPECIALIST_PROVIDER,
        ),
        OrganisationEntry(
            slug="respect",
            name_en="Respect",
            organisation_type=OrganisationType.SPECIALIST_PROVIDER,
        ),
        OrganisationEntry(
            slug="cardiff-vale-all-partners",
            name_en="All partners",
            aliases=("Partners",),
            organisation_type=OrganisationType.OTHER,
        ),
        OrganisationEntry(
            slug="cardiff-vale-vawdasv-executive-group",
            name_en="VAWDASV Executive Group",
            aliases=("Executive", "Executive Group", "Exec Group"),
            organisation_type=OrganisationType.OTHER,
        ),
        OrganisationEntry(
            slug="cardiff-vale-education-services",
            name_en="Local authority education services",
            aliases=("Education", "Education colleagues"),
            organisation_type=OrganisationType.EDUCATION,
        ),
        OrganisationEntry(
            slug="cardiff-vale-childrens-services",
            name_en="Children's Services",
            aliases=("Childrens Services",),
            organisation_type=OrganisationType.OTHER,
        ),
        OrganisationEntry(
            slug="cardiff-vale-marac-coordinators",
            name_en="MARAC coordinators",
            organisation_type=OrganisationType.OTHER,
        ),
        OrganisationEntry(
            slug="cardiff-vale-mash-partners",
            name_en="MASH partners",
            aliases=("Multi-Agency Safeguarding Hub partners",),
            organisation_type=OrganisationType.OTHER,
        ),
    )
)


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    job_title: str
    organisation: OrganisationEntry | None = None
    partnership: str | None = None  # slug
    role: str | None = None
    superuser: bool = False
    national_observer: bool = False

    def role_label(self) -> str:
        if self.superuser:
            return _("Platform administrator (superuser)")
        if self.national_observer:
            return _("National observer (reads every partnership)")
        return str(Role(self.role).label) if self.role else ""


CARDIFF_VALE = "cardiff-vale"
# The apps whose demo rows are deleted and made again on every load.
DEMO_REBUILT_APPS = ("progress", "governance", "outcomes", "reviews", "national")
GWENT = "gwent"
MID_WEST_WALES = mid_west_wales.SLUG  # real Dyfed-Powys figures of 2015/16 and 2016/17

PEOPLE = (
    DemoPerson(
        username="admin", first_name="Platform", last_name="Administrator",
        job_title="Platform administrator", superuser=True,
    ),
    DemoPerson(
        username="alys", first_name="Alys", last_name="Price", job_title="Regional Adviser",
        organisation=REGIONAL_TEAM, partnership=CARDIFF_VALE, role=Role.ADMINISTRATOR,
    ),
    DemoPerson(
        username="rhys", first_name="Rhys", last_name="Davies",
        job_title="VAWDASV Regional Co-ordinator", organisation=REGIONAL_TEAM,
        partnership=CARDIFF_VALE, role=Role.LEAD_OFFICER,
    ),
    DemoPerson(
        username="owain", first_name="Owain", last_name="Jenkins",
        job_title="Public Protection lead", organisation=SOUTH_WALES_POLICE,
        partnership=CARDIFF_VALE, role=Role.LEAD_OFFICER,
    ),
    DemoPerson(
        username="bethan", first_name="Bethan", last_name="Lloyd",
        job_title="Community Safety Manager", organisation=CARDIFF_COUNCIL,
        partnership=CARDIFF_VALE, role=Role.LEAD_OFFICER,
    ),
    DemoPerson(
        username="gareth", first_name="Gareth", last_name="Hughes", job_title="Board member",
        organisation=HEALTH_BOARD, partnership=CARDIFF_VALE, role=Role.BOARD_MEMBER,
    ),
    DemoPerson(
        username="ffion", first_name="Ffion", last_name="Evans",
        job_title="VAWDASV policy official", organisation=WELSH_GOVERNMENT,
        national_observer=True,
    ),
    DemoPerson(
        username="nia", first_name="Nia", last_name="Thomas", job_title="Regional Adviser",
        partnership=GWENT, role=Role.ADMINISTRATOR,
    ),
)  # fmt: skip


# One lead officer for every lead organisation of the 2023–2028 plan, named in this order (by
# organisation slug) — except LEFT_OUT, deliberately without one, so the adviser's home page
# shows what "nobody is left out" looks like.
LEAD_OFFICER_NAMES = (
    ("Carys", "Morgan"), ("Dafydd", "Roberts"), ("Elin", "Williams"), ("Geraint", "Evans"),
    ("Heledd", "Jones"), ("Iwan", "Parry"), ("Lowri", "Edwards"), ("Meilyr", "Howells"),
    ("Non", "Pritchard"), ("Osian", "Griffiths"), ("Rhian", "Bowen"), ("Sioned", "Rees"),
    ("Tegid", "Owen"), ("Wyn", "Matthews"), ("Aled", "Powell"), ("Catrin", "James"),
    ("Deiniol", "Lewis"), ("Esyllt", "Harris"),
)  # fmt: skip
LEFT_OUT = "respect"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    organisation: str
    partnership: str


@dataclass(frozen=True)
class DemoResult:
    strategy: Strategy
    counts: PlanCounts
    warnings: list[ImportWarning]
    logins: list[DemoLogin]
    password: str = DEMO_PASSWORD
    history: demo_history.HistoryResult | None = None


def default_reference_dir() -> Path:
    """VAWDASV_REFERENCE_DIR, or shared/reference beside the repository."""
    configured = getattr(settings, "VAWDASV_REFERENCE_DIR", None) or envstr("VAWDASV_REFERENCE_DIR")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "reference"


def _partnerships() -> dict[str, Partnership]:
    specs = (
        (
            CARDIFF_VALE,
            "Cardiff and Vale of Glamorgan VAWDASV Partnership",
            "Partneriaeth VAWDASV Caerdydd a Bro Morgannwg",
            "cardiff-and-vale-of-glamorgan",
            ("Cardiff", "Vale of Glamorgan"),
        ),
        (
            GWENT,
            "Gwent VAWDASV Partnership",
            "Partneriaeth VAWDASV Gwent",
            "gwent",
            ("Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"),
        ),
        (
            MID_WEST_WALES,
            "Mid and West Wales VAWDASV Partnership",
            "Partneriaeth VAWDASV Canolbarth a Gorllewin Cymru",
            "mid-and-west-wales",
            ("Carmarthenshire", "Ceredigion", "Pembrokeshire", "Powys"),
        ),
    )
    result = {}
    for slug, name_en, name_cy, region, authorities in specs:
        partnership, _created = Partnership.objects.update_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_cy": name_cy,
                "region": Region.objects.filter(slug=region).first(),
            },
        )
        partnership.local_authorities.set(LocalAuthority.objects.filter(name_en__in=authorities))
        result[slug] = partnership
    return result


def _reset_plans(partnership: Partnership) -> None:
    """Remove the partnership's plans and their history so the import starts clean."""
    audit_services.forget_demo_history(
        partnership=partnership,
        kinds=(Strategy, Theme, Commitment, Action),
        orphans_only=False,
    )
    Strategy.objects.filter(partnership=partnership).delete()


def _organisation(
    entry: OrganisationEntry, *, actor: User, partnership: Partnership
) -> Organisation:
    organisation, _created = partnership_services.get_or_create_organisation(
        actor=actor,
        partnership=partnership,
        slug=entry.slug,
        name_en=entry.name_en,
        name_cy=entry.name_cy,
        short_name=entry.short_name,
        organisation_type=entry.organisation_type,
        source=origins.DEMO,
    )
    return organisation


def _person(
    person: DemoPerson, organisation: Organisation | None, partnership: Partnership | None
) -> User:
    user, _created = User.objects.update_or_create(
        username=person.username,
        defaults={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": f"{person.username}@example.org",
            "job_title": person.job_title,
            "organisation": organisation,
            "national_observer": person.national_observer,
            "is_superuser": person.superuser,
            "is_staff": person.superuser,
            "is_active": True,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    Membership.objects.filter(user=user).delete()
    if partnership is not None and person.role:
        Membership.objects.create(user=user, partnership=partnership, role=person.role)
    return user


def _lead_officer_for_every_lead(
    strategy: Strategy, partnership: Partnership, taken: set[str]
) -> list[tuple[DemoPerson, User]]:
    """A demo lead officer for each lead organisation of the plan that has none (bar LEFT_OUT)."""
    # Decided from PEOPLE, not from the database, so running load-demo again makes the same.
    covered = [
        person.organisation.slug
        for person in PEOPLE
        if person.role == Role.LEAD_OFFICER and person.organisation
    ]
    leads = (
        Organisation.objects.filter(led_actions__commitment__theme__strategy=strategy)
        .exclude(slug__in=covered)
        .exclude(slug=LEFT_OUT)
        .distinct()
        .order_by("slug")
    )
    names = iter(name for name in LEAD_OFFICER_NAMES if name[0].lower() not in taken)
    made = []
    for organisation in leads:
        first, last = next(names)
        person = DemoPerson(
            username=first.lower(), first_name=first, last_name=last, job_title="Lead officer",
            organisation=OrganisationEntry(
                slug=organisation.slug, name_en=organisation.name_en,
                organisation_type=organisation.organisation_type,
            ),
            partnership=partnership.slug, role=Role.LEAD_OFFICER,
        )  # fmt: skip
        made.append((person, _person(person, organisation, partnership)))
    return made


def load_demo(reference_dir: Path | None = None) -> DemoResult:
    """Build (or rebuild) the demo partnerships, people and the imported 2023–2028 plan."""
    # The migrations fill the reference tables; a database emptied since (a test's flush) gets
    # them again, as the demo's partnerships are made of its local authorities.
    if not LocalAuthority.objects.exists():
        load_reference_data(django_apps)
    directory = reference_dir or default_reference_dir()
    path = directory / PLAN_FILE
    missing = [
        candidate
        for candidate in (path, *(directory / name for name in demo_history.REQUIRED_FILES))
        if not candidate.is_file()
    ]
    if missing:
        path = missing[0]
        raise DemoDataMissing(
            _(
                "The demo plan is read from %(path)s, which was not found. Set "
                "VAWDASV_REFERENCE_DIR to the folder holding the reference documents."
            )
            % {"path": path}
        )
    parsed = parse(path.read_text(encoding="utf-8-sig"))

    with transaction.atomic():
        partnerships = _partnerships()
        cardiff_vale = partnerships[CARDIFF_VALE]
        _reset_plans(cardiff_vale)
        # The rounds below notify people again: a rebuild starts their lists afresh.
        Notification.objects.filter(partnership=cardiff_vale).delete()

        platform_admin = _person(PEOPLE[0], None, None)
        organisations: dict[str, Organisation] = {}
        for person in PEOPLE:
            if person.organisation and person.organisation.slug not in organisations:
                organisations[person.organisation.slug] = _organisation(
                    person.organisation, actor=platform_admin, partnership=cardiff_vale
                )
        partnership_services.add_member_organisations(
            actor=platform_admin,
            partnership=cardiff_vale,
            organisations=[
                org for slug, org in organisations.items() if slug != WELSH_GOVERNMENT.slug
            ],
            source=origins.DEMO,
        )
        people = {platform_admin.username: platform_admin}
        for person in PEOPLE[1:]:
            people[person.username] = _person(
                person,
                organisations.get(person.organisation.slug) if person.organisation else None,
                partnerships.get(person.partnership) if person.partnership else None,
            )
        # The lead table becomes the partnership's alias list, which the import then reads.
        partnership_services.add_member_organisations(
            actor=platform_admin,
            partnership=cardiff_vale,
            organisations=[
                _organisation(entry, actor=platform_admin, partnership=cardiff_vale)
                for entry in CARDIFF_VALE_LEADS.entries
            ],
            source=origins.DEMO,
        )
        ensure_aliases(
            actor=platform_admin,
            partnership=cardiff_vale,
            entries=CARDIFF_VALE_LEADS.entries,
            source=origins.DEMO,
        )
        strategy = import_plan(
            actor=people["alys"],
            partnership=cardiff_vale,
            parsed=parsed,
            strategy_data={
                "slug": STRATEGY_SLUG,
                "start_year": 2023,
                "end_year": 2028,
                "status": StrategyStatus.PUBLISHED,
            },
            source=IMPORT_SOURCE,
        )
        history = demo_history.load_demo_history(
            directory=directory,
            partnership=cardiff_vale,
            administrator=people["alys"],
            platform_admin=platform_admin,
        )
        # The demo publishes its progress so the public pages show it (off for a new partnership).
        partnership_services.update_settings(
            actor=people["alys"], partnership=cardiff_vale, publish_progress=True
        )
        lead_officers = _lead_officer_for_every_lead(strategy, cardiff_vale, set(people))
        people.update({person.username: user for person, user in lead_officers})
        load_demo_rounds(strategy=strategy, people=people)  # open and closed rounds on the plan
        load_demo_governance(partnership=cardiff_vale, strategy=strategy, people=people)
        load_demo_outcomes(partnership=cardiff_vale, strategy=strategy, people=people)
        mid_west_wales.load_demo_mid_west_wales(
            partnership=partnerships[MID_WEST_WALES], people=people
        )
        load_demo_reviews(partnership=cardiff_vale, strategy=strategy, people=people)
        # The demo's notifications are for its home pages: nobody is emailed about them (the
        # emails waiting for this transaction to commit find them emailed and send nothing).
        Notification.objects.filter(partnership=cardiff_vale, emailed_at=None).update(
            emailed_at=timezone.now()
        )
        # Every rebuild deletes and makes the demo's rows again: forget the history of the rows
        # that are gone, so loading twice leaves the same history as loading once.
        rebuilt = [
            model
            for model in django_apps.get_models()
            if model._meta.app_label in DEMO_REBUILT_APPS
        ] + [Notification]
        for demo_partnership in (cardiff_vale, partnerships[MID_WEST_WALES]):
            audit_services.forget_demo_history(partnership=demo_partnership, kinds=rebuilt)

    logins = [
        DemoLogin(
            username=person.username,
            name=f"{person.first_name} {person.last_name}",
            role=person.role_label(),
            organisation=person.organisation.name_en if person.organisation else "",
            partnership=partnerships[person.partnership].name_en if person.partnership else "",
        )
        for person in (*PEOPLE, *(person for person, _user in lead_officers))
    ]
    return DemoResult(
        strategy=strategy,
        counts=parsed.counts(),
        warnings=parsed.warnings,
        logins=logins,
        history=history,
    )
