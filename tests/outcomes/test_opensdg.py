"""The Open SDG CSV layout: columns, statuses, and nothing withheld or executable in the file."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from vawdasv.outcomes.disclosure import CellState
from vawdasv.outcomes.opensdg import WALES_GEOCODE, Row, Status, csv_bytes, status_of


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_file_has_year_the_disaggregations_geocode_units_value_and_status() -> None:
    rows = [
        Row(
            "2025/26 Q2",
            WALES_GEOCODE,
            "cases per 10,000 adult females",
            Status.VALUE,
            Decimal("41.3"),
        ),
        Row("2025/26 Q2", "W06000015", "count", Status.VALUE, 12, {"Sex": "Female"}),
        Row("2016/17", "dyfed-powys", "count", Status.VALUE, 0, {"Age band": "18-24"}),
    ]

    lines = _read(csv_bytes(rows))

    assert lines == [
        ["Year", "Sex", "Age band", "GeoCode", "Units", "Value", "Status"],
        ["2025/26 Q2", "", "", "W92000004", "cases per 10,000 adult females", "41.3", "value"],
        ["2025/26 Q2", "Female", "", "W06000015", "count", "12", "value"],
        ["2016/17", "", "18-24", "dyfed-powys", "count", "0", "value"],
    ]


def test_value_is_empty_unless_the_status_is_value_even_if_a_number_was_passed() -> None:
    rows = [
        Row("2025/26 Q1", "W06000015", "count", Status.SUPPRESSED, 3),
        Row("2025/26 Q1", "W06000014", "count", Status.MISSING),
        Row("2025/26 Q1", "W06000022", "count", Status.NOT_APPLICABLE),
        Row("2025/26 Q1", "W06000023", "rate", Status.DENOMINATOR_MISSING, Decimal("7.5")),
    ]

    lines = _read(csv_bytes(rows))

    assert [line[-2:] for line in lines[1:]] == [
        ["", "suppressed"],
        ["", "missing"],
        ["", "not applicable"],
        ["", "denominator missing"],
    ]
    assert b"7.5" not in csv_bytes(rows)


def test_the_disaggregation_columns_can_be_fixed_so_every_period_has_the_same_file_shape() -> None:
    rows = [Row("2016/17", "W06000008", "count", Status.VALUE, 48)]

    lines = _read(csv_bytes(rows, disaggregations=["Sex", "Ethnic group"]))

    assert lines[0] == ["Year", "Sex", "Ethnic group", "GeoCode", "Units", "Value", "Status"]
    assert lines[1] == ["2016/17", "", "", "W06000008", "count", "48", "value"]


def test_text_that_a_spreadsheet_would_run_is_neutralised_and_negative_numbers_stay_numbers() -> (
    None
):
    rows = [Row("2025/26 Q3", "W06000015", "=HYPERLINK(1)", Status.VALUE, -4, {"Sex": "+x"})]

    lines = _read(csv_bytes(rows))

    assert lines[1] == ["2025/26 Q3", "'+x", "W06000015", "'=HYPERLINK(1)", "-4", "value"]


def test_decimals_are_written_without_exponents() -> None:
    rows = [Row("2016/17", WALES_GEOCODE, "rate", Status.VALUE, Decimal("1E+1"))]

    assert _read(csv_bytes(rows))[1][-2] == "10"


def test_a_value_status_without_a_value_or_with_a_float_is_refused() -> None:
    with pytest.raises(ValueError, match="there is none"):
        Row("2016/17", WALES_GEOCODE, "count", Status.VALUE)
    with pytest.raises(TypeError, match="never floats"):
        Row("2016/17", WALES_GEOCODE, "rate", Status.VALUE, 0.1)  # type: ignore[arg-type]


def test_a_row_with_a_disaggregation_outside_the_columns_is_refused() -> None:
    rows = [Row("2016/17", WALES_GEOCODE, "count", Status.VALUE, 5, {"Sex": "Male"})]

    with pytest.raises(ValueError, match="no column Sex"):
        csv_bytes(rows, disaggregations=["Age band"])


def test_a_disaggregation_cannot_take_a_fixed_columns_name() -> None:
    rows = [Row("2016/17", WALES_GEOCODE, "count", Status.VALUE, 5, {"Value": "x"})]

    with pytest.raises(ValueError, match="cannot be called Value"):
        csv_bytes(rows)


def test_disclosure_states_map_to_status_words() -> None:
    assert status_of(CellState.PRIMARY) is Status.SUPPRESSED
    assert status_of(CellState.SECONDARY) is Status.SUPPRESSED
    assert status_of(CellState.VALUE) is Status.VALUE
    assert status_of(CellState.MISSING) is Status.MISSING
    assert status_of(CellState.MISSING, Status.NOT_APPLICABLE) is Status.NOT_APPLICABLE
