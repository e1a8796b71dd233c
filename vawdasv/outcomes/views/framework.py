"""Framework pages for administrators: measures, indicators with their benchmarks and targets,
denominators, disaggregations and validation rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from vawdasv.audit.kernel import ConcurrentEditError
from vawdasv.core.form_errors import add_validation_errors, posted, saved
from vawdasv.lib.bilingual import read
from vawdasv.outcomes import selectors
from vawdasv.outcomes.forms import (
    BenchmarkForm,
    CategorySetForm,
    DenominatorForm,
    IndicatorForm,
    MaracAreaChangeForm,
    MaracAreaForm,
    MeasureForm,
    RenameCategoryForm,
    RuleForm,
    TargetForm,
)
from vawdasv.outcomes.models import (
    Benchmark,
    CategorySet,
    Indicator,
    MaracArea,
    Measure,
    Target,
)
from vawdasv.outcomes.services import framework
from vawdasv.partnerships import permissions
from vawdasv.partnerships.models import Partnership

CONFLICT = gettext_lazy(
    "Somebody else changed this indicator while you were editing it. Their version is shown "
    "below; make your change again."
)

MARAC_CONFLICT = gettext_lazy(
    "Somebody else changed this MARAC area while you were editing it. Their version is shown "
    "below; make your change again."
)


def _home(partnership: Partnership) -> str:
    return reverse("outcomes:framework", args=[partnership.slug])


def managed(request: HttpRequest, slug: str) -> Partnership:
    """The partnership, for its administrators only (others: 403, outsiders: 404)."""
    partnership = selectors.get_partnership_for_member(request.user, slug)
    if not permissions.can_manage_outcomes(request.user, partnership.pk):
        raise PermissionDenied
    return partnership


def _form_page(
    request: HttpRequest, partnership: Partnership, form: Any, heading: str, **extra: Any
) -> HttpResponse:
    return render(
        request, "outcomes/form.html",
        {"partnership": partnership, "form": form, "heading": heading, **extra},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _indicator_initial(indicator: Indicator) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(indicator, name) for name in framework.INDICATOR_FIELDS
    }
    initial["themes"] = list(indicator.themes.all())
    initial["commitments"] = list(indicator.commitments.all())
    initial["version"] = indicator.version
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """numerator ÷ denominator × factor, optionally annualised, and its links to the plan.
    A save from an old version is refused and the other person's version shown."""
    partnership = managed(request, slug)
    indicator = get_object_or_404(Indicator, pk=pk, partnership=partnership) if pk else None
    initial = _indicator_initial(indicator) if indicator else {}
    form = IndicatorForm(posted(request), initial=initial, partnership=partnership)
    theirs: dict[str, Any] | None = None

    def write() -> None:
        data = {name: form.cleaned_data[name] for name in framework.INDICATOR_FIELDS}
        for name in ("denominator_sex", "denominator_age_band"):
            data[name] = data[name] or ""
        framework.save_indicator(
            actor=request.user, partnership=partnership, data=data, indicator=indicator,
            expected_version=form.cleaned_data["version"] if indicator else None,
            themes=list(form.cleaned_data["themes"]),
            commitments=list(form.cleaned_data["commitments"]),
        )  # fmt: skip

    try:
        done = saved(request, form, write, _("Indicator saved."), _home(partnership))
    except ConcurrentEditError as error:
        form.add_error(None, CONFLICT)
        theirs = _version_shown(error.current, INDICATOR_SHOWN)
        _carry_on_from(form, error.current)
    else:
        if done is not None:
            return done
    heading = _("Change an indicator") if indicator else _("Add an indicator")
    benchmarks = indicator.benchmarks.all() if indicator else ()
    return _form_page(request, partnership, form, heading, theirs=theirs, benchmarks=benchmarks)


INDICATOR_SHOWN = ("code", "name_en", "name_cy", "factor", "annualised")


def _carry_on_from(form: Any, current: Any) -> None:
    """After a refused save, the form carries the version now saved, so that saving again
    (having seen the other person's version) is accepted."""
    form.data = form.data.copy()
    form.data["version"] = str(current.version)


def _version_shown(current: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """What the other person saved, as label → value, for the conflict panel."""
    return {str(current._meta.get_field(name).verbose_name): getattr(current, name)
            for name in fields}  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = managed(request, slug)
    indicator = get_object_or_404(Indicator, pk=pk, partnership=partnership)
    form = BenchmarkForm(posted(request))

    def write() -> None:
        data = {name: form.cleaned_data[name] for name in framework.BENCHMARK_FIELDS}
        framework.add_benchmark(actor=request.user, indicator=indicator, **data)

    done = saved(request, form, write, _("Benchmark added."), _home(partnership))
    if done is not None:
        return done
    heading = _("Add a benchmark to %(indicator)s") % {"indicator": indicator.code}
    return _form_page(request, partnership, form, heading)


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a benchmark; a save from an old version shows the other person's version."""
    partnership = managed(request, slug)
    benchmark = get_object_or_404(
        Benchmark.objects.select_related("indicator"), pk=pk, indicator__partnership=partnership
    )
    initial = {name: getattr(benchmark, name) for name in framework.BENCHMARK_FIELDS}
    form = BenchmarkForm(posted(request), initial={**initial, "version": benchmark.version})
    theirs: dict[str, Any] | None = None

    def write() -> None:
        framework.change_benchmark(
            actor=request.user, benchmark=benchmark,
            data={name: form.cleaned_data[name] for name in framework.BENCHMARK_FIELDS},
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip

    try:
        done = saved(request, form, write, _("Benchmark saved."), _home(partnership))
    except ConcurrentEditError as error:
        form.add_error(None, _("Somebody else changed this benchmark while you were "
                               "editing it. Their version is shown below; make your "
                               "change again."))  # fmt: skip
        theirs = _version_shown(error.current, framework.BENCHMARK_FIELDS)
        _carry_on_from(form, error.current)
    else:
        if done is not None:
            return done
    heading = _("Change a benchmark of %(indicator)s") % {"indicator": benchmark.indicator.code}
    return _form_page(
        request, partnership, form, heading, theirs=theirs,
        remove_url=reverse("outcomes:benchmark-remove", args=[partnership.slug, benchmark.pk]),
        remove_text=_("Remove this benchmark"),
    )  # fmt: skip


def _target_initial(indicator: Indicator) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": indicator.version}
    target = Target.objects.filter(indicator=indicator).prefetch_related("rules").first()
    rules = [(r.rag, r.percent_of_target) for r in target.rules.all()] if target else []
    if target is None:
        rules = list(framework.DEFAULT_RULES)
    else:
        initial["value"] = target.value
    for row, (rag, percent) in enumerate(rules, start=1):
        initial[f"rag_{row}"], initial[f"percent_{row}"] = rag, percent
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The partnership's target for an indicator with its ordered RAG rules."""
    partnership = managed(request, slug)
    indicator = get_object_or_404(Indicator, pk=pk, partnership=partnership)
    form = TargetForm(posted(request), initial=_target_initial(indicator))

    def write() -> None:
        framework.set_target(
            actor=request.user, indicator=indicator, value=form.cleaned_data["value"],
            rules=form.cleaned_data["rules"], expected_version=form.cleaned_data["version"],
        )  # fmt: skip

    try:
        done = saved(request, form, write, _("Target saved."), _home(partnership))
    except ConcurrentEditError as error:
        form.add_error(None, CONFLICT)
        _carry_on_from(form, error.current)
    else:
        if done is not None:
            return done
    heading = _("Target for %(indicator)s") % {"indicator": indicator.code}
    return _form_page(request, partnership, form, heading)


@login_required
@require_http_methods(["GET", "POST"])
def denominator_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """A StatsWales or ONS population file, all or nothing, with its source."""
    partnership = managed(request, slug)
    form = DenominatorForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > framework.MAX_DENOMINATOR_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                denominator = framework.load_denominator(
                    actor=request.user, partnership=partnership,
                    code=form.cleaned_data["code"], name_en=form.cleaned_data["name_en"],
                    name_cy=form.cleaned_data["name_cy"], source=form.cleaned_data["source"],
                    file_name=upload.name[:200], content=upload.read(),
                )  # fmt: skip
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)s figures loaded into %(code)s.")
                    % {"count": denominator.values.count(), "code": denominator.code},
                )
                return redirect("outcomes:framework", slug=partnership.slug)
    return _form_page(request, partnership, form, _("Load a denominator"))


@login_required
@require_http_methods(["GET", "POST"])
def category_set_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = managed(request, slug)
    form = CategorySetForm(posted(request))

    def write() -> None:
        framework.create_category_set(
            actor=request.user, partnership=partnership, **form.cleaned_data
        )

    done = saved(request, form, write, _("Disaggregation added."), _home(partnership))
    return done or _form_page(request, partnership, form, _("Add a disaggregation"))


@login_required
@require_http_methods(["GET", "POST"])
def category_rename(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """New words for a category from a date; earlier periods keep the old words."""
    partnership = managed(request, slug)
    category_set = get_object_or_404(CategorySet, pk=pk, partnership=partnership)
    form = RenameCategoryForm(posted(request), category_set=category_set)
    done = saved(
        request, form, lambda: framework.rename_category(actor=request.user, **form.cleaned_data),
        _("Category renamed."), _home(partnership),
    )  # fmt: skip
    if done is not None:
        return done
    heading = _("Rename a category of %(name)s") % {"name": read(category_set, "name")}
    return _form_page(request, partnership, form, heading)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    partnership = managed(request, slug)
    measure = get_object_or_404(Measure, pk=pk, partnership=partnership) if pk else None
    initial: dict[str, Any] = {}
    if measure is not None:
        initial = {name: getattr(measure, name) for name in framework.MEASURE_FIELDS}
        initial["category_sets"] = list(measure.category_sets.all())
        initial["version"] = measure.version
    form = MeasureForm(posted(request), initial=initial, partnership=partnership)
    theirs: dict[str, Any] | None = None

    def write() -> None:
        framework.save_measure(
            actor=request.user, partnership=partnership, measure=measure,
            data={name: form.cleaned_data[name] for name in framework.MEASURE_FIELDS},
            category_sets=list(form.cleaned_data["category_sets"]),
            expected_version=form.cleaned_data["version"] if measure else None,
        )  # fmt: skip

    try:
        done = saved(request, form, write, _("Measure saved."), _home(partnership))
    except ConcurrentEditError as error:
        form.add_error(None, _("Somebody else changed this measure while you were editing "
                               "it. Reload the page to see their version."))  # fmt: skip
        theirs = _version_shown(error.current, ("code", "name_en", "name_cy", "source"))
    else:
        if done is not None:
            return done
    heading = _("Change a measure") if measure else _("Add a measure")
    return _form_page(request, partnership, form, heading, theirs=theirs)


@login_required
@require_http_methods(["GET", "POST"])
def marac_area_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Define a MARAC area as a grouping of the partnership's local authorities."""
    partnership = managed(request, slug)
    form = MaracAreaForm(posted(request), partnership=partnership)

    def write() -> None:
        framework.add_marac_area(actor=request.user, partnership=partnership, **form.cleaned_data)

    done = saved(request, form, write, _("MARAC area added."), _home(partnership))
    return done or _form_page(request, partnership, form, _("Add a MARAC area"))


def _marac_area_shown(area: Any) -> dict[str, Any]:
    shown = _version_shown(area, ("name_en", "name_cy"))
    authorities = area.local_authorities.order_by("name_en")
    shown[_("Local authorities it covers")] = ", ".join(str(read(a, "name")) for a in authorities)
    return shown


@login_required
@require_http_methods(["GET", "POST"])
def marac_area_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """New names or local authorities for a MARAC area; a save from an old version is refused
    and the other person's version shown."""
    partnership = managed(request, slug)
    area = get_object_or_404(
        MaracArea.objects.select_related("partnership"), pk=pk, partnership=partnership
    )
    initial = {"name_en": area.name_en, "name_cy": area.name_cy, "version": area.version,
               "local_authorities": list(area.local_authorities.all())}  # fmt: skip
    form = MaracAreaChangeForm(posted(request), initial=initial, partnership=partnership)
    theirs: dict[str, Any] | None = None

    def write() -> None:
        framework.change_marac_area(
            actor=request.user, area=area, name_en=form.cleaned_data["name_en"],
            name_cy=form.cleaned_data["name_cy"],
            local_authorities=list(form.cleaned_data["local_authorities"]),
            expected_version=form.cleaned_data["version"],
        )  # fmt: skip

    try:
        done = saved(request, form, write, _("MARAC area saved."), _home(partnership))
    except ConcurrentEditError as error:
        form.add_error(None, MARAC_CONFLICT)
        theirs = _marac_area_shown(error.current)
        _carry_on_from(form, error.current)
    else:
        if done is not None:
            return done
    heading = _("Change the MARAC area %(code)s") % {"code": area.code}
    return _form_page(
        request, partnership, form, heading, theirs=theirs,
        remove_url=reverse("outcomes:marac-area-remove", args=[partnership.slug, area.pk]),
        remove_text=_("Remove this MARAC area"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rule_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = managed(request, slug)
    form = RuleForm(posted(request))

    def write() -> None:
        framework.add_validation_rule(
            actor=request.user, partnership=partnership, **form.cleaned_data
        )

    done = saved(request, form, write, _("Rule added."), _home(partnership))
    return done or _form_page(request, partnership, form, _("Add a validation rule"))
