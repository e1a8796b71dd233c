import pytest

from tests.reviews.builders import CLEAN, review_docx, review_pdf
from vawdasv.reviews.extract import UnreadableReport, read_bounded, read_document, sentences


def test_sentences_keep_abbreviations_whole():
    text = "Dr. Jones saw her on 3 May. She was seen e.g. at home. It ended."
    assert sentences(text) == [
        "Dr. Jones saw her on 3 May.",
        "She was seen e.g. at home.",
        "It ended.",
    ]


def test_a_pdf_is_read_into_paragraphs_with_page_numbers():
    paragraphs = read_document(review_pdf(CLEAN), ".pdf")
    assert [p.page for p in paragraphs] == [1, 1, 2]
    assert paragraphs[1].text == "Information was not shared between the GP and South Wales Police."


def test_a_word_document_is_read_into_paragraphs():
    paragraphs = read_document(review_docx(["First paragraph.", "", "Second one."]), ".docx")
    assert [p.text for p in paragraphs] == ["First paragraph.", "Second one."]


def test_the_bounded_reader_gives_the_same_paragraphs_from_a_child_process():
    data = review_pdf(CLEAN)
    assert read_bounded(data, ".pdf") == read_document(data, ".pdf")


def test_a_broken_file_is_refused_with_a_reason_not_a_crash():
    with pytest.raises(UnreadableReport, match="could not be read"):
        read_bounded(b"%PDF-1.4 this is not really a PDF", ".pdf")
