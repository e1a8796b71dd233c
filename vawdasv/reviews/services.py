"""Every change to reviews, their files, recommendations, codes and the codebook.

Each function runs in one transaction, asks partnerships/permissions.py, writes through the
audit kernel and records one audit entry whose origin is the review (OriginKind.REVIEW).
Passages are derived from a stored file (they are re-made, never edited), so the file's entry
stands for them.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vawdasv.audit import kernel
from vawdasv.audit import services as audit
from vawdasv.audit.origins import Origin, OriginKind, file_detail
from vawdasv.ops import queue
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Membership, Organisation, Partnership
from vawdasv.reviews import extract, files, groups, scan, tasks
from vawdasv.reviews.enums import CodingState, PassageKind
from vawdasv.reviews.models import (
    CodebookTheme,
    Coding,
    Dissemination,
    LearningPanelMember,
    Passage,
    Recommendation,
    RecommendationUpdate,
    Review,
    ReviewFile,
)

REVIEW_FIELDS = (
    "kind", "reference", "title_en", "title_cy", "summary_en", "summary_cy",
    "commissioning_body", "notified_on", "decided_on", "commissioned_on", "completed_on",
    "published_on", "status", "shared",
)  # fmt: skip
AUDITED_REVIEW_FIELDS = (*REVIEW_FIELDS, "agencies")
FILE_FIELDS = ("document", "language", "file_name", "size", "sha256", "scan_findings")
RECOMMENDATION_FIELDS = (
    "number", "text_en", "text_cy", "scope", "owner_organisation", "owner_person", "due_on",
    "status", "rag",
)  # fmt: skip
AUDITED_RECOMMENDATION_FIELDS = (*RECOMMENDATION_FIELDS, "agencies", "action")
THEME_FIELDS = (
    "code", "parent", "name_en", "name_cy", "description_en", "description_cy", "keywords",
)  # fmt: skip
CODING_FIELDS = ("theme", "state", "confidence", "drivers")


def review_origin(review: Review, detail: str = "") -> Origin:
    return Origin(OriginKind.REVIEW, review, detail or review.reference)


def _manage(actor: Any, partnership_id: int) -> None:
    kernel.require(permissions.can_manage_reviews(actor, partnership_id))


# Reviews ---------------------------------------------------------------------------------


def create_review(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    agencies: Iterable[Organisation] = (),
    fictional: bool = False,
) -> Review:
    with transaction.atomic():
        _manage(actor, partnership.pk)
        review = Review(partnership=partnership, fictional=fictional)
        for name in REVIEW_FIELDS:
            if name in data:
                setattr(review, name, data[name])
        review.full_clean()
        review.save()
        review.agencies.set(list(agencies))
        kernel.created(
            actor=actor,
            instance=review,
            fields=AUDITED_REVIEW_FIELDS,
            partnership=partnership,
            origin=review_origin(review),
        )
        return review


def update_review(
    *,
    actor: Any,
    review: Review,
    data: Mapping[str, Any],
    agencies: Iterable[Organisation] | None = None,
    expected_version: int | None = None,
) -> Review:
    with transaction.atomic():
        _manage(actor, review.partnership_id)
        locked = kernel.lock(review, expected_version)
        _edit(
            actor, locked, data, agencies, REVIEW_FIELDS, AUDITED_REVIEW_FIELDS,
            locked.partnership, review_origin(locked),
        )  # fmt: skip
        return locked


def _edit(
    actor: Any,
    locked: Any,
    data: Mapping[str, Any],
    agencies: Iterable[Organisation] | None,
    fields: tuple[str, ...],
    audited: tuple[str, ...],
    partnership: Any,
    origin: Any,
) -> None:
    """Change a locked review or recommendation (and its agencies), with one audit entry."""
    before = audit.snapshot(locked, audited)
    for name in fields:
        if name in data:
            setattr(locked, name, data[name])
    locked.full_clean()
    locked.version += 1
    locked.save()
    if agencies is not None:
        locked.agencies.set(list(agencies))
    kernel.record_changes(
        actor=actor, instance=locked, before=before, fields=audited,
        partnership=partnership, origin=origin,
    )  # fmt: skip


def seat_panel_member(*, actor: Any, partnership: Partnership, user: Any) -> LearningPanelMember:
    """Put a person of the partnership (an active member, in any role) on its safeguarding
    learning panel; they then read every review it holds. Seating someone already there
    changes nothing and records nothing."""
    with transaction.atomic():
        kernel.require(permissions.can_seat_learning_panel(actor, partnership.pk))
        if not Membership.objects.filter(user=user, partnership=partnership, active=True).exists():
            raise ValidationError(
                {"user": _("Choose a person who is a member of this partnership.")}
            )
        seat, made = LearningPanelMember.objects.get_or_create(partnership=partnership, user=user)
        if made:
            kernel.created(actor=actor, instance=seat, fields=("user",), partnership=partnership)
        permissions.forget_learning_panels(user)
        return seat


def unseat_panel_member(*, actor: Any, seat: LearningPanelMember) -> None:
    """Take a person off the learning panel: from then on they see only what their role and
    the partnership's shared reviews show them. Their past codes and updates stay theirs."""
    with transaction.atomic():
        kernel.require(permissions.can_seat_learning_panel(actor, seat.partnership_id))
        kernel.delete(actor=actor, instance=seat, partnership=seat.partnership, fields=("user",))
        permissions.forget_learning_panels(seat.user)


# Files: check, scan, confirm, keep ------------------------------------------------------


class NeedsConfirmation(Exception):
    """The scan found possible personal data: nothing was kept. The uploader either sends a
    corrected file or sends the same file again confirming it is published and anonymised."""

    def __init__(self, findings: list[scan.Finding], sha256: str) -> None:
        super().__init__(_("The report may hold personal data."))
        self.findings = findings
        self.sha256 = sha256


@dataclass(frozen=True)
class Checked:
    extension: str
    sha256: str
    paragraphs: list[extract.Paragraph]
    findings: list[scan.Finding]


def known_names(partnership: Partnership) -> list[str]:
    """Names that are organisations, not people: the partnership's organisations and aliases."""
    names: list[str] = []
    for org in Organisation.objects.all().only("name_en", "name_cy", "short_name"):
        names.extend([org.name_en, org.name_cy, org.short_name])
    names.extend(partnership.organisation_aliases.values_list("alias", flat=True))
    names.extend([partnership.name_en, partnership.name_cy])
    return [n for n in names if n]


def check_upload(partnership: Partnership, name: str, data: bytes) -> Checked:
    """Check the file, read its text (in a limited child process) and scan it; no writes."""
    extension = files.check_report(name, data)
    try:
        paragraphs = extract.read_bounded(data, extension)
    except extract.UnreadableReport as error:
        raise ValidationError(str(error)) from error
    pages: dict[int | None, list[str]] = {}
    for paragraph in paragraphs:
        pages.setdefault(paragraph.page, []).append(paragraph.text)
    findings = scan.scan_pages(
        [(page, "\n".join(texts)) for page, texts in pages.items()],
        known_names=known_names(partnership),
    )
    return Checked(extension, hashlib.sha256(data).hexdigest(), paragraphs, findings)


def _passages(review: Review, source: ReviewFile, paragraphs: list[extract.Paragraph]) -> None:
    rows: list[Passage] = []
    position = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        position += 1
        rows.append(
            Passage(
                review=review,
                source=source,
                kind=PassageKind.PARAGRAPH,
                page=paragraph.page,
                position=position,
                paragraph=number,
                text=paragraph.text,
            )
        )
        for sentence in extract.sentences(paragraph.text):
            position += 1
            rows.append(
                Passage(
                    review=review,
                    source=source,
                    kind=PassageKind.SENTENCE,
                    page=paragraph.page,
                    position=position,
                    paragraph=number,
                    text=sentence,
                )
            )
    Passage.objects.bulk_create(rows, batch_size=1000)


def add_review_file(
    *,
    actor: Any,
    review: Review,
    document: str,
    language: str,
    name: str,
    data: bytes,
    confirmed_sha256: str = "",
    checked: Checked | None = None,
) -> ReviewFile:
    """Keep a report or executive summary (replacing the one of the same kind and language),
    with its paragraphs and sentences. Raises NeedsConfirmation when the scan found something
    and the uploader has not confirmed this very file (by its SHA-256)."""
    _manage(actor, review.partnership_id)
    checked = checked or check_upload(review.partnership, name, data)
    if checked.findings and confirmed_sha256 != checked.sha256:
        raise NeedsConfirmation(checked.findings, checked.sha256)
    clean_name = files.clean_file_name(name)
    try:
        return _keep_file(actor, review, document, language, clean_name, data, checked)
    except Exception:
        # Nothing kept when the rows were not: the bytes go too, unless another row holds them.
        path = f"reviews/{review.pk}/{checked.sha256}{checked.extension}"
        if not ReviewFile.objects.filter(stored_as=path).exists() and default_storage.exists(path):
            default_storage.delete(path)
        raise


def _keep_file(
    actor: Any,
    review: Review,
    document: str,
    language: str,
    clean_name: str,
    data: bytes,
    checked: Checked,
) -> ReviewFile:
    with transaction.atomic():
        _manage(actor, review.partnership_id)
        for old in ReviewFile.objects.filter(review=review, document=document, language=language):
            _remove_file(actor, old)
        path = f"reviews/{review.pk}/{checked.sha256}{checked.extension}"
        # The same bytes are kept once under their hash (a re-upload reuses them).
        stored_as = (
            path if default_storage.exists(path) else default_storage.save(path, ContentFile(data))
        )
        review_file = ReviewFile(
            review=review,
            document=document,
            language=language,
            file_name=clean_name,
            content_type=files.CONTENT_TYPES[checked.extension],
            size=len(data),
            sha256=checked.sha256,
            stored_as=stored_as,
            scan_findings=len(checked.findings),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        review_file.full_clean()
        review_file.save()
        _passages(review, review_file, checked.paragraphs)
        kernel.created(
            actor=actor,
            instance=review_file,
            fields=FILE_FIELDS,
            partnership=review.partnership,
            origin=review_origin(review, file_detail(clean_name, checked.sha256)),
        )
        # Suggestions in the background, once the passages are committed.
        review_id = review.pk
        transaction.on_commit(lambda: tasks.suggest_themes.enqueue(review_id))
        return review_file


def _remove_file(actor: Any, review_file: ReviewFile) -> None:
    stored_as = review_file.stored_as
    kernel.delete(
        actor=actor,
        instance=review_file,
        partnership=review_file.review.partnership,
        origin=review_origin(review_file.review),
        fields=FILE_FIELDS,
    )

    # The bytes go only when the deletion is committed, and only if no other row keeps them.
    def _drop() -> None:
        if not ReviewFile.objects.filter(stored_as=stored_as).exists():
            default_storage.delete(stored_as)

    transaction.on_commit(_drop)


def remove_review_file(*, actor: Any, review_file: ReviewFile) -> None:
    with transaction.atomic():
        _manage(actor, review_file.review.partnership_id)
        _remove_file(actor, review_file)


# Recommendations ---------------------------------------------------------------------------


def create_recommendation(
    *,
    actor: Any,
    review: Review,
    data: Mapping[str, Any],
    agencies: Iterable[Organisation] = (),
) -> Recommendation:
    with transaction.atomic():
        _manage(actor, review.partnership_id)
        recommendation = Recommendation(review=review)
        if "number" not in data:
            recommendation.number = review.recommendations.count() + 1
        for name in RECOMMENDATION_FIELDS:
            if name in data:
                setattr(recommendation, name, data[name])
        recommendation.full_clean()
        recommendation.save()
        recommendation.agencies.set(list(agencies))
        kernel.created(
            actor=actor,
            instance=recommendation,
            fields=AUDITED_RECOMMENDATION_FIELDS,
            partnership=review.partnership,
            origin=review_origin(review),
        )
        return recommendation


def update_recommendation(
    *,
    actor: Any,
    recommendation: Recommendation,
    data: Mapping[str, Any],
    agencies: Iterable[Organisation] | None = None,
    expected_version: int | None = None,
) -> Recommendation:
    with transaction.atomic():
        review = recommendation.review
        _manage(actor, review.partnership_id)
        locked = kernel.lock(recommendation, expected_version)
        _edit(
            actor, locked, data, agencies, RECOMMENDATION_FIELDS,
            AUDITED_RECOMMENDATION_FIELDS, review.partnership, review_origin(review),
        )  # fmt: skip
        return locked


def link_action(*, actor: Any, recommendation: Recommendation, action: Any) -> Recommendation:
    """Link a plan action of the same partnership that carries the recommendation out (None
    unlinks)."""
    with transaction.atomic():
        review = recommendation.review
        _manage(actor, review.partnership_id)
        if action is not None:
            partnership_id = action.commitment.theme.strategy.partnership_id
            if partnership_id != review.partnership_id:
                raise ValidationError(_("The action belongs to another partnership's plan."))
        locked = kernel.lock(recommendation)
        before = audit.snapshot(locked, ("action",))
        locked.action = action
        kernel.save_changes(
            actor=actor,
            instance=locked,
            before=before,
            fields=("action",),
            partnership=review.partnership,
            origin=review_origin(review),
            bump_version=True,
        )
        return locked


def add_recommendation_update(
    *,
    actor: Any,
    recommendation: Recommendation,
    status: str,
    note: str,
    rag: str = "",
    evidence_url: str = "",
) -> RecommendationUpdate:
    """A dated update (what happened, with a link to evidence) that also moves the
    recommendation's status and RAG rating."""
    with transaction.atomic():
        review = recommendation.review
        kernel.require(
            permissions.can_update_recommendation(actor, recommendation, review.partnership_id)
        )
        update = RecommendationUpdate(
            recommendation=recommendation,
            status=status,
            rag=rag,
            note=note.strip(),
            evidence_url=evidence_url.strip(),
            written_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        update.full_clean()
        update.save()
        locked = kernel.lock(recommendation)
        before = audit.snapshot(locked, ("status", "rag"))
        locked.status, locked.rag = status, rag
        if locked.status != before["status"] or locked.rag != before["rag"]:
            locked.version += 1
            locked.save()
        kernel.created(
            actor=actor,
            instance=update,
            fields=("status", "rag", "note", "evidence_url"),
            partnership=review.partnership,
            origin=review_origin(review, f"R{recommendation.number}"),
        )
        return update


def is_overdue(recommendation: Recommendation, today: datetime.date | None = None) -> bool:
    from vawdasv.reviews.enums import RecommendationStatus

    today = today or timezone.localdate()
    open_states = {RecommendationStatus.NOT_STARTED, RecommendationStatus.IN_PROGRESS}
    return bool(
        recommendation.due_on and recommendation.due_on < today
        and recommendation.status in open_states
    )  # fmt: skip


# Codes -------------------------------------------------------------------------------------


def _target_review(passage: Passage | None, recommendation: Recommendation | None) -> Review:
    if (passage is None) == (recommendation is None):
        raise ValueError("a coding has exactly one target")
    return passage.review if passage is not None else recommendation.review  # type: ignore[union-attr]


def apply_code(
    *,
    actor: Any,
    theme: CodebookTheme,
    passage: Passage | None = None,
    recommendation: Recommendation | None = None,
) -> Coding:
    """A person codes a passage or recommendation with a theme (accepting any suggestion)."""
    with transaction.atomic():
        review = _target_review(passage, recommendation)
        _manage(actor, review.partnership_id)
        coding = Coding.objects.filter(
            passage=passage, recommendation=recommendation, theme=theme
        ).first()
        if coding is not None:
            return decide(actor=actor, coding=coding, accept=True)
        coding = Coding.objects.create(
            passage=passage,
            recommendation=recommendation,
            theme=theme,
            state=CodingState.ACCEPTED,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        kernel.created(
            actor=actor,
            instance=coding,
            fields=CODING_FIELDS,
            partnership=review.partnership,
            origin=review_origin(review),
        )
        _retrain_later()
        return coding


def _retrain_later() -> None:
    transaction.on_commit(tasks.retrain_if_needed.enqueue)


def decide(*, actor: Any, coding: Coding, accept: bool) -> Coding:
    """Accept or reject a suggested theme (or withdraw an accepted one): audited, and the
    decision is what the classifier learns from next time."""
    with transaction.atomic():
        review = _target_review(coding.passage, coding.recommendation)
        _manage(actor, review.partnership_id)
        locked = kernel.lock(coding)
        before = audit.snapshot(locked, CODING_FIELDS)
        locked.state = CodingState.ACCEPTED if accept else CodingState.REJECTED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        origin = (
            Origin(OriginKind.THEME_SUGGESTION, review, locked.suggested_by_model)
            if locked.suggested_by_model
            else review_origin(review)
        )
        kernel.save_changes(
            actor=actor,
            instance=locked,
            before=before,
            fields=CODING_FIELDS,
            partnership=review.partnership,
            origin=origin,
        )
        _retrain_later()
        return locked


def create_theme(*, actor: Any, data: Mapping[str, Any]) -> CodebookTheme:
    with transaction.atomic():
        kernel.require(permissions.can_edit_codebook(actor))
        theme = CodebookTheme(**{k: v for k, v in data.items() if k in THEME_FIELDS})
        theme.full_clean()
        theme.save()
        kernel.created(actor=actor, instance=theme, fields=THEME_FIELDS, partnership=None)
        return theme


def update_theme(
    *,
    actor: Any,
    theme: CodebookTheme,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> CodebookTheme:
    with transaction.atomic():
        kernel.require(permissions.can_edit_codebook(actor))
        locked = kernel.lock(theme, expected_version)
        before = audit.snapshot(locked, THEME_FIELDS)
        for name in THEME_FIELDS:
            if name in data:
                setattr(locked, name, data[name])
        if locked.parent_id == locked.pk:
            raise ValidationError(_("A theme cannot sit under itself."))
        locked.full_clean()
        kernel.save_changes(
            actor=actor,
            instance=locked,
            before=before,
            fields=THEME_FIELDS,
            partnership=None,
            bump_version=True,
        )
        return locked


# Dissemination -----------------------------------------------------------------------------


def record_dissemination(
    *,
    actor: Any,
    partnership: Partnership,
    briefing: str,
    audience: str = "",
    sent_on: datetime.date,
    reviews: Iterable[Review] = (),
    group_id: int | None = None,
) -> Dissemination:
    """Record that a learning briefing went to one of the partnership's governance groups
    (`group_id`, its name kept as the audience) or to a training course or partner (written
    as `audience`)."""
    with transaction.atomic():
        _manage(actor, partnership.pk)
        audience = audience.strip()
        if group_id is not None:
            group = next((g for g in groups.groups_of(partnership.pk) if g.pk == group_id), None)
            if group is None:
                raise ValidationError({"group": _("Choose one of this partnership's groups.")})
            audience = audience or group.name
        if not audience:
            raise ValidationError(
                {"audience": _("Choose a group, or enter the training course or partner")}
            )
        entry = Dissemination(
            partnership=partnership,
            briefing=briefing.strip(),
            audience=audience,
            group_id=group_id,
            sent_on=sent_on,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        entry.full_clean()
        entry.save()
        chosen = list(reviews)
        if any(r.partnership_id != partnership.pk for r in chosen):
            raise PermissionDenied(_("You do not have permission to change this."))
        entry.reviews.set(chosen)
        kernel.created(
            actor=actor,
            instance=entry,
            fields=("briefing", "audience", "group_id", "sent_on", "reviews"),
            partnership=partnership,
        )
        return entry


def create_action_for_recommendation(
    *, actor: Any, recommendation: Recommendation, commitment: Any
) -> Recommendation:
    """Carry a recommendation out as a new action in the partnership's plan, led by its owner
    organisation and due when it is due, and link them. Progress rounds cover every action of
    a plan, so from the next round its lead officer reports on it with the same update, review
    and reminder machinery as any action: this is how a recommendation is put into a round
    without the reviews app knowing about rounds."""
    from vawdasv.plans import services as plan_services

    with transaction.atomic():
        review = recommendation.review
        _manage(actor, review.partnership_id)
        if commitment.theme.strategy.partnership_id != review.partnership_id:
            raise ValidationError(_("The action belongs to another partnership's plan."))
        leads = [recommendation.owner_organisation] if recommendation.owner_organisation else []
        action = plan_services.create_action(
            actor=actor,
            commitment=commitment,
            data={
                "text_en": recommendation.text_en,
                "text_cy": recommendation.text_cy,
                "timescale_text": recommendation.due_on.strftime("%B %Y")
                if recommendation.due_on
                else "",
                "lead_organisations": leads,
            },
            source=review_origin(review, f"R{recommendation.number}"),
        )
        return link_action(actor=actor, recommendation=recommendation, action=action)


def track_in_rounds(
    *,
    actor: Any,
    recommendation: Recommendation,
    action: Any = None,
    commitment: Any = None,
) -> Recommendation:
    """Track a recommendation in the progress rounds: link an action of the partnership's plan
    that carries it out, or create one under `commitment` (exactly one of the two). From the
    next round the action's lead officer reports on it; the recommendation's page shows its
    latest approved update (`reviews.rounds`)."""
    if (action is None) == (commitment is None):
        raise ValidationError(_("Choose an action to link, or a commitment to create one under"))
    if action is not None:
        return link_action(actor=actor, recommendation=recommendation, action=action)
    return create_action_for_recommendation(
        actor=actor, recommendation=recommendation, commitment=commitment
    )


def request_thematic_report(
    *, actor: Any, partnership: Partnership, filters: Mapping[str, Any], language: str
) -> Any:
    """Record the request and queue the report in one transaction (made by `vawdasv worker`)."""
    from vawdasv.reviews.models import ThematicReportJob

    with transaction.atomic():
        _manage(actor, partnership.pk)
        job = ThematicReportJob.objects.create(
            partnership=partnership,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            filters={k: v for k, v in filters.items() if v not in (None, "")},
            language=language,
        )
        kernel.created(
            actor=actor, instance=job, fields=("filters", "language"), partnership=partnership
        )
        queue.enqueue_with(job, tasks.make_thematic_report, job.pk)
    queue.enqueue_after(job, tasks.make_thematic_report, job.pk)
    return job
