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


def test_every_paragraph_of_a_pdf_is_read_whole_with_its_page_even_across_wrapped_lines():
    long = (
        "The panel found that agencies did not share what they knew about the controlling "
        "behaviour, that the risk assessment was not repeated after the second incident, and "
        "that nobody asked Adult A about money, although the debts were in her name."
    )
    pages = [[long, "Ni rannwyd gwybodaeth rhwng y meddyg teulu a'r heddlu."], [*CLEAN[1]]]
    paragraphs = read_document(review_pdf(pages), ".pdf")
    assert [(p.page, p.text) for p in paragraphs] == [
        (1, long),
        (1, "Ni rannwyd gwybodaeth rhwng y meddyg teulu a'r heddlu."),
        (2, CLEAN[1][0]),
    ]


def test_a_word_document_is_read_into_paragraphs():
    paragraphs = read_document(review_docx(["First paragraph.", "", "Second one."]), ".docx")
    assert [p.text for p in paragraphs] == ["First paragraph.", "Second one."]


def test_the_bounded_reader_gives_the_same_paragraphs_from_a_child_process():
    data = review_pdf(CLEAN)
    assert read_bounded(data, ".pdf") == read_document(data, ".pdf")


def test_a_broken_file_is_refused_with_a_reason_not_a_crash():
    with pytest.raises(UnreadableReport, match="could not be read"):
        read_bounded(b"%PDF-1.4 this is not really a PDF", ".pdf")


def test_the_child_process_says_why_in_the_readers_language():
    from django.utils import translation

    with translation.override("cy"), pytest.raises(UnreadableReport) as refused:
        read_bounded(b"%PDF-1.4 this is not really a PDF", ".pdf")
    assert str(refused.value) == "Nid oedd modd darllen y ffeil fel adroddiad."
