"""Safeguarding reviews in the read API: the same rules as the pages. Everyone reads the reviews
a partnership shows to everyone (summary and recommendation status); the learning panel and
administrators read all of their partnership's, with the themes people accepted."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from vawdasv.api.errors import BAD_TOKEN, NOT_FOUND, THROTTLED
from vawdasv.api.fields import BilingualField
from vawdasv.api.serializers import ReadOnlyModelSerializer
from vawdasv.api.viewsets import ReadOnlyViewSet
from vawdasv.partnerships import permissions
from vawdasv.reviews import selectors
from vawdasv.reviews.enums import CodingState
from vawdasv.reviews.models import CodebookTheme, Recommendation, Review


class RecommendationSerializer(ReadOnlyModelSerializer):
    text = BilingualField()
    owner_organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    # Plain strings: the codes are listed in the page docs, and an unrated "" is not a choice.
    status = serializers.CharField(read_only=True)
    rag = serializers.CharField(read_only=True)

    class Meta:
        model = Recommendation
        fields = ["number", "text", "scope", "owner_organisation", "due_on", "status", "rag"]


class ReviewSerializer(ReadOnlyModelSerializer):
    title = BilingualField()
    summary = BilingualField()
    partnership: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    agencies: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    recommendations = RecommendationSerializer(many=True, read_only=True)
    status = serializers.CharField(read_only=True)
    themes = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id", "reference", "kind", "partnership", "title", "summary", "commissioning_body",
            "published_on", "status", "agencies", "fictional", "recommendations", "themes",
        ]  # fmt: skip

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_themes(self, review: Review) -> list[str]:
        """Codes people accepted on the review's text: only for those who read it in full."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not permissions.can_read_reviews_in_full(user, review.partnership_id):
            return []
        codes = review.passages.filter(codings__state=CodingState.ACCEPTED).values_list(
            "codings__theme__code", flat=True
        )
        return sorted(set(codes))


class CodebookThemeSerializer(ReadOnlyModelSerializer):
    name = BilingualField()
    description = BilingualField()
    # The broader theme's code ("parent" would shadow DRF's own Field.parent).
    broader: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="parent", slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = CodebookTheme
        fields = ["code", "broader", "name", "description"]


def _schema(serializer: Any, tag: str, list_summary: str, detail_summary: str) -> Any:
    errors = {401: BAD_TOKEN, 404: NOT_FOUND, 429: THROTTLED}
    return extend_schema_view(
        list=extend_schema(summary=list_summary, tags=[tag], responses={200: serializer, **errors}),
        retrieve=extend_schema(
            summary=detail_summary, tags=[tag], responses={200: serializer, **errors}
        ),
    )


@_schema(ReviewSerializer, "reviews", "List safeguarding reviews", "A safeguarding review")
class ReviewViewSet(ReadOnlyViewSet):
    """Reviews the caller may see, with their recommendations' status."""

    serializer_class = ReviewSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return (
            selectors.visible_reviews(self.request.user)
            .prefetch_related("agencies", "recommendations__owner_organisation")
            .order_by("pk")
        )


@_schema(CodebookThemeSerializer, "reviews", "List codebook themes", "A codebook theme")
class CodebookThemeViewSet(ReadOnlyViewSet):
    """The shared codebook of themes (professional vocabulary, readable by anyone)."""

    serializer_class = CodebookThemeSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Any]:
        return CodebookTheme.objects.select_related("parent").order_by("code")
