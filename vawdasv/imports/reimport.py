"""Re-importing a revised plan document into a strategy that is already on the platform.

Next year's version of a plan rewords some actions, moves some, adds and drops others. Writing
it as a new strategy would lose every action's history and progress updates, so the revised
document is compared with the strategy first (`plan_reimport`), and the comparison is shown to
the person importing as added / changed / unchanged / no longer present. Only then is it
written (`apply_reimport`), in one transaction, through `plans.services`.

How things are paired (see `matching` for the text rules):

- Themes by name; commitments within the same theme by reference number, then by wording.
- Actions: the same wording under the same commitment first (a "reference" match when that
  commitment was paired by its reference number), then the same wording anywhere (a moved
  action), then wording nearly the same within the same theme, then anywhere in the plan.

Nothing is deleted unless the person says so (`remove_missing=True`); actions the revised plan
no longer has are otherwise left as they are and listed. Re-importing the document a strategy
was imported from finds nothing to change and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit.origins import Origin
from vawdasv.imports.matching import (
    SIMILARITY_THRESHOLD,
    normalise_ref,
    normalise_text,
    pair_exact,
    pair_similar,
)
from vawdasv.imports.model import ParsedAction, ParsedCommitment, ParsedPlan, ParsedTheme
from vawdasv.lib.bilingual import LANGUAGE_CODES, read
from vawdasv.partnerships import permissions
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.leads import AliasTable, OrganisationEntry
from vawdasv.partnerships.models import Organisation
from vawdasv.plans import services as plan_services
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.plans.timescales import parse_timescale

REFERENCE, SAME_TEXT, SIMILAR_TEXT = "reference", "same text", "similar text"


@dataclass(frozen=True)
class FieldChange:
    """One field of an action or commitment, as it is now and as the revised plan has it."""

    field: str
    before: str | list[str]
    after: str | list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class LeadMatch:
    """A lead name as the document writes it, and the organisation it stands for."""

    name: str
    entry: OrganisationEntry
    organisation_id: int | None  # None: a body the platform does not hold yet

    @property
    def key(self) -> str:
        return self.entry.slug


@dataclass
class ThemePlan:
    parsed: ParsedTheme
    existing_id: int | None


@dataclass
class CommitmentPlan:
    """A commitment of the revised plan and the existing commitment it was paired with."""

    theme_index: int
    parsed: ParsedCommitment
    existing_id: int | None = None
    version: int | None = None
    matched_by: str | None = None
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ActionPlan:
    """An action of the revised plan: new, or paired with an existing action."""

    commitment_index: int
    parsed: ParsedAction
    existing_id: int | None = None
    version: int | None = None
    matched_by: str | None = None
    score: float = 0.0
    changes: list[FieldChange] = field(default_factory=list)
    moved_from: str | None = None  # the commitment it was under, when it moved

    @property
    def is_new(self) -> bool:
        return self.existing_id is None

    @property
    def is_changed(self) -> bool:
        return not self.is_new and (bool(self.changes) or self.moved_from is not None)


@dataclass
class MissingAction:
    """An action on the platform that the revised plan no longer has."""

    action_id: int
    theme: str
    commitment: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.action_id,
            "theme": self.theme,
            "commitment": self.commitment,
            "text": self.text,
        }


@dataclass
class ReimportPlan:
    """What re-importing a revised document would change, for the person to check first."""

    strategy_id: int
    language: str
    themes: list[ThemePlan]
    commitments: list[CommitmentPlan]
    actions: list[ActionPlan]
    missing: list[MissingAction]
    missing_commitment_ids: list[int]
    missing_theme_ids: list[int]
    leads: dict[str, LeadMatch]
    threshold: float = SIMILARITY_THRESHOLD

    @property
    def added(self) -> list[ActionPlan]:
        return [a for a in self.actions if a.is_new]

    @property
    def changed(self) -> list[ActionPlan]:
        return [a for a in self.actions if a.is_changed]

    @property
    def unchanged(self) -> list[ActionPlan]:
        return [a for a in self.actions if not a.is_new and not a.is_changed]

    @property
    def added_themes(self) -> list[ThemePlan]:
        return [t for t in self.themes if t.existing_id is None]

    @property
    def added_commitments(self) -> list[CommitmentPlan]:
        return [c for c in self.commitments if c.existing_id is None]

    @property
    def changed_commitments(self) -> list[CommitmentPlan]:
        return [c for c in self.commitments if c.changes]

    @property
    def new_organisations(self) -> list[OrganisationEntry]:
        entries = {m.key: m.entry for m in self.leads.values() if m.organisation_id is None}
        return list(entries.values())

    @property
    def has_changes(self) -> bool:
        """Whether applying it (keeping missing actions) would write anything."""
        return bool(
            self.added or self.changed or self.added_themes or self.added_commitments
        ) or bool(self.changed_commitments)

    def place(self, action: ActionPlan) -> tuple[str, str]:
        commitment = self.commitments[action.commitment_index]
        theme = self.themes[commitment.theme_index]
        return theme.parsed.name, _commitment_label(commitment.parsed)

    def _action_dict(self, action: ActionPlan) -> dict[str, Any]:
        theme, commitment = self.place(action)
        return {
            "id": action.existing_id,
            "theme": theme,
            "commitment": commitment,
            "text": action.parsed.text,
            "matched_by": action.matched_by,
            "similarity": round(action.score, 3) if action.existing_id else None,
            "moved_from": action.moved_from,
            "changes": [change.to_dict() for change in action.changes],
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategy_id": self.strategy_id,
            "language": self.language,
            "added": [self._action_dict(a) for a in self.added],
            "changed": [self._action_dict(a) for a in self.changed],
            "unchanged": [self._action_dict(a) for a in self.unchanged],
            "missing": [m.to_dict() for m in self.missing],
            "added_themes": [t.parsed.name for t in self.added_themes],
            "added_commitments": [
                {
                    "theme": self.themes[c.theme_index].parsed.name,
                    "ref": c.parsed.ref,
                    "text": c.parsed.text,
                }
                for c in self.added_commitments
            ],
            "changed_commitments": [
                {
                    "id": c.existing_id,
                    "matched_by": c.matched_by,
                    "changes": [change.to_dict() for change in c.changes],
                }
                for c in self.changed_commitments
            ],
            "new_organisations": [entry.name_en for entry in self.new_organisations],
        }


@dataclass(frozen=True)
class ReimportResult:
    added: int
    changed: int
    unchanged: int
    removed: int
    kept_missing: int


# Comparing ---------------------------------------------------------------------------------


def _commitment_label(commitment: ParsedCommitment | Commitment) -> str:
    text = commitment.text if isinstance(commitment, ParsedCommitment) else str(commitment)
    return f"{commitment.ref} {text}".strip() if commitment.ref else text


def _text(obj: Any, name: str, language: str) -> str:
    """A field in the document's language, falling back to the other (for pairing only)."""
    return read(obj, name, language).text


def lead_table(strategy: Strategy, aliases: Iterable[OrganisationEntry]) -> AliasTable:
    """The partnership's own shorthand first, then every member organisation's names."""
    members = [
        OrganisationEntry(
            slug=organisation.slug,
            name_en=organisation.name_en,
            name_cy=organisation.name_cy,
            short_name=organisation.short_name,
            aliases=tuple(name for name in (organisation.name_cy,) if name),
            organisation_type=organisation.organisation_type,
        )
        for organisation in strategy.partnership.organisations.order_by("pk")
    ]
    return AliasTable([*aliases, *members])


def _resolve_leads(parsed: ParsedPlan, table: AliasTable) -> dict[str, LeadMatch]:
    leads: dict[str, LeadMatch] = {}
    for name in dict.fromkeys(lead for action in parsed.actions() for lead in action.leads):
        entry = table.resolve(name)
        organisation = partnership_services.find_organisation(
            slug=entry.slug, name_en=entry.name_en
        )
        if organisation is not None and organisation.slug != entry.slug:
            entry = OrganisationEntry(
                slug=organisation.slug,
                name_en=organisation.name_en,
                organisation_type=organisation.organisation_type,
            )
        leads[name] = LeadMatch(
            name=name, entry=entry, organisation_id=organisation.pk if organisation else None
        )
    return leads


def _lead_keys(action: ParsedAction, leads: dict[str, LeadMatch]) -> list[str]:
    return sorted({leads[name].key for name in action.leads})


def _lead_names(
    keys: Iterable[str], leads: dict[str, LeadMatch], known: dict[str, str]
) -> list[str]:
    names = {m.key: m.entry.name_en for m in leads.values()}
    return sorted(known.get(key) or names.get(key, key) for key in keys)


class _Comparison:
    """Works out a `ReimportPlan`; one instance per comparison."""

    def __init__(
        self, strategy: Strategy, parsed: ParsedPlan, language: str, table: AliasTable
    ) -> None:
        self.strategy = strategy
        self.parsed = parsed
        self.language = language
        actions = Action.objects.prefetch_related("lead_organisations")
        commitments = Commitment.objects.prefetch_related(Prefetch("actions", queryset=actions))
        self.existing_themes: list[Theme] = list(
            strategy.themes.prefetch_related(Prefetch("commitments", queryset=commitments))
        )
        self.existing_commitments = {
            c.pk: c for t in self.existing_themes for c in t.commitments.all()
        }
        self.existing_actions = {
            a.pk: a for c in self.existing_commitments.values() for a in c.actions.all()
        }
        self.leads = _resolve_leads(parsed, table)
        self.organisation_names = {
            o.slug: o.name_en
            for a in self.existing_actions.values()
            for o in a.lead_organisations.all()
        }
        self.themes: list[ThemePlan] = []
        self.commitments: list[CommitmentPlan] = []
        self.actions: list[ActionPlan] = []

    def run(self) -> ReimportPlan:
        self.pair_themes()
        self.pair_commitments()
        self.pair_actions()
        for action in self.actions:
            self.compare_action(action)
        paired_actions = {a.existing_id for a in self.actions}
        paired_commitments = {c.existing_id for c in self.commitments}
        paired_themes = {t.existing_id for t in self.themes}
        missing = [
            MissingAction(
                action_id=action.pk,
                theme=str(self.existing_commitments[action.commitment_id].theme),
                commitment=_commitment_label(self.existing_commitments[action.commitment_id]),
                text=str(action),
            )
            for action in self.existing_actions.values()
            if action.pk not in paired_actions
        ]
        return ReimportPlan(
            strategy_id=self.strategy.pk,
            language=self.language,
            themes=self.themes,
            commitments=self.commitments,
            actions=self.actions,
            missing=missing,
            missing_commitment_ids=[
                pk for pk in self.existing_commitments if pk not in paired_commitments
            ],
            missing_theme_ids=[t.pk for t in self.existing_themes if t.pk not in paired_themes],
            leads=self.leads,
        )

    # Themes and commitments ----------------------------------------------------------------

    def pair_themes(self) -> None:
        by_name: dict[str, Theme] = {}
        for theme in self.existing_themes:
            for name in (theme.name_en, theme.name_cy):
                if name:
                    by_name.setdefault(normalise_text(name), theme)
        used: set[int] = set()
        for parsed_theme in self.parsed.themes:
            found = by_name.get(normalise_text(parsed_theme.name))
            if found is not None and found.pk not in used:
                used.add(found.pk)
                self.themes.append(ThemePlan(parsed_theme, found.pk))
            else:
                self.themes.append(ThemePlan(parsed_theme, None))

    def pair_commitments(self) -> None:
        for theme_index, theme in enumerate(self.parsed.themes):
            for parsed_commitment in theme.commitments:
                self.commitments.append(CommitmentPlan(theme_index, parsed_commitment))
        theme_of = {c.pk: c.theme_id for c in self.existing_commitments.values()}

        def same_theme(old: int, new: int) -> bool:
            return theme_of[old] == self.themes[self.commitments[new].theme_index].existing_id

        olds = list(self.existing_commitments.values())
        news = list(enumerate(self.commitments))
        steps = (
            (REFERENCE, [(c.pk, normalise_ref(c.ref)) for c in olds],
             [(i, normalise_ref(c.parsed.ref)) for i, c in news]),
            (SAME_TEXT, [(c.pk, normalise_text(_text(c, "text", self.language))) for c in olds],
             [(i, normalise_text(c.parsed.text)) for i, c in news]),
        )  # fmt: skip
        paired_old: set[int] = set()
        for matched_by, old_keys, new_keys in steps:
            remaining_old = [(k, t) for k, t in old_keys if k not in paired_old]
            remaining_new = [(k, t) for k, t in new_keys if self.commitments[k].existing_id is None]
            for pair in pair_exact(remaining_old, remaining_new, allowed=same_theme):
                self._pair_commitment(pair.new, pair.old, matched_by)
                paired_old.add(pair.old)
        remaining_old = [
            (c.pk, normalise_text(_text(c, "text", self.language)))
            for c in olds
            if c.pk not in paired_old
        ]
        remaining_new = [
            (i, normalise_text(c.parsed.text)) for i, c in news if c.existing_id is None
        ]
        for pair in pair_similar(remaining_old, remaining_new, allowed=same_theme):
            self._pair_commitment(pair.new, pair.old, SIMILAR_TEXT)

    def _pair_commitment(self, index: int, pk: int, matched_by: str) -> None:
        plan = self.commitments[index]
        existing = self.existing_commitments[pk]
        plan.existing_id, plan.version, plan.matched_by = pk, existing.version, matched_by
        text_field = f"text_{self.language}"
        if (existing_text := getattr(existing, text_field)) != plan.parsed.text:
            plan.changes.append(FieldChange(text_field, existing_text, plan.parsed.text))
        if plan.parsed.ref and existing.ref != plan.parsed.ref:
            plan.changes.append(FieldChange("ref", existing.ref, plan.parsed.ref))

    # Actions -------------------------------------------------------------------------------

    def pair_actions(self) -> None:
        for index, commitment in enumerate(self.commitments):
            for parsed_action in commitment.parsed.actions:
                self.actions.append(ActionPlan(index, parsed_action))
        commitment_of = {a.pk: a.commitment_id for a in self.existing_actions.values()}
        theme_of = {c.pk: c.theme_id for c in self.existing_commitments.values()}

        def target(new: int) -> CommitmentPlan:
            return self.commitments[self.actions[new].commitment_index]

        def same_commitment(old: int, new: int) -> bool:
            return commitment_of[old] == target(new).existing_id

        def same_theme(old: int, new: int) -> bool:
            theme_id = self.themes[target(new).theme_index].existing_id
            return theme_of[commitment_of[old]] == theme_id

        steps = (
            (pair_exact, same_commitment),
            (pair_exact, None),
            (pair_similar, same_theme),
            (pair_similar, None),
        )
        paired_old: set[int] = set()
        for pair_texts, allowed in steps:
            olds = [
                (pk, normalise_text(_text(a, "text", self.language)))
                for pk, a in self.existing_actions.items()
                if pk not in paired_old
            ]
            news = [
                (i, normalise_text(a.parsed.text))
                for i, a in enumerate(self.actions)
                if a.existing_id is None
            ]
            for pair in pair_texts(olds, news, allowed=allowed):
                plan = self.actions[pair.new]
                existing = self.existing_actions[pair.old]
                plan.existing_id, plan.version, plan.score = pair.old, existing.version, pair.score
                if pair.score < 1.0:
                    plan.matched_by = SIMILAR_TEXT
                elif allowed is same_commitment and target(pair.new).matched_by == REFERENCE:
                    plan.matched_by = REFERENCE
                else:
                    plan.matched_by = SAME_TEXT
                paired_old.add(pair.old)

    def compare_action(self, plan: ActionPlan) -> None:
        if plan.existing_id is None:
            return
        existing = self.existing_actions[plan.existing_id]
        parsed = plan.parsed
        for name, after in (
            (f"text_{self.language}", parsed.text),
            (f"evidence_{self.language}", parsed.evidence or ""),
        ):
            if getattr(existing, name) != after:
                plan.changes.append(FieldChange(name, getattr(existing, name), after))
        timescale = parse_timescale(parsed.timescale).text or ""
        if existing.timescale_text != timescale:
            plan.changes.append(FieldChange("timescale_text", existing.timescale_text, timescale))
        before = sorted(o.slug for o in existing.lead_organisations.all())
        after_keys = _lead_keys(parsed, self.leads)
        if before != after_keys:
            plan.changes.append(
                FieldChange(
                    "lead_organisations",
                    _lead_names(before, self.leads, self.organisation_names),
                    _lead_names(after_keys, self.leads, self.organisation_names),
                )
            )
        target = self.commitments[plan.commitment_index]
        if target.existing_id != existing.commitment_id:
            plan.moved_from = _commitment_label(self.existing_commitments[existing.commitment_id])


def plan_reimport(
    strategy: Strategy,
    parsed: ParsedPlan,
    *,
    aliases: AliasTable | Iterable[OrganisationEntry] = (),
    language: str = "en",
) -> ReimportPlan:
    """Compare a revised plan with a strategy; reads only, writes nothing.

    `language` is the language the document is written in: its texts are compared with, and
    would be written to, the `_en` or `_cy` fields.
    """
    if language not in LANGUAGE_CODES:
        raise ValueError(f"Unknown language {language!r}")
    entries = aliases.entries if isinstance(aliases, AliasTable) else tuple(aliases)
    return _Comparison(strategy, parsed, language, lead_table(strategy, entries)).run()


# Writing ------------------------------------------------------------------------------------


class _Writer:
    def __init__(
        self, actor: Any, strategy: Strategy, diff: ReimportPlan, source: Origin | str
    ) -> None:
        self.actor = actor
        self.strategy = strategy
        self.diff = diff
        self.source = source
        self.language = diff.language
        self.organisations: dict[str, Organisation] = {}
        self.themes: dict[int, Theme] = {}
        self.commitments: dict[int, Commitment] = {}

    def lead_organisations(self, action: ParsedAction) -> list[Organisation]:
        keys = _lead_keys(action, self.diff.leads)
        missing = [key for key in keys if key not in self.organisations]
        for key in missing:
            entry = next(m.entry for m in self.diff.leads.values() if m.key == key)
            organisation, _created = partnership_services.get_or_create_organisation(
                actor=self.actor,
                partnership=self.strategy.partnership,
                slug=entry.slug,
                name_en=entry.name_en,
                name_cy=entry.name_cy,
                short_name=entry.short_name,
                organisation_type=entry.organisation_type,
                source=self.source,
            )
            self.organisations[key] = organisation
        if missing:
            partnership_services.add_member_organisations(
                actor=self.actor,
                partnership=self.strategy.partnership,
                organisations=[self.organisations[key] for key in missing],
                source=self.source,
            )
        return [self.organisations[key] for key in keys]

    def theme(self, index: int) -> Theme:
        if index not in self.themes:
            plan = self.diff.themes[index]
            if plan.existing_id is not None:
                self.themes[index] = Theme.objects.get(pk=plan.existing_id, strategy=self.strategy)
            else:
                self.themes[index] = plan_services.create_theme(
                    actor=self.actor,
                    strategy=self.strategy,
                    data={
                        f"name_{self.language}": plan.parsed.name,
                        f"aim_{self.language}": plan.parsed.aim or "",
                    },
                    source=self.source,
                )
        return self.themes[index]

    def commitment(self, index: int) -> Commitment:
        if index not in self.commitments:
            plan = self.diff.commitments[index]
            if plan.existing_id is None:
                self.commitments[index] = plan_services.create_commitment(
                    actor=self.actor,
                    theme=self.theme(plan.theme_index),
                    data={
                        "ref": plan.parsed.ref or "",
                        f"text_{self.language}": plan.parsed.text,
                    },
                    source=self.source,
                )
            else:
                commitment = Commitment.objects.select_related("theme__strategy").get(
                    pk=plan.existing_id, theme__strategy=self.strategy
                )
                if plan.changes:
                    commitment = plan_services.update_commitment(
                        actor=self.actor,
                        commitment=commitment,
                        data={change.field: change.after for change in plan.changes},
                        expected_version=plan.version,
                        source=self.source,
                    )
                self.commitments[index] = commitment
        return self.commitments[index]

    def action_data(self, plan: ActionPlan) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for change in plan.changes:
            if change.field == "lead_organisations":
                data[change.field] = self.lead_organisations(plan.parsed)
            else:
                data[change.field] = change.after
        return data

    def write_action(self, plan: ActionPlan) -> None:
        commitment = self.commitment(plan.commitment_index)
        parsed = plan.parsed
        if plan.existing_id is None:
            plan_services.create_action(
                actor=self.actor,
                commitment=commitment,
                data={
                    f"text_{self.language}": parsed.text,
                    f"evidence_{self.language}": parsed.evidence or "",
                    "timescale_text": parsed.timescale or "",
                    "lead_organisations": self.lead_organisations(parsed),
                },
                source=self.source,
            )
            return
        if not plan.is_changed:
            return
        action = Action.objects.select_related("commitment__theme__strategy__partnership").get(
            pk=plan.existing_id, commitment__theme__strategy=self.strategy
        )
        version = plan.version
        if plan.moved_from is not None:
            action = plan_services.move_action(
                actor=self.actor,
                action=action,
                commitment=commitment,
                expected_version=version,
                source=self.source,
            )
            version = action.version
        if plan.changes:
            plan_services.update_action(
                actor=self.actor,
                action=action,
                data=self.action_data(plan),
                expected_version=version,
                source=self.source,
            )

    def remove_missing(self) -> int:
        removed = 0
        for missing in self.diff.missing:
            action = Action.objects.filter(
                pk=missing.action_id, commitment__theme__strategy=self.strategy
            ).first()
            if action is not None:
                plan_services.delete_action(actor=self.actor, action=action, source=self.source)
                removed += 1
        # Commitments and themes the revised plan no longer has go too, once nothing is left
        # under them (an action moved out of one is not lost with it).
        for commitment in Commitment.objects.filter(pk__in=self.diff.missing_commitment_ids):
            if not commitment.actions.exists():
                plan_services.delete_commitment(
                    actor=self.actor, commitment=commitment, source=self.source
                )
        for theme in Theme.objects.filter(pk__in=self.diff.missing_theme_ids):
            if not theme.commitments.exists():
                plan_services.delete_theme(actor=self.actor, theme=theme, source=self.source)
        return removed


@transaction.atomic
def apply_reimport(
    actor: Any,
    strategy: Strategy,
    diff: ReimportPlan,
    *,
    remove_missing: bool,
    source: Origin | str,
) -> ReimportResult:
    """Write a checked comparison to the strategy: all of it, or (on any error) none of it.

    `source` names the import on every audit entry. Actions the revised plan no longer has are
    deleted only with `remove_missing=True`. An action edited by somebody else since the
    comparison was made stops the whole import (`plans.services.ConcurrentEditError`).
    """
    if diff.strategy_id != strategy.pk:
        raise ValueError("This comparison was made for another strategy.")
    kernel.require(permissions.can_manage_imports(actor, strategy.partnership_id))
    writer = _Writer(actor, strategy, diff, source)
    for index in range(len(diff.themes)):
        if diff.themes[index].existing_id is None:
            writer.theme(index)
    for index, commitment in enumerate(diff.commitments):
        if commitment.existing_id is None or commitment.changes:
            writer.commitment(index)
    for action in diff.actions:
        writer.write_action(action)
    removed = writer.remove_missing() if remove_missing else 0
    return ReimportResult(
        added=len(diff.added),
        changed=len(diff.changed),
        unchanged=len(diff.unchanged),
        removed=removed,
        kept_missing=0 if remove_missing else len(diff.missing),
    )


def counts_line(diff: ReimportPlan) -> str:
    """One line for people: how many actions are added, changed, unchanged and gone."""
    return _(
        "%(added)s added, %(changed)s changed, %(unchanged)s unchanged, "
        "%(missing)s no longer in the plan."
    ) % {
        "added": len(diff.added),
        "changed": len(diff.changed),
        "unchanged": len(diff.unchanged),
        "missing": len(diff.missing),
    }


__all__ = [
    "ActionPlan",
    "CommitmentPlan",
    "FieldChange",
    "MissingAction",
    "ReimportPlan",
    "ReimportResult",
    "ThemePlan",
    "apply_reimport",
    "counts_line",
    "plan_reimport",
]
