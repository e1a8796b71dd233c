"""Validation rules administrators write over measure codes, read safely.

"repeat_cases <= marac_cases", "male + female <= total", "0 <= pct_repeat <= 100". The text is
parsed with `ast` and walked against a whitelist: names (measure codes), numbers, + - * /,
comparisons, and/or/not and parentheses. Nothing is ever passed to eval or compile, so a rule
cannot call, index, import or reach an attribute.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_LENGTH = 500
MAX_NODES = 200

_BINARY: dict[type[ast.operator], Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Decimal, Decimal], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


class ExpressionError(ValueError):
    """The rule is not one this module reads; the message says why, for the administrator."""


class _Unknown(Exception):
    """A name has no number in this cell (blank, not available…): the rule does not apply."""


@dataclass(frozen=True)
class Rule:
    text: str
    tree: ast.Expression
    names: frozenset[str]

    def holds(self, values: Mapping[str, Decimal | None]) -> bool | None:
        """True or False for these values; None when a measure it names has no number."""
        try:
            return bool(_evaluate(self.tree.body, values))
        except _Unknown:
            return None
        except (ZeroDivisionError, InvalidOperation):
            return None


def parse(text: str) -> Rule:
    """A Rule, or ExpressionError naming what is not allowed."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(_("A rule can be at most %(n)s characters.") % {"n": MAX_LENGTH})
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        message = _("This rule cannot be read: %(error)s") % {"error": error.msg}
        raise ExpressionError(message) from error
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise ExpressionError(_("This rule is too long."))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise ExpressionError(_("A rule may contain only numbers and measure codes."))
        elif not isinstance(node, _ALLOWED):
            raise ExpressionError(
                _("A rule may use only measure codes, numbers, + - * /, comparisons, and, or, not.")
            )
    if not isinstance(tree.body, ast.Compare | ast.BoolOp) and not (
        isinstance(tree.body, ast.UnaryOp) and isinstance(tree.body.op, ast.Not)
    ):
        raise ExpressionError(_("A rule must compare something, for example a <= b."))
    return Rule(text.strip(), tree, frozenset(names))


_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Load,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or,
    ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq,
)  # fmt: skip


def _evaluate(node: ast.expr, values: Mapping[str, Decimal | None]) -> Decimal | bool:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        value = values.get(node.id)
        if value is None:
            raise _Unknown
        return value
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        if isinstance(node.op, ast.Not):
            return not operand
        return -Decimal(operand) if isinstance(node.op, ast.USub) else Decimal(operand)
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](
            Decimal(_evaluate(node.left, values)), Decimal(_evaluate(node.right, values))
        )
    if isinstance(node, ast.BoolOp):
        results = [bool(_evaluate(v, values)) for v in node.values]
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.Compare):
        left = Decimal(_evaluate(node.left, values))
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = Decimal(_evaluate(comparator, values))
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    raise ExpressionError(_("This rule cannot be read."))  # parse() lets nothing else through
