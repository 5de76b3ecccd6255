"""Names shared by the model's modules."""

from __future__ import annotations

CATEGORIES = ("primary", "secondary", "tertiary")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

IntRange = tuple[int, int]
NumRange = tuple[float, float]
