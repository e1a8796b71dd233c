"""Lead cells: splitting "SWP/PCC / Regional Team" into names and resolving names to bodies.

Plans write leads loosely: abbreviations (SWP, VoG, HSG), several bodies joined by "/", ",",
"and", and teams within a body ("VoG Community Safety"). Splitting is pure text work; resolving
uses an alias table (a partnership's own shorthand) and falls back to a body of that name, so
nothing the plan says is dropped. No database access here: `imports.services` finds or creates
the organisations an `OrganisationEntry` describes. It lives in partnerships (the ground the
alias lists, the plan readers in `imports` and the plan export in `plans` all stand on).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.text import slugify

from vawdasv.partnerships.enums import OrganisationType

# Names of bodies that contain a separator word and must not be split.
KEEP_TOGETHER = (
    "Violence against Women, Domestic Abuse and Sexual Violence",
    "Domestic Abuse and Sexual Violence",
    "Cardiff and Vale",
    "Police and Crime",
    "Fire and Rescue",
    "Health and Social Care",
    "Children and Young People",
    "Mid and West",
    "Safe & Together",
)

_SEPARATOR = re.compile(r"\s*(?:/|,|;|&|\+|\n|\band\b)\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")


def split_leads(cell: str | None, keep_together: Iterable[str] = KEEP_TOGETHER) -> list[str]:
    """The names in a lead cell, in order, without duplicates.

    "Regional Team, SWP/PCC" → ["Regional Team", "SWP", "PCC"]. Text in parentheses and the
    names in `keep_together` stay whole ("Cardiff and Vale University Health Board").
    """
    if not cell:
        return []
    protected: list[str] = []

    def protect(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"\x00{len(protected) - 1}\x00"

    text = cell.replace("\x00", " ")
    text = _PARENTHESES.sub(protect, text)
    for phrase in sorted(keep_together, key=len, reverse=True):
        text = re.sub(re.escape(phrase), protect, text, flags=re.IGNORECASE)

    names: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATOR.split(text):
        name = _PLACEHOLDER.sub(lambda m: protected[int(m.group(1))], part)
        name = " ".join(name.split()).strip(" .-–")
        key = normalise_name(name)
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def normalise_name(name: str) -> str:
    """The form names are compared in: lower case, single spaces, no "the", no punctuation."""
    text = name.lower().replace("’", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text.strip()


@dataclass(frozen=True)
class OrganisationEntry:
    """A body leads can name, and the other ways plans write its name.

    `slug` names an existing organisation (for example `south-wales-police`) or the one to
    create when it does not exist yet.
    """

    slug: str
    name_en: str
    aliases: tuple[str, ...] = ()
    name_cy: str = ""
    short_name: str = ""
    organisation_type: str = OrganisationType.OTHER
    known: bool = field(default=True, compare=False)


class AliasTable:
    """Looks lead names up by their name, short name or any alias, ignoring case."""

    def __init__(self, entries: Iterable[OrganisationEntry] = ()) -> None:
        self.entries = tuple(entries)
        self._index: dict[str, OrganisationEntry] = {}
        for entry in self.entries:
            for name in (entry.name_en, entry.short_name, *entry.aliases):
                if name:
                    self._index.setdefault(normalise_name(name), entry)

    def resolve(self, name: str) -> OrganisationEntry:
        """The entry for a lead name; a new body of that name when the table does not know it."""
        entry = self._index.get(normalise_name(name))
        if entry is not None:
            return entry
        clean = " ".join(name.split())
        return OrganisationEntry(
            slug=slugify(clean)[:120] or "organisation", name_en=clean[:200], known=False
        )

    def resolve_all(self, names: Iterable[str]) -> list[OrganisationEntry]:
        """Entries for several names, each body once, in the order first named."""
        result: list[OrganisationEntry] = []
        for name in names:
            entry = self.resolve(name)
            if all(existing.slug != entry.slug for existing in result):
                result.append(entry)
        return result
