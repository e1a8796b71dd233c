"""Whatever bytes arrive, reading them ends in a document or a clear refusal, never a crash."""

from __future__ import annotations

import codecs
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vawdasv.imports.document import SourceDocument, UnreadableDocument
from vawdasv.imports.readers import read_document
from vawdasv.imports.readers.sniff import OLE2_SIGNATURE

NAMES = st.sampled_from(["plan.docx", "plan.xlsx", "plan.pdf", "plan.csv", "plan.txt", "plan"])
# Start some inputs like a real format so the format readers, not only the sniffing, get junk.
PREFIXES = st.sampled_from(
    [b"", b"PK\x03\x04", b"%PDF-1.7\n", OLE2_SIGNATURE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE]
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        document = read_document(data, name)
    except UnreadableDocument as refusal:
        assert str(refusal)
    else:
        assert isinstance(document, SourceDocument)
        assert document.blocks


@FUZZ
@given(prefix=PREFIXES, body=st.binary(max_size=3000), name=NAMES)
def test_random_bytes_are_read_or_refused_as_unreadable(prefix, body, name):
    read_or_refuse(prefix + body, name)


@FUZZ
@given(
    member=st.sampled_from(["word/document.xml", "xl/workbook.xml"]),
    content=st.binary(max_size=2000),
    name=NAMES,
)
def test_office_packages_with_junk_inside_are_read_or_refused_as_unreadable(member, content, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content[:100])
        archive.writestr(member, content)
    read_or_refuse(buffer.getvalue(), name)
