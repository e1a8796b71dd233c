"""What the evidence section of an update needs: the evidence, and the forms if it may change."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from vawdasv.plans.models import Action
from vawdasv.progress import evidence
from vawdasv.progress.evidence_forms import EvidenceFileForm, EvidenceLinkForm
from vawdasv.progress.models import ProgressRound, ProgressUpdate, UpdateEvidence

register = template.Library()


@dataclass
class EvidenceSection:
    items: list[UpdateEvidence]
    can_change: bool
    link_form: EvidenceLinkForm | None = None
    file_form: EvidenceFileForm | None = None


@register.simple_tag(takes_context=True)
def evidence_section(
    context: template.Context,
    update: ProgressUpdate | None,
    progress_round: ProgressRound,
    action: Action,
    read_only: bool = False,
) -> EvidenceSection:
    """The evidence of an update; add and remove controls only for someone who may use them."""
    items = list(update.evidence.select_related("added_by")) if update and update.pk else []  # type: ignore[attr-defined]
    request = context.get("request")
    user = getattr(request, "user", None)
    can_change = not read_only and evidence.can_change_evidence(
        user, update, progress_round, action
    )
    if not can_change:
        return EvidenceSection(items=items, can_change=False)
    return EvidenceSection(
        items=items,
        can_change=True,
        link_form=EvidenceLinkForm(),
        file_form=EvidenceFileForm(),
    )
