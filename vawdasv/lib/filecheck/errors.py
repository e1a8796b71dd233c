"""What the checker raises: one exception, with a message for the person who uploaded the file."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a file was refused, for callers and tests that must tell the cases apart."""

    NOT_ALLOWED = "not-allowed"
    EMPTY = "empty"
    WRONG_TYPE = "wrong-type"
    DAMAGED = "damaged"
    MACROS = "macros"
    EMBEDDED = "embedded"
    EXTERNAL = "external"
    DDE = "dde"
    TOO_BIG_UNPACKED = "too-big-unpacked"


class RefusedFile(Exception):
    """The upload is not accepted. `message` is translated and names the file and the fault."""

    def __init__(self, message: str, reason: Reason) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __str__(self) -> str:
        return self.message
