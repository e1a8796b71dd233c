from decimal import Decimal

import pytest

from vawdasv.outcomes import expressions


def test_a_comparison_over_measure_codes_is_checked_with_the_given_figures():
    rule = expressions.parse("repeat_cases <= marac_cases")
    assert rule.names == {"repeat_cases", "marac_cases"}
    assert rule.holds({"repeat_cases": Decimal(3), "marac_cases": Decimal(10)}) is True
    assert rule.holds({"repeat_cases": Decimal(11), "marac_cases": Decimal(10)}) is False


def test_arithmetic_chained_comparisons_and_logic_are_allowed():
    rule = expressions.parse("0 <= pct <= 100 and (a + b) * 2 / 2 == total or not a > 0")
    assert rule.holds({"pct": Decimal(50), "a": Decimal(1), "b": Decimal(2), "total": Decimal(3)})
    assert not rule.holds(
        {"pct": Decimal(150), "a": Decimal(1), "b": Decimal(2), "total": Decimal(3)}
    )


def test_a_rule_does_not_apply_where_a_figure_is_missing_or_a_division_by_zero():
    assert expressions.parse("a <= b").holds({"a": Decimal(1), "b": None}) is None
    assert expressions.parse("a / b < 1").holds({"a": Decimal(1), "b": Decimal(0)}) is None


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true') == 0",
        "a.__class__ == b",
        "a[0] < 1",
        "(lambda: 1)() < 2",
        "'text' == a",
        "a ** 1000000 > 1",
        "a < b if a else b",
        "a",
        "a <",
        "[a] == [b]",
    ],
)
def test_anything_but_arithmetic_comparisons_is_refused_without_running_it(text):
    with pytest.raises(expressions.ExpressionError):
        expressions.parse(text)


def test_an_overlong_rule_is_refused():
    with pytest.raises(expressions.ExpressionError):
        expressions.parse(" + ".join(["a"] * 200) + " < 1")
