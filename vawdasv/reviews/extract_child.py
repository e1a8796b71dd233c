"""The child process `extract.read_bounded` starts: limits itself, reads the file from stdin,
prints its paragraphs as JSON. Not imported by anything."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def _limit() -> None:
    from vawdasv.reviews.extract import CHILD_MEMORY_BYTES, CHILD_TIMEOUT_SECONDS

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_TIMEOUT_SECONDS, CHILD_TIMEOUT_SECONDS))


def _setup() -> None:
    """Only what translated messages need: the platform's settings module pulls in every app
    (and scikit-learn with them), which took longer than reading a long PDF."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            USE_I18N=True,
            LANGUAGE_CODE="en",
            LANGUAGES=[("en", "English"), ("cy", "Cymraeg")],
            LOCALE_PATHS=[Path(__file__).resolve().parents[1] / "locale"],
            INSTALLED_APPS=[],
        )
    import django

    django.setup()


def main() -> int:
    _setup()
    _limit()
    from django.utils import translation

    from vawdasv.reviews.extract import UnreadableReport, read_document

    extension = sys.argv[1]
    translation.activate(sys.argv[2] if len(sys.argv) > 2 else "en")  # messages in the reader's
    data = sys.stdin.buffer.read()
    try:
        paragraphs = read_document(data, extension)
    except UnreadableReport as error:
        json.dump({"error": str(error)}, sys.stdout)
        return 0
    json.dump({"paragraphs": [[p.page, p.text] for p in paragraphs]}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
