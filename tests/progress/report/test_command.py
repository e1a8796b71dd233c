"""`vawdasv progress-report`: list the strategies, write a report, or exit 2 saying why."""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("progress_report", *args, stdout=out)
    return out.getvalue()


def test_list_prints_each_strategys_slug_and_title_one_a_line(plan, world):
    lines = _run("--list").splitlines()
    assert f"cv-2018\t{plan.strategy.title_en}" in lines
    assert any(line.startswith("cv-2023\t") for line in lines)
    assert len(lines) == 4  # the world's three strategies and this one


@pytest.mark.parametrize("language", ["en", "cy"])
def test_writes_the_word_report(plan, tmp_path, language):
    output = tmp_path / "report.docx"
    _run("--strategy", "cv-2018", "--period", "2018/19", "--format", "docx",
         "--language", language, "--output", str(output))  # fmt: skip
    document = docx.Document(str(output))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    expected = {"en": "Provide a male IDSVA resource", "cy": "Darparu adnodd IDSVA gwrywaidd"}
    assert expected[language] in cells


def test_writes_the_pdf_and_html_reports(plan, tmp_path):
    pdf_file, html_file = tmp_path / "r.pdf", tmp_path / "r.html"
    _run("--strategy", "cv-2018", "--period", "2018/19", "--format", "pdf", "--output",
         str(pdf_file))  # fmt: skip
    _run("--strategy", "cv-2018", "--period", "2018/19", "--format", "html", "--language", "cy",
         "--output", str(html_file))  # fmt: skip
    with pdfplumber.open(str(pdf_file)) as pdf:
        assert "StructTreeRoot" in pdf.doc.catalog
    page = html_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="cy">' in page
    assert "PARATOI" in page


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--strategy", "nope", "--period", "2018/19"], "Unknown strategy 'nope'"),
        (["--strategy", "cv-2018", "--period", "2018-2019"], "Bad period '2018-2019'"),
        (["--strategy", "cv-2018", "--period", "2018/19", "--format", "odt"], "Bad format 'odt'"),
        (["--strategy", "cv-2018", "--period", "2018/19", "--language", "fr"], "Bad language"),
        (["--strategy", "cv-2018", "--period", "2018/19"], "--output"),
        (["--period", "2018/19"], "--strategy"),
    ],
)
def test_unusable_input_exits_2_with_the_reason(plan, tmp_path, args, reason):
    if "--output" not in args and reason != "--output":
        args = [*args, "--output", str(tmp_path / "x")]
    with pytest.raises(CommandError) as raised:
        _run(*args)
    assert raised.value.returncode == 2
    assert reason in str(raised.value)
    assert not (tmp_path / "x").exists()
