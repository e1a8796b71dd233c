"""Every update of a strategy as .xlsx or .csv, made by a worker (ops.exports).

The dashboard's buttons ask for it; a plain GET of the export address (views/exports.py) still
answers at once, for scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vawdasv.ops.exports import Built, Export, register
from vawdasv.plans.models import Strategy
from vawdasv.progress import exports, selectors

KIND = "progress-updates"
FORMATS: dict[str, tuple[Callable[[Strategy, Any], bytes], str]] = {
    "xlsx": (exports.as_xlsx, exports.XLSX_CONTENT_TYPE),
    "csv": (exports.as_csv, exports.CSV_CONTENT_TYPE),
}


def build(params: Mapping[str, Any], user: Any) -> Built:
    """The updates this member may see when the file is made (drafts only to their authors
    and the regional team: `permissions.visible_updates`)."""
    if params.get("format") not in FORMATS:
        raise Http404
    strategy = selectors.get_strategy_for_member(user, str(params.get("slug", "")))
    write, content_type = FORMATS[params["format"]]
    return Built(
        data=write(strategy, user),
        file_name=exports.filename(strategy, params["format"]),
        content_type=content_type,
    )


def _back(params: Mapping[str, Any]) -> str:
    return reverse("progress:dashboard", kwargs={"slug": params.get("slug", "")})


def register_update_downloads() -> None:
    register(
        Export(kind=KIND, build=build, back_url=_back, title=_("Download every progress update"))
    )
