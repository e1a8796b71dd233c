"""The translation workflow (ADR 0033): a strategy's untranslated texts, its approved updates'
narratives and its report text out as an .xlsx for a translator, and the Welsh back in.

It lives in progress because progress may read plans, and the export spans both.
"""
