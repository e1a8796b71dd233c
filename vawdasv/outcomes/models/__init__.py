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
    MaracArea,
    Measure,
    RagRule,
    Target,
    ValidationRule,
)
from vawdasv.outcomes.models.publication import (
    DisclosureSetting,
    FigureStatus,
    Publication,
    PublishedFigure,
    Suppression,
)
from vawdasv.outcomes.models.returns import DataReturn, ReturnEvent, ReturnReminder, ReturnValue

__all__ = [
    "Benchmark",
    "Category",
    "CategoryLabel",
    "CategorySet",
    "DataReturn",
    "Denominator",
    "DenominatorValue",
    "DisclosureSetting",
    "FigureStatus",
    "Indicator",
    "MaracArea",
    "Measure",
    "Publication",
    "PublishedFigure",
    "RagRule",
    "ReturnEvent",
    "ReturnReminder",
    "ReturnValue",
    "Suppression",
    "Target",
    "ValidationRule",
]
