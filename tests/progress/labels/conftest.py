"""A partnership that renamed its RAG ratings, and approved updates rated with them."""

from __future__ import annotations

import pytest

from vawdasv.progress import rag, services
from vawdasv.progress.models import ProgressUpdate, RagLabels

# Red renamed in both languages; Amber only in English (so Welsh readers keep "Ambr"); Green
# keeps its name but gets its own meaning in both languages.
RENAMED = {
    "red_label_en": "Off track",
    "red_label_cy": "Oddi ar y trywydd",
    "red_meaning_en": "Behind schedule and needs the board's help",
    "red_meaning_cy": "Ar ei hôl hi ac angen help y bwrdd",
    "amber_label_en": "At risk",
    "green_meaning_en": "Done or on schedule",
    "green_meaning_cy": "Wedi'i wneud neu ar amser",
}


@pytest.fixture
def renamed(world) -> RagLabels:
    return rag.save_rag_labels(actor=world.admin, partnership=world.partnership, data=RENAMED)


def approved(world, progress_round, action, actor, rating: str) -> ProgressUpdate:
    update = services.submit_update(
        actor=actor, progress_round=progress_round, action=action,
        data={"rag": rating, "completed": False, "narrative_en": "Going", "narrative_cy": "Mynd"},
    )  # fmt: skip
    return services.approve_update(actor=world.admin, update=update)


@pytest.fixture
def rated(world, progress_round, renamed) -> tuple[ProgressUpdate, ProgressUpdate]:
    """The police action rated Red and the council's rated Amber, both approved."""
    return (
        approved(world, progress_round, world.police_action, world.lead, "red"),
        approved(world, progress_round, world.council_action, world.council_lead, "amber"),
    )
