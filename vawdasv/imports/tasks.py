"""The imports app's background tasks, run by `vawdasv worker` (docs/adr/0012).

Each takes only the import's id; the work lives in `imports.uploads`, so it can also be run by
calling that module directly.
"""

from __future__ import annotations

from django_tasks import task

from vawdasv.imports import uploads


@task()
def read_import(import_id: int) -> bool:
    """Read an uploaded plan document; False when it was not waiting to be read."""
    return uploads.read_received(import_id)
