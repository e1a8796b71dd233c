"""The partnership's own names for Red, Amber and Green: a settings page for its administrators.

Reached from a strategy's progress rounds, because that is where administrators work with RAG
ratings; the labels themselves belong to the partnership and apply to all of its plans.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vawdasv.core.form_errors import add_validation_errors, posted
from vawdasv.core.forms import GovukModelForm
from vawdasv.partnerships import permissions
from vawdasv.plans.models import Strategy
from vawdasv.progress import rag, selectors
from vawdasv.progress.enums import RagStatus
from vawdasv.progress.forms import ConfirmForm
from vawdasv.progress.models import RagLabels


def _hint(default: str, lang: str) -> SafeString:
    """The platform's wording a blank box keeps, marked with its language for screen readers."""
    hint = escape(_("Leave blank to use the platform's wording: “%(default)s”."))
    wording = format_html('<span lang="{}">{}</span>', lang, default)
    return mark_safe(hint % {"default": wording})  # both parts are escaped above


class RagLabelsForm(GovukModelForm):
    """Twelve optional boxes; each hint shows the platform's wording a blank box keeps."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RagLabels
        fields = list(rag.LABEL_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # 0 means "none saved yet", so a first save cannot overwrite someone else's.
            self.initial["version"] = self.instance.version if self.instance.pk else 0
        for status in RagStatus:
            for lang in ("en", "cy"):
                default = rag.platform_vocabulary(lang)
                self.fields[f"{status.value}_label_{lang}"].help_text = _hint(
                    default.label(status), lang
                )
                self.fields[f"{status.value}_meaning_{lang}"].help_text = _hint(
                    default.meaning(status), lang
                )

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in rag.LABEL_FIELDS}


def _settings_for_admin(request: HttpRequest, slug: str) -> tuple[Strategy, RagLabels]:
    """The strategy the page was reached from and the partnership's labels (unsaved if none)."""
    strategy = selectors.get_strategy_for_member(request.user, slug)
    if not permissions.can_rename_rag_labels(request.user, strategy.partnership_id):
        raise PermissionDenied
    partnership = strategy.partnership
    labels = RagLabels.objects.filter(partnership=partnership).first()
    return strategy, labels or RagLabels(partnership=partnership)


def _conflict_rows(form: RagLabelsForm, current: RagLabels) -> list[dict[str, Any]]:
    """Each box where the saved labels differ from what this administrator sent."""
    rows = []
    for name in rag.LABEL_FIELDS:
        theirs, mine = getattr(current, name) or "", form.cleaned_data.get(name) or ""
        if theirs.strip() != mine.strip():
            label = RagLabels._meta.get_field(name).verbose_name  # type: ignore[union-attr]
            rows.append({"label": label, "theirs": theirs, "mine": mine})
    return rows


def _colours(form: RagLabelsForm, labels: RagLabels) -> list[dict[str, Any]]:
    """Per colour: its boxes, how English and Welsh readers see it now, and what is untranslated.

    A label or meaning given in English but not Welsh shows the platform's Welsh wording to
    Welsh readers (see progress.rag), so the page says so beside the colour.
    """
    saved = labels if labels.pk else None
    english, welsh = rag.RagVocabulary(saved, "en"), rag.RagVocabulary(saved, "cy")
    missing = set(labels.missing_translations()) if labels.pk else set()
    return [
        {
            "rag": status,
            "fields": [form[f"{status.value}_{part}_{lang}"] for part in ("label", "meaning")
                       for lang in ("en", "cy")],
            "english": english.label(status),
            "welsh": welsh.label(status),
            "untranslated_welsh": any(
                f"{status.value}_{part}" in missing and getattr(labels, f"{status.value}_{part}_en")
                for part in ("label", "meaning")
            ),
            "untranslated_english": any(
                f"{status.value}_{part}" in missing and getattr(labels, f"{status.value}_{part}_cy")
                for part in ("label", "meaning")
            ),
        }
        for status in RagStatus
    ]  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rag_labels(request: HttpRequest, slug: str) -> HttpResponse:
    strategy, labels = _settings_for_admin(request, slug)
    form = RagLabelsForm(posted(request), instance=labels)
    context: dict[str, Any] = {"strategy": strategy, "partnership": strategy.partnership}
    if request.method == "POST" and form.is_valid():
        try:
            rag.save_rag_labels(
                actor=request.user,
                partnership=strategy.partnership,
                data=form.service_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except rag.ConcurrentEditError as conflict:
            current: RagLabels = conflict.current  # type: ignore[assignment]
            context["conflict"] = _conflict_rows(form, current)
            data = form.data.copy()
            data["version"] = str(current.version)
            form.data = data
            form.add_error(
                None,
                _(
                    "Somebody else saved the RAG labels while you were editing them. Compare the "
                    "two versions below; your wording is still in the form. Save again to keep "
                    "yours."
                ),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("RAG labels saved"))
            return redirect(request.path)
    shown = RagLabels.objects.filter(partnership=strategy.partnership).first() or labels
    context.update(
        form=form, labels=shown, colours=_colours(form, shown), customised=_customised(shown)
    )
    return render(request, "progress/rag_labels.html", context, status=400 if form.errors else 200)


def _customised(labels: RagLabels) -> bool:
    return bool(labels.pk) and any(getattr(labels, name) for name in rag.LABEL_FIELDS)


@login_required
@require_http_methods(["GET", "POST"])
def rag_labels_reset(request: HttpRequest, slug: str) -> HttpResponse:
    """Back to the platform's wording, after a confirmation: every report changes with it."""
    strategy, labels = _settings_for_admin(request, slug)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if labels.pk:
            rag.reset_rag_labels(actor=request.user, partnership=strategy.partnership)
        messages.success(request, _("RAG labels reset to the platform's wording"))
        return redirect(reverse("progress:rag-labels", kwargs={"slug": strategy.slug}))
    return render(
        request,
        "progress/rag_labels.html",
        {
            "strategy": strategy,
            "partnership": strategy.partnership,
            "form": form,
            "confirming_reset": True,
        },
        status=400 if form.errors else 200,
    )
