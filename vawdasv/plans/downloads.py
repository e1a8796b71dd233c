"""The plan as Word or Excel, made by a worker (ops.exports) for the strategy page's buttons.

`views/export.py` still answers a plain GET with the file at once, for scripts and links.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from vawdasv.ops.exports import Built, Export, register
from vawdasv.plans import selectors
from vawdasv.plans.export import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    export_docx,
    export_filename,
    export_xlsx,
)
from vawdasv.plans.models import Strategy

KIND = "plan"
FORMATS: dict[str, tuple[Callable[[Strategy, str], bytes], str]] = {
    "docx": (export_docx, DOCX_CONTENT_TYPE),
    "xlsx": (export_xlsx, XLSX_CONTENT_TYPE),
}


def build(params: Mapping[str, Any], user: Any) -> Built:
    """The plan in the active language, if the person may still read it."""
    if params.get("format") not in FORMATS:
        raise Http404
    strategy = selectors.get_strategy_for_user(user, str(params.get("slug", "")))
    write, content_type = FORMATS[params["format"]]
    language = translation.get_language() or "en"
    return Built(
        data=write(strategy, language),
        file_name=export_filename(strategy, language, params["format"]),
        content_type=content_type,
    )


def _back(params: Mapping[str, Any]) -> str:
    return reverse("plans:strategy", kwargs={"slug": params.get("slug", "")})


def register_plan_downloads() -> None:
    register(Export(kind=KIND, build=build, back_url=_back, title=_("Download the plan")))
