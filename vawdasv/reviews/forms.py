"""Forms of the reviews pages: they validate, the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vawdasv.core.forms import GovukForm, GovukModelForm
from vawdasv.lib.bilingual import read
from vawdasv.reviews.enums import DocumentKind, Language, RecommendationStatus
from vawdasv.reviews.models import Recommendation, Review

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class ReviewForm(GovukModelForm):
    class Meta:
        model = Review
        fields = [
            "kind", "reference", "title_en", "title_cy", "summary_en", "summary_cy",
            "commissioning_body", "notified_on", "decided_on", "commissioned_on",
            "completed_on", "published_on", "status", "agencies", "shared",
        ]  # fmt: skip
        widgets = {
            "notified_on": DATE_INPUT, "decided_on": DATE_INPUT, "commissioned_on": DATE_INPUT,
            "completed_on": DATE_INPUT, "published_on": DATE_INPUT,
            "agencies": forms.CheckboxSelectMultiple,
        }  # fmt: skip

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "agencies"}


class ReportUploadForm(GovukForm):
    document = forms.ChoiceField(
        label=_("Document"), choices=DocumentKind.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("Report file"),
        help_text=_("A published, anonymised report as a PDF or Word (.docx) file."),
    )
    confirmed_sha256 = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label=_(
            "I have checked each place listed: this is the published, anonymised report and "
            "holds no personal data"
        ),
        required=False,
    )


class RecommendationForm(GovukModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "text_en", "text_cy", "scope", "agencies", "owner_organisation", "owner_person",
            "due_on", "status", "rag",
        ]  # fmt: skip
        widgets = {"due_on": DATE_INPUT, "agencies": forms.CheckboxSelectMultiple}

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "agencies"}


class RecommendationUpdateForm(GovukForm):
    status = forms.ChoiceField(label=_("Status"), choices=RecommendationStatus.choices)
    rag = forms.ChoiceField(
        label=_("RAG rating"),
        choices=[("", _("Not rated")), ("red", _("Red")), ("amber", _("Amber")),
                 ("green", _("Green"))],
        required=False,
    )  # fmt: skip
    note = forms.CharField(label=_("What has happened"), widget=forms.Textarea)
    evidence_url = forms.URLField(
        label=_("Link to evidence (optional)"), required=False, assume_scheme="https"
    )


class TrackInRoundsForm(GovukForm):
    """Track a recommendation in the progress rounds: link an action already in the plan, or
    have one created under a commitment."""

    action: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Link an action already in the plan"),
        queryset=None,
        required=False,
        empty_label=_("No, create a new action"),
    )
    commitment: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Or create a new action under this commitment"),
        queryset=None,
        required=False,
        empty_label=_("Choose a commitment"),
        help_text=_("The new action is led by the recommendation’s owner organisation."),
    )

    def __init__(self, *args: Any, commitments: Any, actions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitments  # type: ignore[attr-defined]
        self.fields["action"].queryset = actions  # type: ignore[attr-defined]
        self.fields["action"].label_from_instance = _action_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and bool(data.get("action")) == bool(data.get("commitment")):
            self.add_error(
                "action", _("Choose an action to link, or a commitment to create one under")
            )
        return data


def _action_label(action: Any) -> str:
    text = read(action, "text").text
    return text if len(text) <= 90 else f"{text[:89]}…"


class SearchForm(GovukForm):
    q = forms.CharField(label=_("Search the reports"), max_length=200, required=False)


class ThematicReportForm(GovukForm):
    kind = forms.ChoiceField(label=_("Kind of review"), required=False)
    year_from = forms.IntegerField(
        label=_("Published from (year)"), min_value=1990, max_value=2100, required=False
    )
    year_to = forms.IntegerField(
        label=_("Published up to (year)"), min_value=1990, max_value=2100, required=False
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=Language.choices, widget=forms.RadioSelect
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", _("Word (.docx)")), ("pdf", _("PDF"))],
        widget=forms.RadioSelect,
        initial="docx",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from vawdasv.reviews.enums import ReviewKind
        from vawdasv.reviews.models import CodebookTheme

        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", _("Any kind")), *ReviewKind.choices]
        theme_field = self.fields["theme"]
        assert isinstance(theme_field, forms.ChoiceField)
        theme_field.choices = [
            ("", _("Every theme")),
            *[(t.code, str(t.text("name").text)) for t in CodebookTheme.objects.order_by("code")],
        ]


class CodebookThemeForm(GovukModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        from vawdasv.reviews.models import CodebookTheme

        model = CodebookTheme
        fields = [
            "code", "parent", "name_en", "name_cy", "description_en", "description_cy",
            "keywords",
        ]  # fmt: skip
        help_texts = {"keywords": _("Words and phrases that signal the theme, one per line.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class DisseminationForm(GovukForm):
    briefing = forms.CharField(label=_("Learning briefing"), max_length=200)
    group = forms.TypedChoiceField(
        label=_("Governance group"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("A group of the partnership the briefing went to."),
    )
    audience = forms.CharField(
        label=_("Or a training course or partner"),
        max_length=200,
        required=False,
        help_text=_("When the briefing did not go to one of the groups."),
    )
    sent_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    reviews: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Reviews the learning came from"),
        queryset=Review.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, groups: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Not a group")), *[(g.pk, g.name) for g in groups]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("group") and not (data.get("audience") or "").strip():
            self.add_error("audience", _("Choose a group, or enter the training course or partner"))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "group"}
        return {**data, "group_id": self.cleaned_data.get("group")}


class PanelSeatForm(GovukForm):
    """Choose a person of the partnership to put on its learning panel."""

    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        empty_label=_("Choose a person"),
        error_messages={"required": _("Choose a person to add to the panel")},
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people
        field.label_from_instance = _person_label  # type: ignore[method-assign,assignment]


def _person_label(user: Any) -> str:
    """The person's name and organisation, the organisation in the reader's language."""
    organisation = user.organisation
    name = user.display_name
    if organisation is None:
        return str(name)
    return f"{name} ({read(organisation, 'name').text})"
