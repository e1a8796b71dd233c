"""Writing a parsed plan: one strategy with its themes, commitments and actions.

Everything goes through `plans.services` (permission, validation, audit) inside one transaction,
so an import either lands whole or not at all. Lead names are resolved through the partnership's
alias table; bodies that do not exist yet are created and added to the partnership's members.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from vawdasv.audit.origins import Origin
from vawdasv.imports.model import ParsedPlan
from vawdasv.partnerships import services as partnership_services
from vawdasv.partnerships.aliases import aliases_for
from vawdasv.partnerships.leads import AliasTable, OrganisationEntry
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans import services as plan_services
from vawdasv.plans.models import Action, Strategy


def _lead_organisations(
    *,
    actor: Any,
    partnership: Partnership,
    parsed: ParsedPlan,
    aliases: AliasTable,
    source: Origin | str,
) -> dict[str, Organisation]:
    """Lead name as written → organisation, creating bodies the database does not hold yet."""
    by_slug: dict[str, Organisation] = {}
    by_name: dict[str, Organisation] = {}
    names = [
        lead
        for theme in parsed.themes
        for commitment in theme.commitments
        for action in commitment.actions
        for lead in action.leads
    ]
    for name in dict.fromkeys(names):
        entry: OrganisationEntry = aliases.resolve(name)
        if entry.slug not in by_slug:
            by_slug[entry.slug], _created = partnership_services.get_or_create_organisation(
                actor=actor,
                partnership=partnership,
                slug=entry.slug,
                name_en=entry.name_en,
                name_cy=entry.name_cy,
                short_name=entry.short_name,
                organisation_type=entry.organisation_type,
                source=source,
            )
        by_name[name] = by_slug[entry.slug]
    partnership_services.add_member_organisations(
        actor=actor, partnership=partnership, organisations=by_slug.values(), source=source
    )
    return by_name


@transaction.atomic
def import_plan(
    *,
    actor: Any,
    partnership: Partnership,
    parsed: ParsedPlan,
    strategy_data: Mapping[str, Any],
    source: Origin | str,
    aliases: AliasTable | Iterable[OrganisationEntry] | None = None,
) -> Strategy:
    """Create a strategy from a parsed plan, all or nothing.

    `strategy_data` gives the fields the document does not (slug, start_year, end_year, status);
    title and vision come from the document unless given. `source` (for example the file name)
    is recorded on every audit entry. Without `aliases`, leads are resolved through the
    partnership's own alias list (`partnerships.aliases.aliases_for`).
    """
    if aliases is None:
        table = aliases_for(partnership)
    else:
        table = aliases if isinstance(aliases, AliasTable) else AliasTable(aliases)
    data = dict(strategy_data)
    if parsed.title and not data.get("title_en"):
        data["title_en"] = parsed.title
    if parsed.vision and not data.get("vision_en"):
        data["vision_en"] = parsed.vision
    strategy = plan_services.create_strategy(
        actor=actor, partnership=partnership, data=data, source=source
    )
    leads = _lead_organisations(
        actor=actor, partnership=partnership, parsed=parsed, aliases=table, source=source
    )
    for parsed_theme in parsed.themes:
        theme = plan_services.create_theme(
            actor=actor,
            strategy=strategy,
            data={"name_en": parsed_theme.name, "aim_en": parsed_theme.aim or ""},
            source=source,
        )
        for parsed_commitment in parsed_theme.commitments:
            commitment = plan_services.create_commitment(
                actor=actor,
                theme=theme,
                data={"ref": parsed_commitment.ref or "", "text_en": parsed_commitment.text},
                source=source,
            )
            for parsed_action in parsed_commitment.actions:
                plan_services.create_action(
                    actor=actor,
                    commitment=commitment,
                    data={
                        "text_en": parsed_action.text,
                        "evidence_en": parsed_action.evidence or "",
                        "timescale_text": parsed_action.timescale or "",
                        "lead_organisations": list(
                            dict.fromkeys(leads[name] for name in parsed_action.leads)
                        ),
                    },
                    source=source,
                )
    return strategy


def actions_in_document_order(strategy: Strategy) -> list[Action]:
    """The strategy's actions in the order `import_plan` wrote them: the document's order."""
    return list(
        Action.objects.for_strategy(strategy)
        .select_related("commitment__theme")
        .order_by("commitment__theme__order", "commitment__theme__pk", "commitment__order",
                  "commitment__pk", "order", "pk")
    )  # fmt: skip
