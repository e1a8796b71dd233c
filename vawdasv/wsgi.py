"""WSGI entry point used by `vawdasv serve` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vawdasv.settings")
application = get_wsgi_application()
