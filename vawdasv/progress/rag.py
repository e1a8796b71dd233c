"""What a partnership calls each RAG rating, in English and Welsh, and how it renames them.

Every page, form, chart, report and download that shows a RAG rating asks `rag_vocabulary` for
the words, so a partnership that calls Red "Off track" sees "Off track" everywhere. The colour
and the stored value ("red", "amber", "green") never change: only the words do.

Each word falls back on its own: the partnership's text in the reader's language, else the
platform's wording in that language. A label given only in English is NOT shown to a Welsh
reader: a Welsh page or report would then carry an English word in its most prominent tag, and
the Welsh Language Standards ask that Welsh readers are not treated less favourably. The
platform's Welsh default ("Coch", "Ambr", "Gwyrdd") always names the same colour, so nothing is
lost but the partnership's nuance, and the settings page marks the label "not yet translated"
so the administrator knows to add it. English readers are treated the same way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.lib.bilingual import LANGUAGE_CODES, current_language
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.models import ProgressUpdate, RagLabels

__all__ = [
    "LABEL_FIELDS",
    "ConcurrentEditError",
    "RagVocabulary",
    "platform_vocabulary",
    "rag_vocabulary",
    "request_vocabulary",
    "reset_rag_labels",
    "save_rag_labels",
    "update_vocabulary",
]

# Every column a partnership may fill, e.g. "red_label_en". The order is the settings form's.
LABEL_FIELDS: tuple[str, ...] = tuple(
    f"{field}_{lang}" for field in RagLabels.bilingual_fields for lang in LANGUAGE_CODES
)


def _status(rag: RagStatus | str) -> RagStatus:
    """Templates pass a RagStatus or its stored value ("red"); both mean the same rating."""
    return rag if isinstance(rag, RagStatus) else RagStatus(str(rag))


@dataclass(frozen=True)
class RagVocabulary:
    """The words for Red, Amber and Green of one partnership (or the platform's own).

    `language` None means "the language active when a word is asked for", so one vocabulary
    serves a whole request; reports pass their own language instead.
    """

    labels: RagLabels | None = None
    language: str | None = None

    def _lang(self) -> str:
        lang = self.language or current_language()
        return lang if lang in LANGUAGE_CODES else "en"

    def _own(self, rag: RagStatus | str, field: str) -> str:
        if self.labels is None:
            return ""
        value = getattr(self.labels, f"{_status(rag).value}_{field}_{self._lang()}", "") or ""
        return value.strip()

    def _platform(self, rag: RagStatus | str, field: str) -> str:
        # Both words are translated when read, so read them with the wanted language active.
        with translation.override(self._lang()):
            status = _status(rag)
            return str(status.short_label if field == "label" else status.label)

    def has_own_label(self, rag: RagStatus | str) -> bool:
        return bool(self._own(rag, "label"))

    def has_own_meaning(self, rag: RagStatus | str) -> bool:
        return bool(self._own(rag, "meaning"))

    def label(self, rag: RagStatus | str) -> str:
        """The short word inside the coloured tag ("Red", or the partnership's own word)."""
        return self._own(rag, "label") or self._platform(rag, "label")

    def meaning(self, rag: RagStatus | str) -> str:
        """What the rating means. The platform's meaning names its colour, so it is kept whole."""
        return self._own(rag, "meaning") or self._platform(rag, "meaning")

    def choice_label(self, rag: RagStatus | str) -> str:
        """One line for a radio button or a spreadsheet cell: the word and what it means.

        With nothing renamed this is exactly the platform's wording ("Red — poor or no
        progress, …"), so the default wording never changes.
        """
        status = _status(rag)
        if self.has_own_meaning(status):
            with translation.override(self._lang()):
                return _("%(label)s — %(meaning)s") % {
                    "label": self.label(status),
                    "meaning": self.meaning(status),
                }
        if self.has_own_label(status):
            with translation.override(self._lang()):
                return _("%(label)s (%(meaning)s)") % {
                    "label": self.label(status),
                    "meaning": self.meaning(status),
                }
        return self.meaning(status)

    def choices(self) -> list[tuple[str, str]]:
        """(value, text) pairs in Red, Amber, Green order, for the update form's radios."""
        return [(status.value, self.choice_label(status)) for status in RagStatus]

    def in_language(self, language: str) -> RagVocabulary:
        return RagVocabulary(self.labels, language)


def platform_vocabulary(language: str | None = None) -> RagVocabulary:
    """The platform's wording, for pages that are about no single partnership."""
    return RagVocabulary(None, language)


def _load(partnership: Partnership | int | None) -> RagLabels | None:
    if partnership is None:
        return None
    if isinstance(partnership, Partnership):
        # The reverse one-to-one accessor remembers its answer (even "none"), so asking again
        # for the same partnership object costs no query.
        try:
            return partnership.rag_labels
        except RagLabels.DoesNotExist:
            return None
    return RagLabels.objects.filter(partnership_id=partnership).first()


def rag_vocabulary(
    partnership: Partnership | int | None, language: str | None = None
) -> RagVocabulary:
    """The words a partnership uses for each RAG rating (one query at most, none if cached)."""
    return RagVocabulary(_load(partnership), language)


def update_vocabulary(update: ProgressUpdate) -> RagVocabulary:
    """The words for an update's form: its round's partnership's (rounds load it with them)."""
    if not update.progress_round_id:
        return platform_vocabulary()
    return rag_vocabulary(update.progress_round.strategy.partnership)


_REQUEST_CACHE = "_vawdasv_rag_labels"


def request_vocabulary(request: Any, partnership_id: int | None) -> RagVocabulary:
    """`rag_vocabulary` remembered for the rest of the request: one query per partnership.

    A page shows many tags (a round lists every action), each rendered by its own include;
    keeping the labels on the request keeps that to one query per page.
    """
    if partnership_id is None:
        return platform_vocabulary()
    if request is None:
        return rag_vocabulary(partnership_id)
    cache: dict[int, RagLabels | None] = getattr(request, _REQUEST_CACHE, None) or {}
    if partnership_id not in cache:
        cache[partnership_id] = _load(partnership_id)
        setattr(request, _REQUEST_CACHE, cache)
    return RagVocabulary(cache[partnership_id])


def partnership_id_of(about: Any) -> int | None:
    """Which partnership a page item belongs to: a partnership, strategy, round, update, row.

    A list counts only when every item in it belongs to the same partnership (My actions can
    span partnerships; its key then uses the platform's words).
    """
    if about is None or about == "":
        return None
    if isinstance(about, int):
        return about
    if isinstance(about, Partnership):
        return about.pk
    for attribute in ("partnership_id", "strategy", "progress_round"):
        value = getattr(about, attribute, None)
        if value is not None:
            return partnership_id_of(value)
    rows = getattr(about, "rows", None)
    if rows is not None:
        return partnership_id_of(list(rows))
    if isinstance(about, Iterable) and not isinstance(about, (str, bytes, Mapping)):
        ids = {partnership_id_of(item) for item in about}
        return ids.pop() if len(ids) == 1 else None
    return None


# Writing ---------------------------------------------------------------------------------


@transaction.atomic
def save_rag_labels(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> RagLabels:
    """Rename the partnership's RAG ratings. Blank fields mean "use the platform's wording".

    Only the partnership's administrators may: the words appear in every published report.
    `expected_version` is the version the editor started from, 0 when no labels were saved yet
    (so two administrators naming them for the first time at once cannot overwrite each other),
    or None not to check. A newer saved version raises ConcurrentEditError carrying it.
    """
    kernel.require(permissions.can_rename_rag_labels(actor, partnership.pk))
    labels, created = RagLabels.objects.select_for_update().get_or_create(partnership=partnership)
    if not created:
        kernel.check_version(labels, expected_version)
    before = {} if created else audit.snapshot(labels, LABEL_FIELDS)
    for name in LABEL_FIELDS:
        if name in data:
            setattr(labels, name, (data.get(name) or "").strip())
    labels.full_clean(exclude=["partnership"])
    if created:
        labels.save()
        kernel.created(actor=actor, instance=labels, fields=LABEL_FIELDS, partnership=partnership)
    else:
        # Nothing changed: no new version, no audit entry.
        kernel.save_changes(
            actor=actor,
            instance=labels,
            before=before,
            fields=LABEL_FIELDS,
            partnership=partnership,
            bump_version=True,
        )
    labels.partnership = partnership  # so partnership.rag_labels now answers with these labels
    return labels


def reset_rag_labels(
    *, actor: Any, partnership: Partnership, expected_version: int | None = None
) -> RagLabels:
    """Go back to the platform's wording everywhere: every field blank, the history kept."""
    return save_rag_labels(
        actor=actor,
        partnership=partnership,
        data=dict.fromkeys(LABEL_FIELDS, ""),
        expected_version=expected_version,
    )
