"""Read-only representations of partnerships, organisations and plan content.

Bilingual text is an `{"en": …, "cy": …}` object (see `vawdasv.api.fields` for why). Objects
point to each other by the key the API looks them up with: slugs for partnerships,
organisations and strategies, ids for themes, commitments and actions.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vawdasv.api.fields import (
    BilingualField,
    BilingualTextSerializer,
    PageUrlField,
    TimescaleField,
)
from vawdasv.governance.enums import ATTENDED, AttendanceStatus, MinutesStatus
from vawdasv.governance.models import Decision, ExternalBody, Group, Meeting
from vawdasv.partnerships.models import Organisation, Partnership
from vawdasv.plans.models import Action, Commitment, Strategy, Theme
from vawdasv.progress.enums import RagStatus, UpdateState
from vawdasv.progress.models import ProgressRound, ProgressUpdate
from vawdasv.reference.models import FrameworkItem, LocalAuthority, Region


class ReadOnlyModelSerializer(serializers.ModelSerializer[Any]):
    # Every field read-only, so the schema marks each one readOnly and required. (A comment,
    # not a docstring: drf-spectacular would copy a docstring into every component.)

    def get_extra_kwargs(self) -> dict[str, Any]:
        extra: dict[str, Any] = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra


# Small nested shapes -------------------------------------------------------------------------


class OrganisationSummarySerializer(ReadOnlyModelSerializer):
    """An organisation named by an action or a partnership."""

    name = BilingualField()

    class Meta:
        model = Organisation
        fields = ["slug", "name", "short_name"]


class RegionSerializer(ReadOnlyModelSerializer):
    """One of the six VAWDASV regions."""

    name = BilingualField()

    class Meta:
        model = Region
        fields = ["slug", "name"]


class LocalAuthoritySerializer(ReadOnlyModelSerializer):
    """A local authority the partnership covers, with its GSS code."""

    name = BilingualField()

    class Meta:
        model = LocalAuthority
        fields = ["gss_code", "name"]


# OpenAPI 3.0 cannot mark a referenced component nullable (`allOf` + `nullable` is invalid by the
# 3.0.3 clarification, and strict validators reject null with it), so the one optional nested
# object is described inline.
NULLABLE_REGION: dict[str, Any] = {
    "type": "object",
    "nullable": True,
    "description": "The VAWDASV region; null when not yet set.",
    "properties": {
        "slug": {"type": "string"},
        "name": {"$ref": "#/components/schemas/BilingualText"},
    },
    "required": ["slug", "name"],
}


class StrategySummarySerializer(ReadOnlyModelSerializer):
    """A strategy as listed under its partnership."""

    title = BilingualField()

    class Meta:
        model = Strategy
        fields = ["slug", "title", "start_year", "end_year", "status"]


class PartnershipSummarySerializer(ReadOnlyModelSerializer):
    """The partnership a strategy belongs to."""

    name = BilingualField()

    class Meta:
        model = Partnership
        fields = ["slug", "name"]


class AlignmentSerializer(ReadOnlyModelSerializer):
    """A framework item the action contributes to, such as the Act's "prevention" purpose."""

    framework: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    title = BilingualField()

    class Meta:
        model = FrameworkItem
        fields = ["framework", "code", "title"]


class PeriodSerializer(serializers.Serializer[Any]):
    """Schema only: the years a strategy covers."""

    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    # DRF moves declared fields off the class, so this does not replace Field.label.
    label = serializers.CharField(help_text="For example 2023–2028.")  # type: ignore[assignment]


class CountsSerializer(serializers.Serializer[Any]):
    """Schema only: how much plan content a strategy holds."""

    themes = serializers.IntegerField()
    commitments = serializers.IntegerField()
    actions = serializers.IntegerField()


# Top-level resources -------------------------------------------------------------------------


class PartnershipSerializer(ReadOnlyModelSerializer):
    """A regional VAWDASV partnership and what it covers."""

    name = BilingualField()
    region = serializers.SerializerMethodField()
    local_authorities = LocalAuthoritySerializer(many=True, read_only=True)
    organisations = OrganisationSummarySerializer(many=True, read_only=True)
    strategies = serializers.SerializerMethodField(
        help_text="The partnership's strategies that the caller may read."
    )

    class Meta:
        model = Partnership
        fields = ["slug", "name", "region", "local_authorities", "organisations", "strategies"]

    @extend_schema_field(NULLABLE_REGION)
    def get_region(self, partnership: Partnership) -> dict[str, Any] | None:
        if partnership.region is None:
            return None
        return dict(RegionSerializer(partnership.region).data)

    @extend_schema_field(StrategySummarySerializer(many=True))
    def get_strategies(self, partnership: Partnership) -> list[dict[str, Any]]:
        # Prefetched per caller by vawdasv.api.visibility.partnerships_for.
        strategies = getattr(partnership, "visible_strategies", [])
        return list(StrategySummarySerializer(strategies, many=True).data)


class OrganisationSerializer(ReadOnlyModelSerializer):
    """A body that leads or partners on actions: a council, police force, charity and so on."""

    name = BilingualField()

    class Meta:
        model = Organisation
        fields = ["slug", "name", "short_name", "organisation_type"]


class StrategySerializer(ReadOnlyModelSerializer):
    """A partnership's strategy: its period, vision, status and the size of its plan."""

    partnership = PartnershipSummarySerializer(read_only=True)
    title = BilingualField()
    vision = BilingualField()
    period = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    url = PageUrlField()

    class Meta:
        model = Strategy
        fields = [
            "slug", "partnership", "title", "period", "vision", "status", "counts", "url",
        ]  # fmt: skip

    @extend_schema_field(PeriodSerializer)
    def get_period(self, strategy: Strategy) -> dict[str, Any]:
        return {
            "start_year": strategy.start_year,
            "end_year": strategy.end_year,
            "label": strategy.period_label,
        }

    @extend_schema_field(CountsSerializer)
    def get_counts(self, strategy: Strategy) -> dict[str, int]:
        # Annotated by vawdasv.api.visibility.strategies_for.
        return {
            "themes": getattr(strategy, "theme_count", 0),
            "commitments": getattr(strategy, "commitment_count", 0),
            "actions": getattr(strategy, "action_count", 0),
        }


class ThemeSerializer(ReadOnlyModelSerializer):
    """A chapter of the plan, such as PREPARE."""

    strategy: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    name = BilingualField()
    aim = BilingualField()
    commitment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Theme
        fields = ["id", "strategy", "order", "name", "aim", "commitment_count"]


class CommitmentSerializer(ReadOnlyModelSerializer):
    """A "We will …" statement under a theme."""

    strategy: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="theme.strategy", slug_field="slug", read_only=True
    )
    theme: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    text = BilingualField()
    action_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "strategy", "theme", "order", "ref", "text", "action_count"]


class ActionSerializer(ReadOnlyModelSerializer):
    """A milestone that delivers a commitment, with its evidence, timescale and organisations."""

    strategy: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="commitment.theme.strategy", slug_field="slug", read_only=True
    )
    theme: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        source="commitment.theme", read_only=True
    )
    commitment: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    text = BilingualField()
    evidence = BilingualField(help_text="Evidence of achievement.")
    timescale_text = serializers.CharField(
        read_only=True, help_text='The timescale as written in the plan, such as "Mar 2026".'
    )
    due_date = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The date read from the timescale; null when it names no date.",
    )
    timescale = TimescaleField(
        help_text="The timescale as written, as understood (kind and date) and as shown in each "
        "language."
    )
    lead_organisations = OrganisationSummarySerializer(many=True, read_only=True)
    partner_organisations = OrganisationSummarySerializer(many=True, read_only=True)
    alignment = AlignmentSerializer(source="alignments", many=True, read_only=True)
    url = PageUrlField()

    class Meta:
        model = Action
        fields = [
            "id", "strategy", "theme", "commitment", "order", "ref", "text", "evidence",
            "timescale_text", "due_date", "timescale_kind", "timescale_needs_check", "timescale",
            "lead_organisations", "partner_organisations", "alignment", "url",
        ]  # fmt: skip


# Progress --------------------------------------------------------------------------------------


class ProgressRoundSerializer(ReadOnlyModelSerializer):
    """A round of progress reporting on a strategy, for one quarter or financial year."""

    strategy: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    url = PageUrlField()

    class Meta:
        model = ProgressRound
        fields = [
            "id", "strategy", "period_label", "period_kind", "period_start", "period_end",
            "deadline", "status", "url",
        ]  # fmt: skip


class ProgressUpdateSerializer(ReadOnlyModelSerializer):
    """A lead officer's update on one action in one round, as far as the caller may see it."""

    strategy: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="progress_round.strategy", slug_field="slug", read_only=True
    )
    round: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        source="progress_round", read_only=True
    )
    action: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    period_label = serializers.CharField(source="progress_round.period_label", read_only=True)
    status = serializers.ChoiceField(
        source="state",
        choices=UpdateState.choices,
        read_only=True,
        help_text="draft, submitted, approved or returned. Callers outside the regional team "
        "and the lead organisation only ever see approved updates.",
    )
    rag = serializers.ChoiceField(
        choices=[("", ""), *RagStatus.choices],
        read_only=True,
        help_text="red, amber or green; empty while a draft has none.",
    )
    narrative = BilingualField(help_text="The progress made, as written by the lead officer.")
    no_longer_relevant = serializers.BooleanField(
        source="proposed_no_longer_relevant", read_only=True
    )
    approved_at = serializers.SerializerMethodField(
        help_text="When the regional team approved it; null until then."
    )
    url = PageUrlField()

    class Meta:
        model = ProgressUpdate
        fields = [
            "id", "strategy", "round", "period_label", "action", "status", "rag", "completed",
            "no_longer_relevant", "narrative", "submitted_at", "approved_at", "url",
        ]  # fmt: skip

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_approved_at(self, update: ProgressUpdate) -> str | None:
        if update.state != UpdateState.APPROVED or update.reviewed_at is None:
            return None
        return serializers.DateTimeField().to_representation(update.reviewed_at)


# Governance ----------------------------------------------------------------------------------


class ExternalBodySerializer(ReadOnlyModelSerializer):
    """A body outside the partnership that a group reports to."""

    name = BilingualField()

    class Meta:
        model = ExternalBody
        fields = ["name", "url"]


class GroupSerializer(ReadOnlyModelSerializer):
    """A group of the partnership's structure, with its reporting line."""

    partnership: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    name = BilingualField()
    purpose = BilingualField()
    reports_to_group: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    review_date = serializers.DateField(read_only=True, allow_null=True)
    reports_to_body = ExternalBodySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Group
        fields = [
            "id", "partnership", "name", "kind", "frequency", "purpose", "quorum_organisations",
            "chair", "review_date", "reports_to_group", "reports_to_body",
        ]  # fmt: skip


class AttendanceCountsSerializer(serializers.Serializer[Any]):
    present = serializers.IntegerField()
    deputy = serializers.IntegerField()
    apologies = serializers.IntegerField()
    absent = serializers.IntegerField()


class DecisionSerializer(ReadOnlyModelSerializer):
    """A record of decision; `action` is the plan action it changed, if any."""

    what = BilingualField()
    why = BilingualField()
    alternatives = BilingualField()
    action: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Decision
        fields = ["id", "what", "why", "alternatives", "action"]


class MeetingSerializer(ReadOnlyModelSerializer):
    """A meeting with its attendance counts and decisions. Minutes are empty until approved:
    draft minutes are never given out."""

    group: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    ends_at = serializers.DateTimeField(read_only=True, allow_null=True)
    attendance_counts = serializers.SerializerMethodField()
    quorate = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField()
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "group", "starts_at", "ends_at", "place", "online", "survivor_representatives",
            "attendance_counts", "quorate", "minutes_status", "minutes", "decisions",
        ]  # fmt: skip

    @extend_schema_field(AttendanceCountsSerializer)
    def get_attendance_counts(self, meeting: Meeting) -> dict[str, int]:
        counts = {status: 0 for status in AttendanceStatus.values}
        for attendance in meeting.attendance.all():
            counts[attendance.status] += 1
        return counts

    def get_quorate(self, meeting: Meeting) -> bool:
        attended = {
            a.seat.organisation_id for a in meeting.attendance.all() if a.status in ATTENDED
        }
        return len(attended) >= meeting.group.quorum_organisations

    @extend_schema_field(BilingualTextSerializer)
    def get_minutes(self, meeting: Meeting) -> dict[str, str]:
        # Empty until approved: draft minutes are never given out (see minutes_status).
        if meeting.minutes_status != MinutesStatus.APPROVED:
            return {"en": "", "cy": ""}
        return {"en": meeting.minutes_en, "cy": meeting.minutes_cy}


# Outcomes: published figures only ------------------------------------------------------------


class PublishedFigureSerializer(serializers.Serializer[Any]):
    # One published figure after disclosure control. `value` is null unless `status` is
    # "value": a suppressed figure is a state, never a number, in the API as on the pages.
    partnership = serializers.CharField(source="publication.indicator.partnership.slug")
    indicator = serializers.CharField(source="publication.indicator.code")
    indicator_name = BilingualField("name", source="*")
    period = serializers.CharField(source="publication.period_label")
    geo_code = serializers.CharField()
    disaggregation = serializers.CharField(
        source="category.category_set.code", default="", allow_blank=True
    )
    category = serializers.CharField(source="category.code", default="", allow_blank=True)
    status = serializers.ChoiceField(
        choices=["value", "suppressed", "missing", "not applicable", "denominator missing"]
    )
    suppression = serializers.ChoiceField(choices=["", "primary", "secondary"])
    value = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        indicator = instance.publication.indicator
        data["indicator_name"] = {"en": indicator.name_en, "cy": indicator.name_cy}
        return data
