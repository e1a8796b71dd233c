"""The outcomes framework (measures, indicators, denominators, benchmarks, targets) and the
quarterly data returns partners send in."""

from vawdasv.outcomes.models.framework import (
    Benchmark,
    Category,
    CategoryLabel,
    CategorySet,
    Denominator,
    DenominatorValue,
    Indicator,
    Measure,
    RagRule,
    Target,
    ValidationRule,
)
from vawdasv.outcomes.models.returns import DataReturn, ReturnEvent, ReturnValue

__all__ = [
    "Benchmark",
    "Category",
    "CategoryLabel",
    "CategorySet",
    "DataReturn",
    "Denominator",
    "DenominatorValue",
    "Indicator",
    "Measure",
    "RagRule",
    "ReturnEvent",
    "ReturnValue",
    "Target",
    "ValidationRule",
]
