"""The translator's workbook: one row per text that needs Welsh, written through lib/tabular.

Columns: key, where, English, current Welsh, Welsh (to fill), state, and a hidden fingerprint
of the English as exported, so an import can tell when the English moved in between. The
workbook names the strategy it was made for (its identifier), so another plan's file is refused.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from vawdasv.core.translation_state import State
from vawdasv.lib import tabular
from vawdasv.plans.models import Strategy
from vawdasv.progress.translation.strings import TranslationString, strategy_strings

SHEET = "translation"  # part of the file format, never translated
IDENTIFIER_PREFIX = "vawdasv-translation:"
COLUMNS = 7
KEY, WHERE, ENGLISH, WELSH_NOW, WELSH_NEW, STATE, FINGERPRINT = range(COLUMNS)
_WIDTHS = (22, 40, 60, 60, 60, 24, 10)


def identifier(strategy: Strategy) -> str:
    return f"{IDENTIFIER_PREFIX}{strategy.slug}"


def to_translate(strategy: Strategy) -> list[TranslationString]:
    """Texts with no Welsh, or whose English changed since the Welsh was written."""
    return [s for s in strategy_strings(strategy) if s.state != State.TRANSLATED]


def export_xlsx(strategy: Strategy) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    workbook.properties.identifier = identifier(strategy)
    workbook.properties.title = strategy.title_en[:200]
    headings = [
        _("Key (do not change)"),
        _("Where"),
        _("English"),
        _("Current Welsh"),
        _("Welsh (to fill)"),
        _("State"),
        _("English fingerprint (do not change)"),
    ]
    for cell in tabular.append_row(sheet, headings):
        cell.font = Font(bold=True)
    for string in to_translate(strategy):
        cells = tabular.append_row(
            sheet,
            [
                string.key,
                string.where,
                string.english,
                string.welsh,
                "",
                str(string.state.label),
                string.english_fingerprint,
            ],
        )
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(_WIDTHS):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["G"].hidden = True
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(strategy: Strategy) -> str:
    return f"{strategy.slug}-translation.xlsx"
