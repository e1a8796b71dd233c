"""Translation state per bilingual field: not translated, translated, English changed since.

A model takes part by being registered (`track`, from its app's `ready()`), with its
`bilingual_fields` or a list of its own. From then on, every save that changes a field's Welsh
text records a `TranslationMark`: fingerprints of the English and the Welsh at that moment.
Reading the state compares the English now with the fingerprint; no content table gains a
column. Saves that leave the Welsh alone cost no query (the loaded Welsh is kept on the
instance); `QuerySet.update` bypasses the marks, so services save rows.

Welsh written before a model was tracked has no mark and counts as translated: nothing says
the English moved since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_init, post_save
from django.utils.translation import gettext_lazy as _

from vawdasv.core.models import TranslationMark

_LOADED = "_translation_welsh_loaded"
TRACKED: dict[type[models.Model], tuple[str, ...]] = {}


class State(models.TextChoices):
    NOT_TRANSLATED = "not_translated", _("Not translated")
    TRANSLATED = "translated", _("Translated")
    ENGLISH_CHANGED = "english_changed", _("English changed since translated")


def fingerprint(text: str | None) -> str:
    """SHA-256 of the text with outer white space removed (a trailing newline is no change)."""
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


def tracked_fields(model: type[models.Model]) -> tuple[str, ...]:
    return TRACKED.get(model, ())


def track(model: type[models.Model], fields: Sequence[str] | None = None) -> None:
    """Record translation marks for `model`'s fields (default: its `bilingual_fields`)."""
    TRACKED[model] = tuple(fields if fields is not None else model.bilingual_fields)  # type: ignore[attr-defined]
    uid = f"translation-state-{model._meta.label}"
    post_init.connect(_remember_welsh, sender=model, dispatch_uid=f"{uid}-init")
    post_save.connect(_mark_changed_welsh, sender=model, dispatch_uid=f"{uid}-save")
    post_delete.connect(_forget_marks, sender=model, dispatch_uid=f"{uid}-delete")


def _welsh_now(instance: models.Model) -> dict[str, Any]:
    # __dict__, not getattr: a deferred field must not cost a query just to be remembered.
    values = instance.__dict__
    return {
        field: values[f"{field}_cy"]
        for field in TRACKED.get(type(instance), ())
        if f"{field}_cy" in values
    }


def _remember_welsh(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    instance.__dict__[_LOADED] = _welsh_now(instance) if instance.pk else {}


def _mark_changed_welsh(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # fixtures load rows as they are
        return
    loaded: dict[str, Any] = instance.__dict__.get(_LOADED, {})
    now = _welsh_now(instance)
    changed = [field for field, welsh in now.items() if (welsh or "") != (loaded.get(field) or "")]
    if changed:
        _write_marks(instance, changed)
    instance.__dict__[_LOADED] = now


def _write_marks(instance: models.Model, fields: Iterable[str], *, force: bool = False) -> None:
    content_type = ContentType.objects.get_for_model(type(instance))
    filled: list[str] = []
    emptied: list[str] = []
    for field in fields:
        welsh = getattr(instance, f"{field}_cy", "") or ""
        (filled if welsh.strip() else emptied).append(field)
    if emptied:
        TranslationMark.objects.filter(
            content_type=content_type, object_id=instance.pk, field__in=emptied
        ).delete()
    if filled and not force:
        # The remembered Welsh can be stale (refresh_from_db does not pass through post_init
        # on this instance): Welsh already marked as it is now did not move, so its mark
        # keeps the English it was written for.
        marked = dict(
            TranslationMark.objects.filter(
                content_type=content_type, object_id=instance.pk, field__in=filled
            ).values_list("field", "welsh_sha256")
        )
        filled = [
            field
            for field in filled
            if marked.get(field) != fingerprint(getattr(instance, f"{field}_cy", ""))
        ]
    if filled:
        TranslationMark.objects.bulk_create(
            [
                TranslationMark(
                    content_type=content_type,
                    object_id=instance.pk,
                    field=field,
                    english_sha256=fingerprint(getattr(instance, f"{field}_en", "")),
                    welsh_sha256=fingerprint(getattr(instance, f"{field}_cy", "")),
                )
                for field in filled
            ],
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "field"],
            update_fields=["english_sha256", "welsh_sha256", "marked_at"],
        )


def confirm_translated(instance: models.Model, fields: Iterable[str]) -> None:
    """Say the Welsh now stands for the English now, even where the Welsh text did not move
    (a translator checked it against changed English and kept it)."""
    _write_marks(instance, fields, force=True)


def _forget_marks(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    TranslationMark.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


MarkKey = tuple[int, int, str]  # content type id, row id, field


@dataclass(frozen=True)
class Marks:
    """The marks of a set of rows, read in one query."""

    english: dict[MarkKey, str]

    def state(self, instance: models.Model, field: str) -> State | None:
        """None when there is no English to translate."""
        english = getattr(instance, f"{field}_en", "") or ""
        welsh = getattr(instance, f"{field}_cy", "") or ""
        if not english.strip():
            return None
        if not welsh.strip():
            return State.NOT_TRANSLATED
        content_type = ContentType.objects.get_for_model(type(instance))
        marked = self.english.get((content_type.pk, instance.pk, field))
        if marked is not None and marked != fingerprint(english):
            return State.ENGLISH_CHANGED
        return State.TRANSLATED


def marks_for(instances: Iterable[models.Model]) -> Marks:
    """Read the marks of these rows (one query, none for no rows)."""
    by_type: dict[int, set[int]] = {}
    for instance in instances:
        content_type = ContentType.objects.get_for_model(type(instance))
        by_type.setdefault(content_type.pk, set()).add(instance.pk)
    if not by_type:
        return Marks({})
    where = Q()
    for type_id, ids in by_type.items():
        where |= Q(content_type_id=type_id, object_id__in=ids)
    rows = TranslationMark.objects.filter(where).values_list(
        "content_type_id", "object_id", "field", "english_sha256"
    )
    return Marks({(t, o, f): english for t, o, f, english in rows})


@dataclass(frozen=True)
class StateCounts:
    """How many fields with English text are in each state."""

    translated: int = 0
    not_translated: int = 0
    english_changed: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.not_translated + self.english_changed

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.translated / self.total)


def count_states(instances: Sequence[models.Model], marks: Marks | None = None) -> StateCounts:
    """Count the states of every tracked field of these rows."""
    marks = marks if marks is not None else marks_for(instances)
    counts = {state: 0 for state in State}
    for instance in instances:
        for field in TRACKED.get(type(instance), ()):
            state = marks.state(instance, field)
            if state is not None:
                counts[state] += 1
    return StateCounts(
        translated=counts[State.TRANSLATED],
        not_translated=counts[State.NOT_TRANSLATED],
        english_changed=counts[State.ENGLISH_CHANGED],
    )
