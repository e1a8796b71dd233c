"""`vawdasv serve`: run the site with gunicorn (static files served by WhiteNoise)."""

from __future__ import annotations

import gc
from typing import Any

from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from vawdasv.wsgi import application

        return application


def _freeze_loaded_objects(worker: Any) -> None:
    """Once a worker has loaded the site, move everything loaded so far (Django, the URL
    patterns, compiled templates…) out of the garbage collector's sight. Those objects live as
    long as the worker; collecting them was the cost of the slowest requests (ADR 0040)."""
    gc.freeze()


class Command(BaseCommand):
    help = "Serve the site with gunicorn."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Serving on http://{options['bind']}/ (Ctrl+C to stop)")
        _Server(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "accesslog": "-",
                "timeout": 60,
                "post_worker_init": _freeze_loaded_objects,
            }
        ).run()
