import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vawdasv.outcomes import spreadsheet
from vawdasv.outcomes.models import ReturnValue
from vawdasv.outcomes.services import returns

CARDIFF, VALE = "W06000015", "W06000014"


def filled(data_return, edits):
    """The platform's own template with some value cells filled in (row → value)."""
    content = spreadsheet.template(data_return, {})
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Return"]
    for row in range(3, sheet.max_row + 1):
        key = (sheet.cell(row, 1).value, sheet.cell(row, 2).value or "", sheet.cell(row, 3).value)
        if key in edits:
            sheet.cell(row, 4).value = edits[key]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TOTALS = {
    ("marac_cases", "", CARDIFF): 40, ("marac_cases", "", VALE): "0",
    ("repeat_cases", "", CARDIFF): 12, ("repeat_cases", "", VALE): "x",
}  # fmt: skip


def test_the_template_lists_every_cell_of_the_return(outcomes):
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet.template(outcomes.data_return, {})))
    rows = list(book["Return"].iter_rows(values_only=True))
    assert rows[0][:2] == ("return", outcomes.data_return.pk)
    assert rows[1] == spreadsheet.HEADER
    # two measures × two areas, and marac_cases by two sexes × two areas
    assert len(rows) - 2 == 4 + 4


def test_an_uploaded_template_is_saved_with_each_state(world, outcomes):
    returns.upload_values(
        actor=world.lead, data_return=outcomes.data_return, name="q2.xlsx",
        content=filled(outcomes.data_return, TOTALS),
    )  # fmt: skip
    assert ReturnValue.objects.get(measure__code="marac_cases", area__gss_code=VALE).state == "zero"
    assert outcomes.data_return.events.get().kind == "uploaded"


def test_one_bad_value_names_sheet_row_and_column_and_saves_nothing(world, outcomes):
    edits = {**TOTALS, ("repeat_cases", "", VALE): "lots"}
    with pytest.raises(spreadsheet.UploadRefused) as refused:
        returns.upload_values(
            actor=world.lead, data_return=outcomes.data_return, name="q2.xlsx",
            content=filled(outcomes.data_return, edits),
        )  # fmt: skip
    [problem] = refused.value.problems
    assert (problem.sheet, problem.column) == ("Return", "D") and problem.row > 2
    assert str(problem).startswith(f"Return, row {problem.row}, column D: Not a value")
    assert not ReturnValue.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("q2.xlsx", b"not a zip", "not an .xlsx"),
        ("q2.docx", b"PK", "Upload an .xlsx or .csv"),
        (
            "q2.csv",
            b"return,999,2025/26 Q2\nmeasure,category,area,value,comment\n",
            "not the template",
        ),
        ("q2.csv", b"\xff\xfe", "UTF-8"),
    ],
)
def test_a_wrong_file_is_refused_with_a_clear_message(world, outcomes, name, content, message):
    with pytest.raises(spreadsheet.UploadRefused, match=message):
        returns.upload_values(
            actor=world.lead, data_return=outcomes.data_return, name=name, content=content
        )
    assert not ReturnValue.objects.exists()


def test_a_csv_with_the_same_columns_is_accepted(world, outcomes):
    pk = outcomes.data_return.pk
    content = (
        f"return,{pk},2025/26 Q2\nmeasure,category,area,value,comment\n"
        f"marac_cases,,{CARDIFF},41,\nrepeat_cases,,{CARDIFF},z,No repeats process yet\n"
    ).encode()
    returns.upload_values(
        actor=world.lead, data_return=outcomes.data_return, name="q2.csv", content=content
    )
    assert ReturnValue.objects.get(measure__code="repeat_cases").comment == "No repeats process yet"


def test_the_upload_page_shows_the_location_of_a_problem(client, world, outcomes):
    client.force_login(world.lead)
    edits = {**TOTALS, ("marac_cases", "", CARDIFF): "forty"}
    response = client.post(
        f"/outcomes/returns/{outcomes.data_return.pk}/upload/",
        {"file": SimpleUploadedFile("q2.xlsx", filled(outcomes.data_return, edits))},
    )
    assert response.status_code == 400
    assert "Return, row 4, column D: Not a value" in response.content.decode()  # Vale is row 3
    template = client.get(f"/outcomes/returns/{outcomes.data_return.pk}/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
