"""Narrative plans and the paragraphs around plan tables.

National and regional strategies set out their plan in prose: an "Objective 1: …" or
"Strategic Priority 1: …" heading, paragraphs, then "We have:" and "We will:" lists. Each
objective becomes a theme with one commitment (the objective itself, its number as reference);
"We will" items become its actions and "We have" items are recorded as achievements.

Paragraphs inside a theme are kept as narrative. In a progress report they carry notes a
person must act on ("Date to be amended", "Change activity to: …"): those are picked out and
reported, linked to the sections the paragraph talks about.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from vawdasv.imports.cells import join_fragments, starts_lower
from vawdasv.imports.drafts import (
    FUTURE,
    TABLE,
    ActionDraft,
    CommitmentDraft,
    Place,
    PlanDraft,
    ThemeDraft,
    excerpt,
)
from vawdasv.imports.tables import ACTION_VERB

OBJECTIVE = re.compile(
    r"^(?:\[[^\]]*\]\s*)*(objective|strategic priority|priority|amcan|blaenoriaeth(?: strategol)?)"
    r"\s+(\d{1,2})\s*[:.\-–—]\s*(\S.*)$",
    re.IGNORECASE,
)
LIST_OPENER = re.compile(r"^(we will|we have|byddwn yn|rydym wedi)\b(.{0,200})$", re.IGNORECASE)
_NOTES = re.compile(
    r"(dates? to be amended|change activity to:?\s*[^*]+?(?=\s*\*|$)|"
    r"newid y gweithgaredd i:?\s*[^*]+?(?=\s*\*|$)|dyddiad i'w ddiwygio)",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"^(?:[\d¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}\s*)?(?:https?://|www\.)\S*$|^[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_NUMBERING = re.compile(r"^\d{1,2}[.)]\s+")
_FINISHED = re.compile(r"[.;:!?]['\"’”)]?$|\band$|\bor$")
_WILL, _HAVE = "will", "have"
_IMPLIED = "implied"  # bullets under a heading with no opener: actions only if they read so
# A paragraph that ends by opening a list: "Over the next two years we will:".
_ENDS_OPENING = re.compile(r"\b(we will|byddwn yn|we have|rydym wedi)\s*[:\-–—]$", re.IGNORECASE)
# Headings whose lists record what was done, not what will be.
ACHIEVEMENTS = re.compile(
    r"(achievements|what we have (done|achieved|delivered)|what we've (done|achieved)|"
    r"progress (so far|to date|made)|ein cyflawniadau|yr hyn rydym wedi ei wneud|cynnydd hyd yma)",
    re.IGNORECASE,
)
_ACTION_ITEM = re.compile(
    r"^(?:action|step|cam gweithredu|cam)\s+\d{1,3}[a-z]?\s*[:.\-–—]\s*(\S.*)$", re.IGNORECASE
)
_WE_WILL = re.compile(r"^(?:\d{1,2}[.)]\s+)?(?:we will|byddwn yn)\b", re.IGNORECASE)


class NarrativeReader:
    """Objective headings, their "We will"/"We have" lists, and paragraphs of narrative."""

    def __init__(self, plan: PlanDraft) -> None:
        self.plan = plan
        self.objective: tuple[str, str, str, Place] | None = None  # name, ref, text, place
        self.theme: ThemeDraft | None = None
        self.mode: str | None = None
        self.items: list[list[str]] = []
        self.item_places: list[Place] = []
        # Prose plans with no objective headings: the last heading names the theme.
        self.prose = False  # set when the document has no plan table at all
        self.section: tuple[str, Place] | None = None
        self.just_headed = False

    # Objectives and lists ------------------------------------------------------------------

    def read_line(self, text: str, style: str, place: Place) -> bool:
        """Read a line if it belongs to an objective or its lists; False when it does not."""
        if heading := OBJECTIVE.match(text):
            self.end_list()
            kind = heading.group(1)
            ref = heading.group(2)
            name = f"{kind[0].upper()}{kind[1:]} {ref}"
            self.objective = (name, ref, heading.group(3).strip(), place)
            self.theme = None
            return True
        headed, self.just_headed = self.just_headed, False
        if (item := _ACTION_ITEM.match(text)) and (self.prose or self.objective is not None):
            # "Action 3: Deliver …": one numbered action of the heading or objective above.
            if self.mode != _WILL:
                self.end_list()
                self.mode = _WILL
            self.start_item(item.group(1), place)
            return True
        opener_end = _ENDS_OPENING.search(text) if self.mode is None else None
        if opener_end and (self.prose or self.objective is not None):
            self.end_list()
            having = opener_end.group(1).lower() in ("we have", "rydym wedi")
            self.mode = _HAVE if having else _WILL
            return True
        listing = style == "bullet" and self.mode is None and self.prose
        if listing and self.starts_list(text, headed):
            return self.read_item(text, style, place)
        if style != "bullet" and (opener := LIST_OPENER.match(text)):
            rest = opener.group(2).strip()
            word = opener.group(1).lower()
            having = word in ("we have", "rydym wedi")
            # "We have developed our actions considering …;" introduces context, not a list of
            # achievements, so only a bare "We have:" opens one.
            if rest in ("", ":") or (not having and rest.endswith((":", ";"))):
                self.end_list()
                self.mode = _HAVE if having else _WILL
                return True
        if self.mode is None:
            return False
        if style == "heading":
            self.end_list()
            return False
        return self.read_item(text, style, place)

    def starts_list(self, text: str, headed: bool) -> bool:
        """Whether a bullet with no "We will:" above it starts a list of actions or achievements.

        In a prose plan: bullets straight under a heading, or items that say "We will" (under
        a heading or an objective); under an achievements heading they are achievements.
        """
        if self.objective is None and self.section and ACHIEVEMENTS.search(self.section[0]):
            if headed:
                self.mode = _HAVE
            return headed
        if _WE_WILL.match(text) and (headed or self.objective is not None):
            self.mode = _WILL
            return True
        if headed:
            self.mode = _IMPLIED
            return True
        return False

    def note_heading(self, text: str, place: Place, *, list_follows: bool) -> None:
        """A heading outside any table: in a prose plan it names the theme of the lists below.

        When the list straight below it turns out to be actions, the heading also ends the
        objective above (see `end_list`).
        """
        self.end_list()
        self.just_headed = list_follows
        self.section = (text.rstrip(" .") or text, place)

    def read_item(self, text: str, style: str, place: Place) -> bool:
        if _FOOTNOTE.match(text):
            return True  # a footnote or web address that a page break put inside the list
        previous = join_fragments(self.items[-1]) if self.items else ""
        unfinished = bool(previous) and not _FINISHED.search(previous)
        if text.lower() in ("and", "or", "a", "neu"):
            if self.items:
                self.items[-1].append(text)
            return True
        if style == "bullet":
            if starts_lower(text) and unfinished:
                self.items[-1].append(text)
            else:
                self.start_item(text, place)
            return True
        if not self.items:
            self.start_item(text, place)
            return True
        if starts_lower(text):
            if unfinished:
                self.items[-1].append(text)
            else:
                self.start_item(text, place)
            return True
        self.end_list()
        return False

    def start_item(self, text: str, place: Place) -> None:
        self.items.append([text])
        self.item_places.append(place)

    def end_list(self) -> None:
        """Record the list being read: actions for "We will", achievements for "We have"."""
        mode, items, places = self.mode, self.items, self.item_places
        self.mode, self.items, self.item_places = None, [], []
        if mode == _IMPLIED and not all(
            ACTION_VERB.match(_item_text(join_fragments(item))) for item in items
        ):
            # A list of facts or context under a heading, not a plan's actions: kept as the
            # paragraphs it would have been.
            for fragments, place in zip(items, places, strict=True):
                self.keep_paragraph(join_fragments(fragments), self.current_theme(), place)
            return
        guess = None
        if mode == _IMPLIED:
            self.objective, self.theme = None, None  # the heading starts a new section
            guess = _("a list under a heading, read as actions")
        for fragments, place in zip(items, places, strict=True):
            text = _item_text(join_fragments(fragments))
            if not text:
                continue
            if mode == _HAVE:
                theme = self.current_theme()
                self.plan.achievements.append(
                    {
                        "theme": theme.name if theme else None,
                        "text": text,
                        "location": place.location,
                    }
                )
            elif (commitment := self.current_commitment(place)) is not None:
                if self.objective is None and self.section is None:
                    guess = _("no heading above it: put in a section named after the document")
                commitment.actions.append(ActionDraft(place=place, text=[text], guess=guess))
            else:
                self.plan.warn(
                    place,
                    _(
                        "This “We will” item is not under an objective or priority heading, "
                        "so it was not read as an action: “%(text)s”."
                    )
                    % {"text": excerpt(text)},
                )

    def current_theme(self) -> ThemeDraft | None:
        if self.theme is None and self.objective is not None:
            name, _ref, text, place = self.objective
            self.theme = self.plan.find_theme(name) or self.plan.add_theme(place, name, aim=text)
        return self.theme

    def section_commitment(self, place: Place) -> CommitmentDraft | None:
        """In a prose plan, the commitment named by the heading above (or by the document)."""
        if not self.prose:
            return None
        if self.section is not None:
            name, place = self.section
        elif self.plan.title:
            name = self.plan.title  # no theme heading at all: one theme named from the document
            if self.plan.find_theme(name) is None:
                self.plan.warn(
                    place,
                    _(
                        "These actions are under no heading; they were put in one section "
                        "named after the document, “%(name)s”. Rename it if you need to."
                    )
                    % {"name": name},
                )
        else:
            return None
        theme = self.plan.find_theme(name) or self.plan.add_theme(place, name)
        self.theme = theme if self.section is not None else self.theme
        if not theme.commitments:
            theme.commitments.append(CommitmentDraft(place=place, ref=None, text=[name]))
        return theme.commitments[-1]

    def current_commitment(self, place: Place | None = None) -> CommitmentDraft | None:
        theme = self.current_theme()
        if theme is None or self.objective is None:
            return self.section_commitment(place) if place is not None else None
        if not theme.commitments:
            _name, ref, text, place = self.objective
            theme.commitments.append(CommitmentDraft(place=place, ref=ref, text=[text]))
        return theme.commitments[-1]

    # Paragraphs ----------------------------------------------------------------------------

    def keep_paragraph(
        self,
        text: str,
        theme: ThemeDraft | None,
        place: Place,
        *,
        emphasis: tuple[str, ...] = (),
        future: bool = False,
    ) -> None:
        """A paragraph inside a theme: kept as narrative, with its topic and any notes.

        `future` says the paragraph follows the theme's "Future activity" table. A paragraph
        that starts in lower case after one with no full stop is the rest of it, split by a
        page break, and is joined to it.
        """
        if theme is None:
            return
        part = FUTURE if future else TABLE
        previous = self.plan.narratives[-1] if self.plan.narratives else None
        same_block = (
            previous is not None
            and previous["theme"] == theme.name
            and previous.get("part") == part
        )
        if same_block and previous is not None and _cut_off(previous["text"], text):
            previous["text"] = f"{previous['text']} {text}"
            return
        self.plan.listing = None
        lowered = text.lower()
        sections = []
        for commitment in theme.commitments:
            name = join_fragments(commitment.text)
            if 3 <= len(name) <= 80 and name.lower() in lowered and name not in sections:
                sections.append(name)
        topic = _topic(text, emphasis, _section_names(theme, future=future))
        if topic is None and same_block and previous is not None:
            topic = previous["topic"]  # a further paragraph about the same section
        notes = [" ".join(match.group(1).split()) for match in _NOTES.finditer(text)]
        self.plan.narratives.append(
            {
                "theme": theme.name,
                "text": text,
                "location": place.location,
                "sections": sections,
                "notes": notes,
                "part": part,
                "topic": topic,
            }
        )
        for note in notes:
            about = topic or ", ".join(sections) or theme.name
            self.plan.warn(
                place,
                _("The report notes “%(note)s” about %(about)s; check the action and its date.")
                % {"note": note, "about": about},
            )


_SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]?$")


def _cut_off(previous: str, text: str) -> bool:
    """Whether `text` is the rest of the paragraph `previous` (a page break between them)."""
    return starts_lower(text) and not _SENTENCE_END.search(previous.rstrip())


def _section_names(theme: ThemeDraft, *, future: bool) -> list[str]:
    """The sections of the theme's table (or of its "Future activity" table), in order."""
    names: list[str] = []
    for commitment in theme.commitments:
        name = join_fragments(commitment.text)
        in_part = any(action.future_activity == future for action in commitment.actions)
        if in_part and name and name not in names:
            names.append(name)
    return names


def _topic(text: str, emphasis: tuple[str, ...], names: list[str]) -> str | None:
    """The section a paragraph is about.

    The board's reports set the topic in bold or italics ("**Restorative Justice** practices
    can be…", "the regional *Governance* structure"): the first such words that name a section
    of the table, or begin its name ("White Ribbon" for "White Ribbon Campaign"), win. With no
    emphasis to go by (a converted PDF), the section named first in the paragraph.
    """
    keys = [(name, _key(name)) for name in names]
    for words in emphasis:
        wanted = _key(words)
        if len(wanted) < 3:
            continue
        for name, key in keys:
            if key == wanted or key.startswith(f"{wanted} "):
                return name
    lowered = _key(text)
    found = [(lowered.find(key), name) for name, key in keys if len(key) >= 3 and key in lowered]
    return min(found)[1] if found else None


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _item_text(text: str) -> str:
    text = _NUMBERING.sub("", text.strip())
    text = re.sub(r"^(?:we will|byddwn yn)\s*[:;,-]?\s*", "", text, flags=re.IGNORECASE)
    text = text.strip()
    return text[:1].upper() + text[1:]
