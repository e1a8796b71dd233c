"""What the preview page shows about a parsed plan, worked out once for the template.

The person importing must see, before confirming, every field the importer read, the
timescales it could not understand, and the lead names that will become new organisations
because nothing in the partnership's alias list or the database matches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from vawdasv.imports.corrections import Origin, Removed
from vawdasv.imports.model import ParsedAction, ParsedPlan
from vawdasv.partnerships.leads import AliasTable
from vawdasv.partnerships.services import find_organisation
from vawdasv.plans.enums import TimescaleKind
from vawdasv.plans.timescales import parse_timescale

# Above this many bytes, reading the document again for each preview takes a noticeable time.
LARGE_DOCUMENT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class LeadPreview:
    name: str
    organisation: str
    is_new: bool


REMOVED_LABELS = {
    "delete": _("Deleted"),
    "commitment_heading": _("Made a commitment heading"),
    "theme_heading": _("Made a theme heading"),
    "skip_table": _("Its table was skipped"),
    "": _("Its table was skipped"),
}

RAG_LABELS = {
    "red": (_("Red"), "govuk-tag--red"),
    "amber": (_("Amber"), "govuk-tag--orange"),
    "green": (_("Green"), "govuk-tag--green"),
    "unknown": (_("Unknown, check"), "govuk-tag--yellow"),
}


@dataclass(frozen=True)
class ActionPreview:
    action: ParsedAction
    leads: list[LeadPreview]
    timescale_needs_check: bool
    # Where the action was in the plan as read, for the "Correct" link and its anchor.
    origin: Origin | None = None

    @property
    def anchor(self) -> str:
        """The row's id; only the first piece of a split action has one, so ids stay unique."""
        if self.origin is None or not self.origin.first_piece:
            return ""
        return "action-{}-{}-{}".format(*self.origin.key)

    @property
    def corrected(self) -> bool:
        return bool(self.origin and self.origin.corrected)

    @property
    def timescale_kind_label(self) -> str:
        return str(TimescaleKind(self.action.timescale_kind).label)

    @property
    def rag_label(self) -> str:
        return str(RAG_LABELS[self.action.rag][0]) if self.action.rag in RAG_LABELS else ""

    @property
    def rag_class(self) -> str:
        return RAG_LABELS[self.action.rag][1] if self.action.rag in RAG_LABELS else ""


@dataclass(frozen=True)
class CommitmentPreview:
    ref: str | None
    text: str
    actions: list[ActionPreview]


@dataclass(frozen=True)
class ThemePreview:
    name: str
    aim: str | None
    commitments: list[CommitmentPreview]


@dataclass
class PlanPreview:
    parsed: ParsedPlan
    themes: list[ThemePreview] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    # Corrections that could not be applied, said plainly.
    correction_notes: list[str] = field(default_factory=list)
    # Rows taken out by a correction (deleted, made a heading, table skipped), to undo.
    removed: list[Removed] = field(default_factory=list)

    @property
    def removed_rows(self) -> list[tuple[Removed, str]]:
        """Each removed row with what was done to it, in words."""
        return [
            (row, str(REMOVED_LABELS.get(row.kind, REMOVED_LABELS[""]))) for row in self.removed
        ]

    @property
    def unsure(self) -> list[ActionPreview]:
        """Rows whose structure the importer guessed, for the person to check first."""
        return [
            item
            for theme in self.themes
            for commitment in theme.commitments
            for item in commitment.actions
            if item.action.guess
        ]

    @property
    def has_progress(self) -> bool:
        """Whether the document had a progress column, so the preview needs one too."""
        return any(a.rag or a.progress for a in self.parsed.actions())


class _LeadResolver:
    """Lead name → what it will be linked to, remembering each name's answer."""

    def __init__(self, aliases: AliasTable) -> None:
        self.aliases = aliases
        self.seen: dict[str, LeadPreview] = {}

    def __call__(self, name: str) -> LeadPreview:
        if name not in self.seen:
            entry = self.aliases.resolve(name)
            existing = find_organisation(slug=entry.slug, name_en=entry.name_en)
            self.seen[name] = LeadPreview(
                name=name,
                organisation=existing.name_en if existing else entry.name_en,
                is_new=existing is None,
            )
        return self.seen[name]


def build_preview(
    parsed: ParsedPlan,
    aliases: AliasTable,
    origins: list[Origin] | None = None,
    notes: list[str] | None = None,
    removed: list[Removed] | None = None,
) -> PlanPreview:
    """The preview of a plan; `origins` (one per action) say where corrected actions came from."""
    resolve = _LeadResolver(aliases)
    preview = PlanPreview(
        parsed=parsed, correction_notes=list(notes or []), removed=list(removed or [])
    )
    origin_of = iter(origins or [])
    for theme in parsed.themes:
        commitments = [
            CommitmentPreview(
                ref=commitment.ref,
                text=commitment.text,
                actions=[
                    ActionPreview(
                        action=action,
                        leads=[resolve(name) for name in action.leads],
                        timescale_needs_check=parse_timescale(action.timescale).needs_check,
                        origin=next(origin_of, None),
                    )
                    for action in commitment.actions
                ],
            )
            for commitment in theme.commitments
        ]
        preview.themes.append(ThemePreview(theme.name, theme.aim, commitments))
    # Two spellings of one new body ("Providers", "providers") create it once.
    new = {lead.organisation: None for lead in resolve.seen.values() if lead.is_new}
    preview.new_organisations = sorted(new, key=str.lower)
    return preview


def mapped_headers(parsed: ParsedPlan, override: dict[str, str]) -> list[tuple[str, str | None]]:
    """Each distinct header text with the field it was read as, in document order.

    Headers the person has already overridden are kept even when the override means the row is
    no longer read as a header, so the choice can always be undone.
    """
    headers: dict[str, str | None] = {}
    for table in parsed.mapping:
        for column in table["columns"]:
            header = column["header"]
            if header and header not in headers:
                headers[header] = column["field"]
    for header, chosen in override.items():
        headers[header] = chosen
    return list(headers.items())
