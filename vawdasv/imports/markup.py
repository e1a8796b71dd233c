"""Text out of cells and lines that may carry bits of HTML from a conversion.

Plans converted to text or pasted from Word keep some layout markup: `<br>` and `<p>` for line
breaks, `<b>`, `<span style=…>` or Word's `<o:p>` around words. Such layout tags are turned into
line breaks or dropped. Entities are decoded FIRST, exactly once, and everything else is kept as
the text it is: `&lt;h2&gt;` and a literal `<script>` both end up as characters the pages escape
when they show them. Removing tags is tidying, never what keeps a page safe (templates escape).
"""

from __future__ import annotations

import html
import re

from vawdasv.lib.text import normalise_text

# Tags that only break a line in converted tables.
_LINE_BREAK = re.compile(r"<br\s*/?>|</p\s*>\s*<p\b[^<>]*>|</?(?:li|div|p)\b[^<>]*>", re.IGNORECASE)
# Layout and emphasis tags that carry no words: dropped. Anything else that looks like a tag
# (<h2>, <script>, <meta …>) is text someone wrote, and is kept as such.
_LAYOUT_TAG = re.compile(
    r"</?(?:a|b|strong|i|em|u|s|strike|span|font|sup|sub|small|big|mark|ul|ol|"
    r"table|thead|tbody|tfoot|tr|td|th|col|colgroup|caption|[a-z]+:[a-z]+)\b[^<>]*>",
    re.IGNORECASE,
)


def decode_markup(raw: str, *, line_break: str = "\n") -> str:
    """Plain text: entities decoded once, layout tags removed or turned into `line_break`."""
    text = normalise_text(html.unescape(raw))
    text = _LINE_BREAK.sub(line_break, text)
    return _LAYOUT_TAG.sub("", text)
